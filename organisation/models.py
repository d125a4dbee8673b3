import uuid
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.models import AuditFiled


class Ambito(AuditFiled):
    """Ambito Territoriale Sociale: the unit that runs the programme. Ambiti never see each other."""

    codice = models.CharField(_("codice"), max_length=20, unique=True)
    nome = models.CharField(_("nome"), max_length=200)
    capofila = models.ForeignKey(
        "Ente", verbose_name=_("ente capofila"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    # Replaced whenever the ambito's activity records change (visits, group meetings and their facilitators,
    # the organisations' names): it keys the cached aggregates of the budget (interventions.budget), so that
    # a cached figure can never outlive the records it was computed from. Random, not a counter: an ambito
    # created again with the same id never meets an old cache entry.
    versione_attivita = models.UUIDField(default=uuid.uuid4, editable=False)

    class Meta:
        verbose_name = _("ambito territoriale")
        verbose_name_plural = _("ambiti territoriali")
        ordering = ["nome"]

    def __str__(self) -> str:
        return self.nome

    audit_ambito = "pk"


class Ente(AuditFiled):
    class Tipo(models.TextChoices):
        COMUNE = "comune", _("Comune")
        ASST = "asst", _("ASST / Consultorio")
        ATS = "ats", _("ATS (Agenzia di Tutela della Salute)")
        SCUOLA = "scuola", _("Scuola")
        ETS = "ets", _("Ente del Terzo Settore (partner)")
        ALTRO = "altro", _("Altro")

    ambito = models.ForeignKey(Ambito, verbose_name=_("ambito"), on_delete=models.PROTECT, related_name="enti")
    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo.choices)
    nome = models.CharField(_("nome"), max_length=200)
    parent = models.ForeignKey(
        "self", verbose_name=_("ente di appartenenza"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="sedi", help_text=_("Per esempio il consultorio che appartiene a un'ASST."),
    )

    class Meta:
        verbose_name = _("ente")
        verbose_name_plural = _("enti")
        ordering = ["tipo", "nome"]
        constraints = [models.UniqueConstraint(fields=["ambito", "tipo", "nome"], name="ente_unique_in_ambito")]

    def __str__(self) -> str:
        return self.nome


class Role(models.TextChoices):
    RT = "rt", _("Referente Territoriale")
    AMMINISTRATIVO = "amministrativo", _("Amministrativo Ufficio di Piano")
    COACH = "coach", _("Coach")
    CASE_MANAGER = "case_manager", _("Case manager")
    OPERATORE = "operatore", _("Operatore dell'équipe")
    TUTOR = "tutor", _("Tutor territoriale")
    COORDINATORE_ETS = "coordinatore_ets", _("Coordinatore ETS")
    VOLONTARIO = "volontario", _("Famiglia d'appoggio / volontario")
    FAMIGLIA = "famiglia", _("Genitore / ragazzo")
    GOVERNANCE = "governance", _("Componente di organismo di governance")


class Professione(models.TextChoices):
    ASSISTENTE_SOCIALE = "assistente_sociale", _("Assistente sociale")
    EDUCATORE = "educatore", _("Educatore")
    PSICOLOGO = "psicologo", _("Psicologo")
    PEDAGOGISTA = "pedagogista", _("Pedagogista")
    MEDIATORE = "mediatore_culturale", _("Mediatore culturale")
    SANITARIO = "operatore_sanitario", _("Operatore sanitario / consultorio")
    INSEGNANTE = "insegnante", _("Insegnante")
    ALTRO = "altro", _("Altro")


class Membership(AuditFiled):
    """What a user is, where: a role in an ambito, for an ente. A user may hold several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("utente"), on_delete=models.CASCADE, related_name="memberships"
    )
    ambito = models.ForeignKey(Ambito, verbose_name=_("ambito"), on_delete=models.PROTECT, related_name="memberships")
    ente = models.ForeignKey(
        Ente, verbose_name=_("ente"), on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    role = models.CharField(_("ruolo"), max_length=30, choices=Role.choices)
    professione = models.CharField(_("professione"), max_length=30, choices=Professione.choices, blank=True)
    active = models.BooleanField(_("attivo"), default=True)

    class Meta:
        verbose_name = _("appartenenza")
        verbose_name_plural = _("appartenenze")
        constraints = [
            models.UniqueConstraint(fields=["user", "ambito", "role"], name="membership_unique_role_in_ambito")
        ]
        indexes = [models.Index(fields=["user", "active"])]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} ({self.ambito})"


class Equipe(AuditFiled):
    """Équipe multidimensionale: the professionals around the families it follows.

    The families' own members take part too (families.Person.partecipa_equipe).
    """

    ambito = models.ForeignKey(Ambito, verbose_name=_("ambito"), on_delete=models.PROTECT, related_name="equipe")
    nome = models.CharField(_("nome"), max_length=200)
    case_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("case manager"), on_delete=models.PROTECT,
        related_name="equipe_gestite",
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("coach"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="equipe_seguite",
    )

    class Meta:
        verbose_name = _("équipe multidimensionale")
        verbose_name_plural = _("équipe multidimensionali")
        ordering = ["nome"]
        constraints = [models.UniqueConstraint(fields=["ambito", "nome"], name="equipe_unique_name_in_ambito")]

    def __str__(self) -> str:
        return self.nome


class EquipeMember(AuditFiled):
    equipe = models.ForeignKey(Equipe, verbose_name=_("équipe"), on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("operatore"), on_delete=models.CASCADE,
        related_name="equipe_memberships",
    )
    professione = models.CharField(_("professione"), max_length=30, choices=Professione.choices)
    ente = models.ForeignKey(Ente, verbose_name=_("ente"), on_delete=models.PROTECT, null=True, blank=True)

    class Meta:
        verbose_name = _("componente dell'équipe")
        verbose_name_plural = _("componenti dell'équipe")
        constraints = [models.UniqueConstraint(fields=["equipe", "user"], name="equipe_member_unique")]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_professione_display()})"

    audit_ambito = "equipe.ambito_id"


class Implementazione(AuditFiled):
    """A cohort: about ten families accompanied together for 18 months."""

    ambito = models.ForeignKey(
        Ambito, verbose_name=_("ambito"), on_delete=models.PROTECT, related_name="implementazioni"
    )
    nome = models.CharField(_("nome"), max_length=200)
    data_inizio = models.DateField(_("data di inizio"))
    durata_mesi = models.PositiveSmallIntegerField(_("durata (mesi)"), default=18)
    famiglie_target = models.PositiveSmallIntegerField(_("numero di famiglie previsto"), default=10)
    # The deadlines of T1 and T2 follow the cohort (its mid point, its end) but leave each family at least these
    # months from the start of its own intervention (families.deadlines).
    t1_mesi_minimi = models.PositiveSmallIntegerField(
        _("T1 non prima di (mesi dall'avvio dell'intervento)"), default=6, validators=[MaxValueValidator(60)],
        help_text=_("La valutazione intermedia T1 scade a metà dell'implementazione, ma mai prima di questi mesi "
                    "dall'avvio dell'intervento della famiglia (per chi entra tardi)."))
    t2_mesi_minimi = models.PositiveSmallIntegerField(
        _("T2 non prima di (mesi dall'avvio dell'intervento)"), default=12, validators=[MaxValueValidator(60)],
        help_text=_("La valutazione finale T2 scade alla fine dell'implementazione, ma mai prima di questi mesi "
                    "dall'avvio dell'intervento della famiglia."))

    class Meta:
        verbose_name = _("implementazione")
        verbose_name_plural = _("implementazioni")
        ordering = ["-data_inizio"]
        constraints = [models.UniqueConstraint(fields=["ambito", "nome"], name="implementazione_unique_name")]

    def __str__(self) -> str:
        return self.nome

    def clean(self) -> None:
        if self.t1_mesi_minimi is not None and self.t2_mesi_minimi is not None \
                and self.t2_mesi_minimi <= self.t1_mesi_minimi:
            raise ValidationError({"t2_mesi_minimi": _("La T2 deve venire dopo la T1: indica più mesi che per la T1 "
                                                        "(%(t1)s).") % {"t1": self.t1_mesi_minimi}})

    @property
    def data_fine(self) -> date:
        return cohort_end(self.data_inizio, self.durata_mesi)

    @property
    def data_t1(self) -> date:
        return cohort_t1(self.data_inizio, self.durata_mesi)


def cohort_end(start: date, months: int) -> date:
    return add_months(start, months)


def cohort_t1(start: date, months: int) -> date:
    """T1 falls at the mid point of the implementation."""
    return add_months(start, months // 2)


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    # Clamp to the last day of the target month (31 Jan + 1 month = 28/29 Feb).
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)
