"""Governance bodies, their members and meetings: attendance, decisions and follow-up actions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.models import AuditFiled, CreatedOnce, Versioned
from organisation.models import Ambito


class Body(AuditFiled):
    """A governance body of the programme: Cabina di Regia, Coordinamento, Gruppo Territoriale..."""

    class Tipo(models.TextChoices):
        CABINA = "cabina_regia", _("Cabina di Regia")
        COORDINAMENTO = "coordinamento", _("Coordinamento per lo Sviluppo della Sperimentazione")
        GRUPPO_TERRITORIALE = "gruppo_territoriale", _("Gruppo Territoriale")
        TAVOLO_1000 = "tavolo_1000_giorni", _("Tavolo 1000 giorni")
        EQUIPE = "equipe", _("Riunioni d'équipe")
        ALTRO = "altro", _("Altro")

    ambito = models.ForeignKey(Ambito, on_delete=models.PROTECT, related_name="organismi")
    tipo = models.CharField(_("tipo"), max_length=30, choices=Tipo.choices)
    nome = models.CharField(_("nome"), max_length=200)
    descrizione = models.TextField(_("compiti"), blank=True)

    class Meta:
        verbose_name = _("organismo")
        verbose_name_plural = _("organismi")
        ordering = ["nome"]
        constraints = [models.UniqueConstraint(fields=["ambito", "nome"], name="body_unique_name")]

    def __str__(self) -> str:
        return self.nome


class BodyMember(AuditFiled):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="componenti")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True,
                             related_name="organismi")
    nome = models.CharField(_("nome (se non ha un accesso)"), max_length=200, blank=True)
    ente = models.CharField(_("ente"), max_length=200, blank=True)
    ruolo = models.CharField(_("ruolo nell'organismo"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("componente")
        verbose_name_plural = _("componenti")
        ordering = ["body", "nome", "pk"]
        constraints = [models.UniqueConstraint(fields=["body", "user"], condition=models.Q(user__isnull=False),
                                               name="body_member_unique_user")]

    def __str__(self) -> str:
        return str(self.user) if self.user_id else self.nome

    audit_ambito = "body.ambito_id"


class Meeting(AuditFiled, Versioned, CreatedOnce):
    class Stato(models.TextChoices):
        PROGRAMMATA = "programmata", _("Programmata")
        SVOLTA = "svolta", _("Svolta")
        ANNULLATA = "annullata", _("Annullata")

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="riunioni")
    inizio = models.DateTimeField(_("data e ora"))
    luogo = models.CharField(_("luogo"), max_length=200, blank=True)
    ordine_del_giorno = models.TextField(_("ordine del giorno"))
    stato = models.CharField(_("stato"), max_length=12, choices=Stato.choices, default=Stato.PROGRAMMATA)
    verbale = models.TextField(_("verbale"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("riunione")
        verbose_name_plural = _("riunioni")
        ordering = ["-inizio"]
        indexes = [models.Index(fields=["body", "inizio"])]

    def __str__(self) -> str:
        return f"{self.body} — {self.inizio:%d/%m/%Y}"

    audit_ambito = "body.ambito_id"


class Attendance(AuditFiled):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="presenze")
    member = models.ForeignKey(BodyMember, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    nome = models.CharField(_("nome"), max_length=200)
    ente = models.CharField(_("ente"), max_length=200, blank=True)
    presente = models.BooleanField(_("presente"), default=True)

    class Meta:
        verbose_name = _("presenza")
        verbose_name_plural = _("presenze")
        ordering = ["meeting", "nome"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], condition=models.Q(member__isnull=False),
                                    name="attendance_unique_member"),
            models.UniqueConstraint(fields=["meeting", "nome"], name="attendance_unique_name"),
        ]

    def __str__(self) -> str:
        return self.nome

    audit_ambito = "meeting.body.ambito_id"


class Decision(AuditFiled):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisioni")
    testo = models.TextField(_("decisione"))

    class Meta:
        verbose_name = _("decisione")
        verbose_name_plural = _("decisioni")
        ordering = ["meeting", "pk"]

    def __str__(self) -> str:
        return self.testo[:80]

    audit_ambito = "meeting.body.ambito_id"


class FollowUp(AuditFiled):
    """An action decided in a meeting, with its owner and due date (shown on the owner's dashboard)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="azioni")
    descrizione = models.TextField(_("che cosa"))
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="azioni_governance",
                              verbose_name=_("chi"))
    scadenza = models.DateField(_("entro il"))
    fatto_il = models.DateField(_("fatto il"), null=True, blank=True)

    class Meta:
        verbose_name = _("azione di follow-up")
        verbose_name_plural = _("azioni di follow-up")
        ordering = ["scadenza", "pk"]
        indexes = [models.Index(fields=["owner", "fatto_il"])]

    def __str__(self) -> str:
        return self.descrizione[:80]

    audit_ambito = "meeting.body.ambito_id"
