"""Territorial context: population and minors per comune and year, and the services' caseload over time
(entered by the Ufficio di Piano or imported from an ISTAT-style CSV), so that figures become rates."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.models import AuditFiled
from organisation.models import Ambito, Ente


class DatoComune(AuditFiled):
    comune = models.ForeignKey(Ente, verbose_name=_("comune"), on_delete=models.CASCADE, related_name="dati")
    anno = models.PositiveSmallIntegerField(_("anno (al 1° gennaio)"))
    popolazione = models.PositiveIntegerField(_("residenti"))
    minori = models.PositiveIntegerField(_("residenti minorenni"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("dato demografico del comune")
        verbose_name_plural = _("dati demografici dei comuni")
        constraints = [models.UniqueConstraint(fields=["comune", "anno"], name="dato_comune_per_anno")]
        ordering = ["-anno", "comune__nome"]

    def __str__(self) -> str:
        return f"{self.comune} {self.anno}"

    audit_ambito = "comune.ambito_id"


class CaricoServizi(AuditFiled):
    class Voce(models.TextChoices):
        PROGETTI = "progetti", _("Progetti individualizzati")
        DOMICILIARE = "domiciliare", _("Famiglie in assistenza domiciliare")
        ANTIVIOLENZA = "antiviolenza", _("Donne accolte dalla rete antiviolenza")
        COMUNITA = "comunita", _("Persone in comunità alloggio")
        TUTELA = "tutela", _("Minori in tutela")
        SPAZIO_NEUTRO = "spazio_neutro", _("Progetti di Spazio Neutro")

    ambito = models.ForeignKey(Ambito, on_delete=models.CASCADE, related_name="+")
    anno = models.PositiveSmallIntegerField(_("anno (al 1° gennaio)"))
    voce = models.CharField(_("voce"), max_length=20, choices=Voce.choices)
    numero = models.PositiveIntegerField(_("numero"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("carico dei servizi")
        verbose_name_plural = _("carichi dei servizi")
        constraints = [models.UniqueConstraint(fields=["ambito", "anno", "voce"], name="carico_per_anno_e_voce")]
        ordering = ["-anno", "voce"]

    def __str__(self) -> str:
        return f"{self.get_voce_display()} {self.anno}: {self.numero}"

