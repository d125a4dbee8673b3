import functools
import uuid
from collections.abc import Callable
from datetime import date

import codicefiscale.codicefiscale as codicefiscale_lib
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.models import AuditFiled, CreatedOnce, Versioned
from organisation.models import Ambito, Ente, Equipe, Implementazione


class Stato(models.TextChoices):
    """The states of a family's path (see families.path for the allowed transitions)."""

    SEGNALATA = "segnalata", _("Segnalata")
    PREASSESSMENT = "preassessment", _("Pre-assessment")
    INCLUSA = "inclusa", _("Inclusa")
    NON_INCLUSA = "non_inclusa", _("Non inclusa")
    ASSESSMENT_T0 = "assessment_t0", _("Assessment T0")
    PROGETTAZIONE = "progettazione", _("Progettazione")
    IN_CORSO = "in_corso", _("Intervento in corso")
    T1 = "t1", _("Valutazione intermedia T1")
    T2 = "t2", _("Valutazione finale T2")
    CHIUSA = "chiusa", _("Chiusa")


class EsitoChiusura(models.TextChoices):
    PROSEGUE = "prosegue", _("Prosegue con il servizio di riferimento")
    CONCLUSA = "conclusa", _("Percorso concluso")
    ALLONTANAMENTO = "allontanamento", _("Allontanamento (collocamento fuori famiglia)")
    TRASFERITA = "trasferita", _("Trasferita in altro territorio")


class Family(AuditFiled, Versioned, CreatedOnce):
    """Famiglia (nucleo) taken in charge by an équipe of an ambito."""

    ambito = models.ForeignKey(Ambito, verbose_name=_("ambito"), on_delete=models.PROTECT, related_name="famiglie")
    codice = models.CharField(_("codice"), max_length=30, editable=False)
    nome = models.CharField(
        _("nome del nucleo"), max_length=200, help_text=_("Come l'équipe chiama la famiglia, per esempio «Famiglia Rossi».")
    )
    comune = models.ForeignKey(
        Ente, verbose_name=_("comune di residenza"), on_delete=models.PROTECT, related_name="famiglie_residenti",
        limit_choices_to={"tipo": Ente.Tipo.COMUNE},
    )
    servizio_riferimento = models.ForeignKey(
        Ente, verbose_name=_("servizio di riferimento"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="famiglie_in_carico",
    )
    ente_segnalante = models.ForeignKey(
        Ente, verbose_name=_("servizio che segnala"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="famiglie_segnalate",
    )
    equipe = models.ForeignKey(
        Equipe, verbose_name=_("équipe"), on_delete=models.PROTECT, null=True, blank=True, related_name="famiglie"
    )
    implementazione = models.ForeignKey(
        Implementazione, verbose_name=_("implementazione"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="famiglie",
    )
    data_segnalazione = models.DateField(_("data della segnalazione"), default=date.today)
    motivo_segnalazione = models.TextField(_("motivo della segnalazione"), blank=True)
    # Judicial information (GDPR art. 10): visible only as families.sensitivity allows.
    note_giudiziarie = models.TextField(
        _("provvedimenti dell'Autorità Giudiziaria e tutela"), blank=True,
        help_text=_("Riservato: lo vedono solo il case manager, i professionisti dell'équipe e il Referente "
                    "Territoriale; mai insegnanti, volontari, coach e governance."))
    riunificazione = models.BooleanField(
        _("percorso di riunificazione familiare"), default=False,
        help_text=_("Il bambino rientra in famiglia dopo un periodo fuori casa."),
    )
    stato = models.CharField(_("stato"), max_length=20, choices=Stato.choices, default=Stato.SEGNALATA)
    stato_dal = models.DateTimeField(_("nello stato dal"), default=timezone.now)
    esito_chiusura = models.CharField(_("esito della chiusura"), max_length=20, choices=EsitoChiusura.choices, blank=True)
    chiusura_continuita = models.TextField(_("cosa prosegue con il servizio di riferimento"), blank=True)
    chiusura_obiettivi_aperti = models.TextField(_("obiettivi rimasti aperti"), blank=True)
    segnalata_da = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("registrata da"), on_delete=models.SET_NULL, null=True,
        related_name="famiglie_registrate",
    )
    created_at = models.DateTimeField(_("creata il"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modificata il"), auto_now=True)

    class Meta:
        verbose_name = _("famiglia")
        verbose_name_plural = _("famiglie")
        ordering = ["nome", "pk"]
        constraints = [models.UniqueConstraint(fields=["ambito", "codice"], name="family_codice_unique_in_ambito")]
        indexes = [
            models.Index(fields=["ambito", "stato"]),
            models.Index(fields=["equipe", "stato"]),
            models.Index(fields=["implementazione"]),
            models.Index(fields=["nome"]),
        ]

    def __str__(self) -> str:
        return f"{self.nome} ({self.codice})"

    audit_family = "pk"

    @property
    def is_active(self) -> bool:
        return self.stato not in {Stato.NON_INCLUSA, Stato.CHIUSA}


class Person(AuditFiled, Versioned, CreatedOnce):
    class Ruolo(models.TextChoices):
        MADRE = "madre", _("Madre")
        PADRE = "padre", _("Padre")
        MINORE = "minore", _("Figlio/a minore")
        FIGLIO_ADULTO = "figlio_adulto", _("Figlio/a maggiorenne")
        CAREGIVER = "caregiver", _("Altro caregiver (nonno/a, partner...)")
        ALTRO = "altro", _("Altro familiare convivente")

    class Sesso(models.TextChoices):
        F = "F", _("Femmina")
        M = "M", _("Maschio")

    family = models.ForeignKey(Family, verbose_name=_("famiglia"), on_delete=models.CASCADE, related_name="persone")
    # Denormalised from the family so that the codice fiscale can be unique within the ambito.
    ambito = models.ForeignKey(Ambito, verbose_name=_("ambito"), on_delete=models.PROTECT, related_name="+")
    cognome = models.CharField(_("cognome"), max_length=100)
    nome = models.CharField(_("nome"), max_length=100)
    sesso = models.CharField(_("sesso"), max_length=1, choices=Sesso.choices)
    data_nascita = models.DateField(_("data di nascita"), null=True, blank=True)
    codice_fiscale = models.CharField(
        _("codice fiscale"), max_length=16, blank=True,
        help_text=_("Facoltativo: chi non ha ancora un codice fiscale può essere registrato ugualmente."),
    )
    cittadinanza = models.CharField(_("cittadinanza"), max_length=100, blank=True)
    lingue = models.CharField(_("lingue parlate"), max_length=200, blank=True, help_text=_("Separate da virgole."))
    mediazione_culturale = models.BooleanField(_("serve la mediazione culturale"), default=False)
    # Health information (GDPR art. 9): visible only as families.sensitivity allows.
    note_sanitarie = models.TextField(
        _("note sanitarie"), blank=True,
        help_text=_("Salute, disabilità, terapie. Riservato: mai visibile a insegnanti, volontari, coach e governance."))
    ruolo = models.CharField(_("ruolo nella famiglia"), max_length=20, choices=Ruolo.choices)
    target = models.BooleanField(
        _("bambino/a target del programma"), default=False,
        help_text=_("I bambini per cui la famiglia è nel programma (0-11 anni, fino a 14 per alcune famiglie)."),
    )
    partecipa_equipe = models.BooleanField(
        _("partecipa all'équipe"), default=False,
        help_text=_("La famiglia fa parte dell'équipe multidimensionale e partecipa alle decisioni."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("accesso al portale"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="persona",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("persona")
        verbose_name_plural = _("persone")
        ordering = ["family", "data_nascita", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["ambito", "codice_fiscale"], condition=~models.Q(codice_fiscale=""),
                name="person_cf_unique_in_ambito",
                violation_error_message=_("Questo codice fiscale è già registrato per un'altra persona dell'ambito."),
            )
        ]
        indexes = [models.Index(fields=["cognome", "nome"]), models.Index(fields=["codice_fiscale"])]

    def __str__(self) -> str:
        return f"{self.nome} {self.cognome}"

    audit_family = "family_id"

    def clean(self) -> None:
        errors = check_person(self)
        if errors:
            raise ValidationError(errors)

    def age_on(self, day: date) -> int | None:
        if not self.data_nascita:
            return None
        born = self.data_nascita
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    @property
    def eta(self) -> int | None:
        return self.age_on(timezone.localdate())


# Who may sign a consent: an adult; the children of the family are the ones it protects.
ADULT_AGE = 18


def consent_upload_path(instance: "Consent", filename: str) -> str:
    # The stored name never carries the uploaded name (which may hold personal data).
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"consensi/{instance.family.ambito_id}/{uuid.uuid4().hex}.{suffix}"


class Consent(AuditFiled, CreatedOnce):
    class Finalita(models.TextChoices):
        TRATTAMENTO = "trattamento", _("Trattamento dei dati personali")
        PARTECIPAZIONE = "partecipazione", _("Partecipazione al programma P.I.P.P.I.")
        RETE = "rete", _("Condivisione delle informazioni con i servizi della rete e la scuola")
        RICERCA = "ricerca", _("Uso di dati pseudonimizzati per la valutazione del programma")
        IMMAGINI = "immagini", _("Foto e video durante le attività")

    family = models.ForeignKey(Family, verbose_name=_("famiglia"), on_delete=models.CASCADE, related_name="consensi")
    person = models.ForeignKey(
        Person, verbose_name=_("dato da"), on_delete=models.PROTECT, related_name="consensi",
    )
    finalita = models.CharField(_("finalità"), max_length=20, choices=Finalita.choices)
    data = models.DateField(_("data"), default=date.today)
    revocato_il = models.DateField(_("revocato il"), null=True, blank=True)
    documento = models.FileField(_("documento firmato"), upload_to=consent_upload_path, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    registrato_da = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("registrato da"), on_delete=models.SET_NULL, null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("consenso")
        verbose_name_plural = _("consensi")
        ordering = ["-data", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_finalita_display()} — {self.person}"

    audit_ambito = "family.ambito_id"
    audit_family = "family_id"

    @property
    def is_valid(self) -> bool:
        return self.revocato_il is None


class PathEvent(AuditFiled):
    """One step of a family's path: who moved it, when, from where to where, and why."""

    family = models.ForeignKey(Family, verbose_name=_("famiglia"), on_delete=models.CASCADE, related_name="eventi")
    from_state = models.CharField(_("da"), max_length=20, choices=Stato.choices, blank=True)
    to_state = models.CharField(_("a"), max_length=20, choices=Stato.choices)
    at = models.DateTimeField(_("quando"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("chi"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    motivazione = models.TextField(_("motivazione"), blank=True)
    esito_chiusura = models.CharField(_("esito"), max_length=20, choices=EsitoChiusura.choices, blank=True)

    class Meta:
        verbose_name = _("passaggio del percorso")
        verbose_name_plural = _("passaggi del percorso")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["family", "at"])]

    def __str__(self) -> str:
        return f"{self.family}: {self.get_from_state_display()} → {self.get_to_state_display()}"

    audit_ambito = "family.ambito_id"
    audit_family = "family_id"


def check_person(person: "Person", *, today: date | None = None) -> dict[str, list[str]]:
    """The rules on a person's data, as {field: [Italian messages]} (empty when all is well)."""
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    _check_birth(person, today, add)
    _check_codice_fiscale(person, add)
    _check_role_and_target(person, today, add)
    return errors


def _check_birth(person: "Person", today: date, add: Callable[[str, str], None]) -> None:
    born = person.data_nascita
    if born and born > today:
        add("data_nascita", str(_("La data di nascita non può essere nel futuro.")))
    elif born and born.year < 1900:
        add("data_nascita", str(_("Controlla la data di nascita: sembra troppo lontana nel tempo.")))


@functools.lru_cache(maxsize=4096)
def decode_codice_fiscale(cf: str) -> tuple[date, str] | None:
    """(birth date, sex) of a valid codice fiscale (omocodia letters included), None when it is not valid.

    As python-codicefiscale's `decode` decides, without what it computes besides and the checks never use: the
    128 omocodes of the code and a date parser per candidate birthplace (8 ms a call; an import of a register
    checks thousands). `families/tests/test_codice_fiscale.py` compares the two over many codes."""
    digits = codicefiscale_lib._OMOCODIA_DECODE_TRANS  # noqa: SLF001 — the library's own omocodia table
    try:
        raw = codicefiscale_lib.decode_raw(cf)
        year = int(raw["birthdate_year"].translate(digits))
        month = codicefiscale_lib._MONTHS.index(raw["birthdate_month"]) + 1  # noqa: SLF001 — as above
        day = int(raw["birthdate_day"].translate(digits))
    except ValueError:
        return None
    sex = "F" if day > 40 else "M"
    day = day - 40 if day > 40 else day
    today = timezone.localdate()  # cached across days: only a century's turn would change an answer
    full_year = today.year // 100 * 100 + year
    if full_year > today.year:
        full_year -= 100
    try:
        born = date(full_year, month, day)
    except ValueError:
        try:  # Feb 29 of a century year that is not a leap year: a century earlier, as the library does
            born = date(full_year - 100, month, day)
        except ValueError:
            return None
    place = raw["birthplace"][0] + raw["birthplace"][1:].translate(digits)
    if place not in codicefiscale_lib._get_data()["codes"]:  # noqa: SLF001 — the library's places, loaded once
        return None
    if codicefiscale_lib.encode_cin(raw["code"]) != raw["cin"]:
        return None
    return born, sex


def _check_codice_fiscale(person: "Person", add: Callable[[str, str], None]) -> None:
    """Valid, and matching the date of birth and sex given (the codice fiscale is normalised on the person)."""
    born = person.data_nascita
    cf = (person.codice_fiscale or "").strip().upper().replace(" ", "")
    person.codice_fiscale = cf
    if cf:
        decoded = decode_codice_fiscale(cf)
        if decoded is None:
            add("codice_fiscale", str(_("Il codice fiscale «%(cf)s» non è valido: controlla le 16 lettere e cifre.") % {"cf": cf}))
        else:
            cf_born, cf_sex = decoded
            if born and (cf_born.day, cf_born.month, cf_born.year % 100) != (born.day, born.month, born.year % 100):
                add("codice_fiscale", str(_("Il codice fiscale non corrisponde alla data di nascita indicata (%(d)s).")
                                          % {"d": born.strftime("%d/%m/%Y")}))
            if person.sesso and cf_sex != person.sesso:
                add("codice_fiscale", str(_("Il codice fiscale non corrisponde al sesso indicato.")))


def _check_role_and_target(person: "Person", today: date, add: Callable[[str, str], None]) -> None:
    born = person.data_nascita
    if person.ruolo == Person.Ruolo.MINORE and born and person.age_on(today) >= 18:
        add("ruolo", str(_("Una persona di 18 anni o più non può essere indicata come figlio/a minore.")))
    if person.target:
        if person.ruolo != Person.Ruolo.MINORE:
            add("target", str(_("Solo un figlio o una figlia minore può essere target del programma.")))
        if not born:
            add("data_nascita", str(_("Per un bambino target la data di nascita è obbligatoria.")))
        elif person.age_on(today) > settings.TRAMA_TARGET_MAX_AGE:
            add("target", str(_("Il programma accoglie bambini target fino a %(max)s anni: %(nome)s ne ha %(eta)s.")
                              % {"max": settings.TRAMA_TARGET_MAX_AGE, "nome": person.nome or _("questa persona"),
                                 "eta": person.age_on(today)}))


class DismissedPair(AuditFiled):
    """Two persons someone looked at and judged not to be the same: the pair is not proposed again.

    Stored with the lower id first, so that a pair has one row whichever way round it was shown."""

    ambito = models.ForeignKey(Ambito, verbose_name=_("ambito"), on_delete=models.CASCADE, related_name="+")
    person_low = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    person_high = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("chi"), on_delete=models.SET_NULL, null=True,
                           related_name="+")
    at = models.DateTimeField(_("quando"), auto_now_add=True)

    class Meta:
        verbose_name = _("coppia di persone diverse")
        verbose_name_plural = _("coppie di persone diverse")
        constraints = [
            models.UniqueConstraint(fields=["person_low", "person_high"], name="dismissed_pair_once"),
            models.CheckConstraint(condition=models.Q(person_low__lt=models.F("person_high")),
                                   name="dismissed_pair_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.person_low_id} ≠ {self.person_high_id}"


class PersonMerge(AuditFiled):
    """Two records of one person made one: which was kept, which went (and their families), who, when, why.

    The ids of what went are plain integers: those rows no longer exist, and their history stays in the audit
    log under these ids."""

    ambito = models.ForeignKey(Ambito, verbose_name=_("ambito"), on_delete=models.PROTECT, related_name="+")
    kept = models.ForeignKey(Person, verbose_name=_("persona tenuta"), on_delete=models.SET_NULL, null=True,
                             related_name="unioni")
    kept_person_id = models.PositiveIntegerField(_("id della persona tenuta"))
    merged_person_id = models.PositiveIntegerField(_("id della persona unita"), unique=True)
    kept_family_id = models.PositiveIntegerField(_("id della famiglia tenuta"))
    merged_family_id = models.PositiveIntegerField(_("id della famiglia unita"), null=True, blank=True)
    evidence = models.CharField(_("perché"), max_length=500, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("chi"), on_delete=models.SET_NULL, null=True,
                           related_name="+")
    at = models.DateTimeField(_("quando"), auto_now_add=True)

    class Meta:
        verbose_name = _("unione di doppioni")
        verbose_name_plural = _("unioni di doppioni")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.merged_person_id} → {self.kept_person_id}"

    audit_family = "kept_family_id"
