"""Training events (formazione, consulenza, supervisione) with their sessions and participants, and the
partners' staff register."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.models import AuditFiled
from organisation.models import Ambito, Professione


class TrainingEvent(AuditFiled):
    """Formazione, consulenza su casi, supervisione: with the needs assessed first and a summary at the end."""

    class Tipo(models.TextChoices):
        FORMAZIONE = "formazione", _("Formazione")
        CONSULENZA = "consulenza", _("Consulenza su casi")
        SUPERVISIONE = "supervisione", _("Supervisione")

    ambito = models.ForeignKey(Ambito, on_delete=models.PROTECT, related_name="formazioni")
    tipo = models.CharField(_("tipo"), max_length=14, choices=Tipo.choices)
    titolo = models.CharField(_("titolo"), max_length=200)
    bisogni = models.TextField(_("bisogni formativi rilevati"), blank=True)
    docenti = models.CharField(_("docenti / conduttori"), max_length=300, blank=True)
    questionario = models.ForeignKey("quality.Survey", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("questionario di gradimento"))

    class Meta:
        verbose_name = _("evento formativo")
        verbose_name_plural = _("eventi formativi")
        ordering = ["-pk"]

    def __str__(self) -> str:
        return self.titolo


class TrainingSession(AuditFiled):
    event = models.ForeignKey(TrainingEvent, on_delete=models.CASCADE, related_name="sessioni")
    data = models.DateField(_("data"))
    ore = models.DecimalField(_("ore"), max_digits=4, decimal_places=1)
    luogo = models.CharField(_("luogo"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("sessione")
        verbose_name_plural = _("sessioni")
        ordering = ["event", "data"]

    def __str__(self) -> str:
        return f"{self.event} {self.data:%d/%m/%Y}"

    audit_ambito = "event.ambito_id"


class TrainingParticipant(AuditFiled):
    event = models.ForeignKey(TrainingEvent, on_delete=models.CASCADE, related_name="partecipanti")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+")
    nome = models.CharField(_("nome e cognome"), max_length=200)
    ente = models.CharField(_("ente"), max_length=200, blank=True)
    esterno = models.BooleanField(_("esterno"), default=False)
    presenze = models.ManyToManyField(TrainingSession, blank=True, related_name="presenti")

    class Meta:
        verbose_name = _("partecipante")
        verbose_name_plural = _("partecipanti")
        ordering = ["event", "nome"]
        constraints = [models.UniqueConstraint(fields=["event", "nome"], name="participant_unique_name")]

    def __str__(self) -> str:
        return self.nome

    audit_ambito = "event.ambito_id"


def cv_upload_path(instance: "StaffMember", filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"cv/{instance.ente.ambito_id}/{uuid.uuid4().hex}.{suffix}"


class StaffMember(AuditFiled):
    """The partners' staff register (seed 004): who works in the programme, with what qualifications."""

    ente = models.ForeignKey("organisation.Ente", on_delete=models.PROTECT, related_name="personale")
    nome = models.CharField(_("nome e cognome"), max_length=200)
    ruolo = models.CharField(_("ruolo"), max_length=30, choices=Professione.choices)
    qualifiche = models.TextField(_("titoli e qualifiche"), blank=True)
    cv = models.FileField(_("curriculum (PDF)"), upload_to=cv_upload_path, blank=True)
    referente_tecnico = models.BooleanField(_("referente tecnico del partner"), default=False)
    formazione = models.TextField(_("formazione svolta (per esempio il MOOC sulla vicinanza solidale)"), blank=True)
    in_servizio_dal = models.DateField(_("in servizio dal"))
    in_servizio_al = models.DateField(_("fino al"), null=True, blank=True)

    class Meta:
        verbose_name = _("operatore del partner")
        verbose_name_plural = _("registro del personale")
        ordering = ["ente", "nome"]

    def __str__(self) -> str:
        return self.nome

    audit_ambito = "ente.ambito_id"
