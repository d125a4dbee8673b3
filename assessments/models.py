from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from common.models import AuditFiled, Versioned
from families.models import Family, Person
from organisation.models import Ambito

from .definition import Definition, parse


class Instrument(models.Model):
    """A questionnaire or assessment tool. Shipped ones (ambito empty) serve every ambito; an ambito
    may add its own (a licensed standard questionnaire it owns) from the configuration pages."""

    ambito = models.ForeignKey(Ambito, verbose_name=_("ambito"), on_delete=models.PROTECT, null=True, blank=True,
                               related_name="strumenti", help_text=_("Vuoto: strumento nazionale, per tutti gli ambiti."))
    code = models.SlugField(_("codice"), max_length=60)
    title = models.CharField(_("titolo"), max_length=200)
    kind = models.CharField(_("tipo"), max_length=20, default="generic")
    subject = models.CharField(_("soggetto"), max_length=10, default="family")

    class Meta:
        verbose_name = _("strumento")
        verbose_name_plural = _("strumenti")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["ambito", "code"], name="instrument_code_unique_in_ambito"),
            models.UniqueConstraint(fields=["code"], condition=models.Q(ambito__isnull=True),
                                    name="instrument_code_unique_shipped"),
        ]

    def __str__(self) -> str:
        return self.title

    def current_version(self) -> "InstrumentVersion | None":
        return self.versions.order_by("-version").first()


class InstrumentVersion(models.Model):
    """One published version of an instrument's definition. Never edited: a change is a new version."""

    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="versions")
    version = models.PositiveIntegerField(_("versione"))
    definition = models.JSONField(_("definizione"))
    checksum = models.CharField(max_length=64)
    published_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("versione dello strumento")
        verbose_name_plural = _("versioni degli strumenti")
        ordering = ["instrument", "-version"]
        constraints = [models.UniqueConstraint(fields=["instrument", "version"], name="instrument_version_unique")]

    def __str__(self) -> str:
        return f"{self.instrument} v{self.version}"

    @cached_property
    def parsed(self) -> Definition:
        return parse(self.definition)


class TimePoint(models.TextChoices):
    T0 = "T0", _("T0 — inizio")
    T1 = "T1", _("T1 — metà percorso")
    T2 = "T2", _("T2 — fine percorso")
    DATA = "data", _("Altra data")


class Perspective(models.TextChoices):
    OPERATORE = "operatore", _("Équipe (professionisti)")
    FAMIGLIA = "famiglia", _("Genitori")
    BAMBINO = "bambino", _("Bambino/a o ragazzo/a")
    INSEGNANTE = "insegnante", _("Insegnante")


class Response(AuditFiled, Versioned):
    """A filled (or being filled) instrument for a family or a person at a time point, from one perspective.

    Drafts can be saved many times. A submitted response is locked: a correction is a new response
    that supersedes it, so every version stays in the record.
    """

    class Status(models.TextChoices):
        DRAFT = "bozza", _("Bozza")
        SUBMITTED = "inviata", _("Inviata")
        SUPERSEDED = "sostituita", _("Sostituita da una correzione")

    instrument_version = models.ForeignKey(InstrumentVersion, on_delete=models.PROTECT, related_name="responses")
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="valutazioni")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, null=True, blank=True, related_name="valutazioni")
    time_point = models.CharField(_("momento"), max_length=5, choices=TimePoint.choices)
    date = models.DateField(_("data"))
    perspective = models.CharField(_("punto di vista"), max_length=12, choices=Perspective.choices,
                                   default=Perspective.OPERATORE)
    status = models.CharField(_("stato"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    supersedes = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="superseded_by")
    scores = models.JSONField(_("punteggi"), default=dict, blank=True)
    # The équipe decides whether the synthesis is shown to the family in its portal (portal.selectors).
    condivisa_il = models.DateTimeField(_("condivisa con la famiglia il"), null=True, blank=True)
    condivisa_da = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("valutazione")
        verbose_name_plural = _("valutazioni")
        ordering = ["family", "time_point", "-created_at"]
        indexes = [
            models.Index(fields=["family", "status"]),
            models.Index(fields=["person", "time_point", "status"]),
            models.Index(fields=["instrument_version", "time_point", "status"]),
        ]

    def __str__(self) -> str:
        who = f" — {self.person}" if self.person_id else ""
        return f"{self.instrument_version.instrument} {self.time_point}{who}"

    audit_ambito = "family.ambito_id"
    audit_family = "family_id"

    @property
    def momento(self) -> str:
        """The time point as people say it: the pre-assessment comes before inclusion, not at T0."""
        if self.instrument_version.instrument.kind == "preassessment":
            return str(_("Pre-assessment, prima dell'inclusione"))
        return self.get_time_point_display()

    @property
    def is_locked(self) -> bool:
        return self.status != self.Status.DRAFT


class Answer(AuditFiled):
    """One item's answer, in columns so that reports aggregate in SQL (means of scores by sub-dimension)."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    item_code = models.CharField(max_length=60)
    number = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    text = models.TextField(blank=True)
    choices = models.JSONField(default=list, blank=True)
    date = models.DateField(null=True, blank=True)
    note = models.TextField(_("narrazione"), blank=True)

    class Meta:
        verbose_name = _("risposta")
        verbose_name_plural = _("risposte")
        constraints = [models.UniqueConstraint(fields=["response", "item_code"], name="answer_unique_item")]
        indexes = [models.Index(fields=["item_code"])]

    def __str__(self) -> str:
        return f"{self.response_id}:{self.item_code}"

    audit_ambito = "response.family.ambito_id"
    audit_family = "response.family_id"

