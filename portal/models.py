"""The family portal: invitations, the member's profile (language), messages with the case manager and the
équipe's translated summaries of the plan.

What a member saw is in the audit log (every portal page is logged with the member as actor); what they agreed
to is a plans.Accordo recorded through the portal.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.i18n import FAMILY_LANGUAGE_CODES, FAMILY_LANGUAGES, RTL_LANGUAGES  # noqa: F401 - RTL_LANGUAGES re-exported
from common.models import AuditFiled
from families.models import Family, Person

# The portal's languages: (code, name in that language), defined with the questionnaires' in common.i18n.
PORTAL_LANGUAGES = FAMILY_LANGUAGES
PORTAL_LANGUAGE_CODES = FAMILY_LANGUAGE_CODES
MESSAGE_MAX_LENGTH = 2000


class Invitation(AuditFiled):
    """A one-time link for a family member to open their portal account. Only the token's hash is stored."""

    family = models.ForeignKey(Family, verbose_name=_("famiglia"), on_delete=models.CASCADE,
                               related_name="inviti_portale")
    person = models.ForeignKey(Person, verbose_name=_("componente"), on_delete=models.CASCADE,
                               related_name="inviti_portale")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    language = models.CharField(_("lingua"), max_length=10, choices=PORTAL_LANGUAGES, default="it")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("creato il"), default=timezone.now)
    expires_at = models.DateTimeField(_("scade il"))
    used_at = models.DateTimeField(_("usato il"), null=True, blank=True)

    class Meta:
        verbose_name = _("invito al portale")
        verbose_name_plural = _("inviti al portale")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.person} ({self.created_at:%d/%m/%Y})"

    audit_ambito = "family.ambito_id"
    audit_family = "family_id"

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def is_open(self) -> bool:
        return self.used_at is None and not self.is_expired


class PortalProfile(models.Model):
    """The portal member's preferences: the language they chose, remembered across sessions."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portal_profile")
    language = models.CharField(_("lingua"), max_length=10, choices=PORTAL_LANGUAGES, default="it")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("profilo del portale")
        verbose_name_plural = _("profili del portale")

    def __str__(self) -> str:
        return f"{self.user} ({self.language})"

    def get_additional_data(self) -> dict:
        person = Person.objects.filter(user_id=self.user_id).only("ambito_id", "family_id").first()
        return {"ambito": person.ambito_id, "family": person.family_id} if person else {}


class Message(AuditFiled):
    """A text message between the family and its case manager. No attachments from the family."""

    family = models.ForeignKey(Family, verbose_name=_("famiglia"), on_delete=models.CASCADE,
                               related_name="messaggi_portale")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("autore"), on_delete=models.SET_NULL,
                               null=True, related_name="+")
    from_family = models.BooleanField(_("scritto dalla famiglia"))
    text = models.TextField(_("testo"), max_length=MESSAGE_MAX_LENGTH)
    created_at = models.DateTimeField(_("inviato il"), default=timezone.now)
    read_at = models.DateTimeField(_("letto il"), null=True, blank=True)

    class Meta:
        verbose_name = _("messaggio")
        verbose_name_plural = _("messaggi")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["family", "created_at"])]

    def __str__(self) -> str:
        return self.text[:60]

    audit_ambito = "family.ambito_id"
    audit_family = "family_id"


class PlanSummary(models.Model):
    """The plan told in plain words in one language, written by the case manager for the family."""

    progetto = models.ForeignKey("plans.ProgettoQuadro", verbose_name=_("progetto"), on_delete=models.CASCADE,
                                 related_name="sintesi_tradotte")
    language = models.CharField(_("lingua"), max_length=10, choices=PORTAL_LANGUAGES)
    text = models.TextField(_("sintesi"), max_length=4000)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("sintesi tradotta del progetto")
        verbose_name_plural = _("sintesi tradotte del progetto")
        ordering = ["progetto", "language"]
        constraints = [models.UniqueConstraint(fields=["progetto", "language"], name="plan_summary_unique_language")]

    def __str__(self) -> str:
        return f"{self.progetto} [{self.language}]"

    def get_additional_data(self) -> dict:
        family = self.progetto.family
        return {"ambito": family.ambito_id, "family": family.pk}


class Promemoria(models.Model):
    """A reminder sent to a family member for one meeting: sent once, whatever how often the command runs."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="promemoria")
    appointment_key = models.CharField(max_length=40)  # portal.selectors.Appointment.key
    day = models.DateField()
    language = models.CharField(max_length=10)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("promemoria inviato")
        verbose_name_plural = _("promemoria inviati")
        constraints = [models.UniqueConstraint(fields=["user", "appointment_key"], name="promemoria_once")]

    def __str__(self) -> str:
        return f"{self.user} · {self.appointment_key} ({self.day})"


class QuestionarioCompilato(models.Model):
    """That a member has answered a satisfaction questionnaire, so that it is not asked again.

    Only the day is kept: the answer itself (quality.SurveyResponse) is anonymous and is not linked here.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    survey = models.ForeignKey("quality.Survey", on_delete=models.CASCADE, related_name="+")
    giorno = models.DateField()

    class Meta:
        verbose_name = _("questionario compilato")
        verbose_name_plural = _("questionari compilati")
        constraints = [models.UniqueConstraint(fields=["user", "survey"], name="questionario_once_per_member")]

    def __str__(self) -> str:
        return f"{self.user} · {self.survey_id}"
