"""The complaints register (reclami): each complaint, and the steps of its handling."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.models import AuditFiled, CreatedOnce
from organisation.models import Ambito


class Complaint(AuditFiled, CreatedOnce):
    """Reclamo: a complaint about the services, with its handling and the answer within the deadline."""

    class Canale(models.TextChoices):
        TELEFONO = "telefono", _("Telefono")
        EMAIL = "email", _("E-mail / PEC")
        PERSONA = "persona", _("Di persona")
        LETTERA = "lettera", _("Lettera")
        MODULO = "modulo", _("Modulo reclami")

    class Categoria(models.TextChoices):
        ACCESSO = "accesso", _("Accesso e tempi")
        QUALITA = "qualita", _("Qualità degli interventi")
        RELAZIONE = "relazione", _("Relazione con gli operatori")
        PRIVACY = "privacy", _("Riservatezza e dati")
        ALTRO = "altro", _("Altro")

    class Esito(models.TextChoices):
        ACCOLTO = "accolto", _("Accolto")
        PARZIALE = "parziale", _("Accolto in parte")
        RESPINTO = "respinto", _("Non accolto")

    ambito = models.ForeignKey(Ambito, on_delete=models.PROTECT, related_name="reclami")
    numero = models.PositiveIntegerField(_("numero"))
    ricevuto_il = models.DateField(_("ricevuto il"))
    canale = models.CharField(_("canale"), max_length=12, choices=Canale.choices)
    categoria = models.CharField(_("categoria"), max_length=12, choices=Categoria.choices)
    servizio = models.CharField(_("servizio interessato"), max_length=200, blank=True)
    descrizione = models.TextField(_("descrizione"))
    risposta_entro = models.DateField(_("risposta entro il"))
    risposta = models.TextField(_("risposta"), blank=True)
    risposto_il = models.DateField(_("risposto il"), null=True, blank=True)
    esito = models.CharField(_("esito"), max_length=12, choices=Esito.choices, blank=True)
    registrato_da = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("reclamo")
        verbose_name_plural = _("reclami")
        ordering = ["-ricevuto_il", "-numero"]
        constraints = [models.UniqueConstraint(fields=["ambito", "numero"], name="complaint_number_unique")]
        indexes = [models.Index(fields=["ambito", "ricevuto_il"])]

    def __str__(self) -> str:
        return f"Reclamo n. {self.numero}/{self.ricevuto_il:%Y}"


class ComplaintStep(AuditFiled):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="passi")
    data = models.DateField(_("data"))
    testo = models.TextField(_("che cosa è stato fatto"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("passo della gestione")
        verbose_name_plural = _("passi della gestione")
        ordering = ["complaint", "data", "pk"]

    def __str__(self) -> str:
        return self.testo[:80]

    audit_ambito = "complaint.ambito_id"
