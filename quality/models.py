from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessments.models import InstrumentVersion
from common.models import AuditFiled
from organisation.models import Ambito


class Survey(AuditFiled):
    """A round of an anonymous satisfaction questionnaire (families or operators)."""

    class Audience(models.TextChoices):
        FAMIGLIE = "famiglie", _("Famiglie")
        OPERATORI = "operatori", _("Operatori")

    ambito = models.ForeignKey(Ambito, on_delete=models.PROTECT, related_name="questionari")
    instrument_version = models.ForeignKey(InstrumentVersion, on_delete=models.PROTECT, related_name="+")
    titolo = models.CharField(_("titolo"), max_length=200)
    destinatari = models.CharField(_("destinatari"), max_length=12, choices=Audience.choices)
    apre_il = models.DateField(_("aperto dal"))
    chiude_il = models.DateField(_("aperto fino al"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("questionario di soddisfazione")
        verbose_name_plural = _("questionari di soddisfazione")
        ordering = ["-apre_il"]

    def __str__(self) -> str:
        return self.titolo


class SurveyLink(models.Model):
    """A one-time anonymous link. Only its hash is kept; the answer it produced is not linked to it."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    used = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("link anonimo")
        verbose_name_plural = _("link anonimi")

    def __str__(self) -> str:
        return f"{self.survey} #{self.pk}"


class SurveyResponse(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="risposte")
    # Only the day and the language: nothing that could point back to who answered.
    giorno = models.DateField()
    lingua = models.CharField(max_length=8, default="it")

    class Meta:
        verbose_name = _("risposta anonima")
        verbose_name_plural = _("risposte anonime")

    def __str__(self) -> str:
        return f"{self.survey} {self.giorno}"


class SurveyAnswer(models.Model):
    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    item_code = models.CharField(max_length=60)
    number = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    text = models.TextField(blank=True)
    choices = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("risposta a una domanda")
        verbose_name_plural = _("risposte alle domande")
        indexes = [models.Index(fields=["item_code"])]

    def __str__(self) -> str:
        return self.item_code
