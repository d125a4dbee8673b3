"""The dispositivi a family receives and the hours behind them.

- *Assegnazione*: an operator (and their organisation) assigned to a family with planned weekly hours;
- *Intervento*: one visit or session (home education, psychological or pedagogical support, cultural
  mediation, parenting session...), with its duration, role and organisation: the unit of the hours;
- *Budget* / *BudgetLine*: the ambito's hours and hourly costs per role for a period;
- *Gruppo* / *Incontro* / *Iscrizione* / *Presenza*: groups of parents and children, their module of
  meetings and the attendance; the facilitators' hours count in the budget;
- *CalendarToken*: the secret of an operator's iCalendar feed.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.models import AuditFiled, CreatedOnce, Versioned
from families.models import Family, Person
from organisation.models import Ambito, Ente


class Ruolo(models.TextChoices):
    """The professional roles the budget counts hours for."""

    EDUCATORE = "educatore", _("Educatore")
    PSICOLOGO = "psicologo", _("Psicologo")
    PEDAGOGISTA = "pedagogista", _("Pedagogista")
    MEDIATORE = "mediatore_culturale", _("Mediatore culturale")
    ALTRO = "altro", _("Altro")


class Servizio(models.TextChoices):
    """The kind of service a visit delivers; each belongs to one dispositivo (plans.models.Dispositivo)."""

    EDUCATIVA = "educativa", _("Educativa domiciliare e territoriale")
    PSICOLOGICO = "psicologico", _("Sostegno psicologico")
    PEDAGOGICO = "pedagogico", _("Sostegno pedagogico")
    MEDIAZIONE = "mediazione", _("Mediazione culturale")
    GENITORIALITA = "genitorialita", _("Sessione di formazione alla genitorialità")
    ALTRO = "altro", _("Altro")


# Service → dispositivo code of plans.models.Dispositivo (the chart groups by dispositivo).
DISPOSITIVO_OF: dict[str, str] = {
    Servizio.EDUCATIVA: "educativa", Servizio.PSICOLOGICO: "psicologico", Servizio.PEDAGOGICO: "pedagogico",
    Servizio.MEDIAZIONE: "mediazione", Servizio.GENITORIALITA: "pedagogico", Servizio.ALTRO: "altro",
}
# The role a service is usually delivered by (the form's default).
RUOLO_OF: dict[str, str] = {
    Servizio.EDUCATIVA: Ruolo.EDUCATORE, Servizio.PSICOLOGICO: Ruolo.PSICOLOGO,
    Servizio.PEDAGOGICO: Ruolo.PEDAGOGISTA, Servizio.MEDIAZIONE: Ruolo.MEDIATORE,
    Servizio.GENITORIALITA: Ruolo.PEDAGOGISTA, Servizio.ALTRO: Ruolo.ALTRO,
}


class Luogo(models.TextChoices):
    CASA = "casa", _("Casa")
    SCUOLA = "scuola", _("Scuola")
    TERRITORIO = "territorio", _("Territorio")
    SERVIZIO = "servizio", _("Sede del servizio")


class Assegnazione(AuditFiled, CreatedOnce):
    """An operator assigned to a family for a period, with the weekly hours planned."""

    family = models.ForeignKey(Family, verbose_name=_("famiglia"), on_delete=models.CASCADE,
                               related_name="assegnazioni")
    operatore = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("operatore"), on_delete=models.PROTECT,
                                  related_name="assegnazioni")
    ente = models.ForeignKey(Ente, verbose_name=_("ente"), on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+")
    servizio = models.CharField(_("servizio"), max_length=20, choices=Servizio.choices, default=Servizio.EDUCATIVA)
    ruolo = models.CharField(_("ruolo"), max_length=30, choices=Ruolo.choices, default=Ruolo.EDUCATORE)
    ore_settimanali = models.DecimalField(_("ore settimanali previste"), max_digits=4, decimal_places=1)
    data_inizio = models.DateField(_("dal"))
    data_fine = models.DateField(_("al"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("assegnazione")
        verbose_name_plural = _("assegnazioni")
        ordering = ["family", "data_inizio", "pk"]

    def __str__(self) -> str:
        return f"{self.operatore} → {self.family.codice} ({self.ore_settimanali} h/sett.)"

    audit_ambito = "family.ambito_id"
    audit_family = "family_id"


class Intervento(AuditFiled, CreatedOnce):
    """A visit or a session with a family: the diary entry and the unit the hours are counted in."""

    family = models.ForeignKey(Family, verbose_name=_("famiglia"), on_delete=models.CASCADE,
                               related_name="interventi")
    # Denormalised so that the budget aggregates by ambito without joining the families.
    ambito = models.ForeignKey(Ambito, verbose_name=_("ambito"), on_delete=models.PROTECT, related_name="+")
    operatore = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("operatore"), on_delete=models.PROTECT,
                                  related_name="interventi")
    ente = models.ForeignKey(Ente, verbose_name=_("ente dell'operatore"), on_delete=models.PROTECT, null=True,
                             blank=True, related_name="+")
    servizio = models.CharField(_("servizio"), max_length=20, choices=Servizio.choices, default=Servizio.EDUCATIVA)
    ruolo = models.CharField(_("ruolo"), max_length=30, choices=Ruolo.choices, default=Ruolo.EDUCATORE)
    data = models.DateField(_("data"))
    ora_inizio = models.TimeField(_("inizio"))
    ora_fine = models.TimeField(_("fine"))
    durata_minuti = models.PositiveIntegerField(_("durata (minuti)"), editable=False)
    luogo = models.CharField(_("luogo"), max_length=12, choices=Luogo.choices, default=Luogo.CASA)
    presenti = models.ManyToManyField(Person, verbose_name=_("presenti"), blank=True, related_name="+")
    persona = models.ForeignKey(Person, verbose_name=_("per chi (mediazione)"), on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="+",
                                help_text=_("La persona che ha bisogno della mediazione linguistica o culturale."))
    attivita = models.TextField(_("che cosa si è fatto"), blank=True)
    azioni = models.ManyToManyField("plans.Azione", verbose_name=_("azioni del Progetto Quadro"), blank=True,
                                    related_name="interventi")
    note_equipe = models.TextField(_("note per l'équipe"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("intervento")
        verbose_name_plural = _("interventi")
        ordering = ["-data", "-ora_inizio", "pk"]
        indexes = [
            models.Index(fields=["family", "data"]),
            models.Index(fields=["operatore", "data"]),
            # Covering (PostgreSQL): the budget's sums by role, organisation and month read the index only.
            models.Index(fields=["ambito", "data"], include=["ruolo", "ente", "durata_minuti"],
                         name="intervento_ambito_data_cov"),
        ]

    def __str__(self) -> str:
        return f"{self.get_servizio_display()} {self.family.codice} {self.data:%d/%m/%Y}"

    audit_family = "family_id"

    @property
    def ore(self) -> float:
        return self.durata_minuti / 60


PNRR_MEASURE = "M5C2 – Investimento 1.1 – Sub-investimento 1.1.1"


class Budget(AuditFiled, Versioned):
    """The ambito's resources for a period: hours and hourly cost per role (lines)."""

    ambito = models.ForeignKey(Ambito, verbose_name=_("ambito"), on_delete=models.PROTECT, related_name="budgets")
    nome = models.CharField(_("nome"), max_length=200)
    data_inizio = models.DateField(_("dal"))
    data_fine = models.DateField(_("al"))
    importo = models.DecimalField(_("importo massimo (€)"), max_digits=12, decimal_places=2)
    # The PNRR's identifiers of the funded project, printed on the rendicontazione.
    cup = models.CharField(_("CUP"), max_length=15, blank=True,
                           help_text=_("Codice Unico di Progetto: 15 caratteri, lettere e cifre."))
    misura = models.CharField(_("misura PNRR"), max_length=200, blank=True, default=PNRR_MEASURE)

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budget")
        ordering = ["ambito", "-data_inizio"]

    def __str__(self) -> str:
        return self.nome


class BudgetLine(AuditFiled):
    budget = models.ForeignKey(Budget, verbose_name=_("budget"), on_delete=models.CASCADE, related_name="righe")
    ruolo = models.CharField(_("ruolo"), max_length=30, choices=Ruolo.choices)
    ore_previste = models.DecimalField(_("ore previste"), max_digits=8, decimal_places=1)
    costo_orario = models.DecimalField(_("costo orario (€)"), max_digits=7, decimal_places=2)

    class Meta:
        verbose_name = _("riga del budget")
        verbose_name_plural = _("righe del budget")
        ordering = ["budget", "pk"]
        constraints = [models.UniqueConstraint(fields=["budget", "ruolo"], name="budget_line_unique_role")]

    def __str__(self) -> str:
        return f"{self.get_ruolo_display()}: {self.ore_previste} h × € {self.costo_orario}"

    audit_ambito = "budget.ambito_id"


class Gruppo(AuditFiled, CreatedOnce):
    class Tipo(models.TextChoices):
        GENITORI = "genitori", _("Gruppo dei genitori")
        BAMBINI = "bambini", _("Gruppo dei bambini")
        MISTO = "misto", _("Genitori e bambini insieme")

    class Frequenza(models.TextChoices):
        SETTIMANALE = "settimanale", _("Settimanale")
        QUINDICINALE = "quindicinale", _("Quindicinale")

    class Supporto(models.TextChoices):
        TRASPORTO = "trasporto", _("Trasporto")
        MERENDA = "merenda", _("Merenda o cena")
        CUSTODIA = "custodia", _("Custodia dei bambini")

    ambito = models.ForeignKey(Ambito, verbose_name=_("ambito"), on_delete=models.PROTECT, related_name="+")
    nome = models.CharField(_("nome"), max_length=200)
    tipo = models.CharField(_("tipo"), max_length=12, choices=Tipo.choices)
    sede = models.CharField(_("sede"), max_length=200,
                            help_text=_("Biblioteca, scuola, centro per le famiglie, ludoteca..."))
    frequenza = models.CharField(_("frequenza"), max_length=12, choices=Frequenza.choices,
                                 default=Frequenza.SETTIMANALE)
    supporti = models.JSONField(_("supporti offerti"), default=list, blank=True)
    facilitatori = models.ManyToManyField(settings.AUTH_USER_MODEL, through="Facilitatore",
                                          verbose_name=_("facilitatori"), related_name="gruppi_facilitati")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("gruppo")
        verbose_name_plural = _("gruppi")
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return self.nome


class Facilitatore(models.Model):
    gruppo = models.ForeignKey(Gruppo, on_delete=models.CASCADE, related_name="conduzione")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("facilitatore"), on_delete=models.PROTECT,
                             related_name="+")
    ruolo = models.CharField(_("ruolo"), max_length=30, choices=Ruolo.choices, default=Ruolo.EDUCATORE)
    ente = models.ForeignKey(Ente, verbose_name=_("ente"), on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["gruppo", "user"], name="facilitatore_unique")]

    def __str__(self) -> str:
        return str(self.user)


class Iscrizione(AuditFiled):
    gruppo = models.ForeignKey(Gruppo, verbose_name=_("gruppo"), on_delete=models.CASCADE, related_name="iscrizioni")
    persona = models.ForeignKey(Person, verbose_name=_("partecipante"), on_delete=models.CASCADE, related_name="+")
    family = models.ForeignKey(Family, verbose_name=_("famiglia"), on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("iscrizione")
        verbose_name_plural = _("iscrizioni")
        constraints = [models.UniqueConstraint(fields=["gruppo", "persona"], name="iscrizione_unique")]

    def __str__(self) -> str:
        return f"{self.persona} — {self.gruppo}"

    audit_ambito = "family.ambito_id"
    audit_family = "family_id"


class Incontro(AuditFiled):
    """One meeting of a group's module: the schedule is generated, then each meeting can be edited."""

    gruppo = models.ForeignKey(Gruppo, verbose_name=_("gruppo"), on_delete=models.CASCADE, related_name="incontri")
    numero = models.PositiveSmallIntegerField(_("incontro n."))
    data = models.DateField(_("data"))
    ora_inizio = models.TimeField(_("inizio"))
    ora_fine = models.TimeField(_("fine"))
    durata_minuti = models.PositiveIntegerField(_("durata (minuti)"), editable=False)
    sede = models.CharField(_("sede"), max_length=200, blank=True)
    note = models.TextField(_("note dell'incontro"), blank=True)
    apprendimenti = models.TextField(_("elementi da riportare alle équipe"), blank=True,
                                     help_text=_("Che cosa è emerso e va restituito all'équipe di ogni famiglia."))
    svolto = models.BooleanField(_("svolto"), default=False)

    class Meta:
        verbose_name = _("incontro di gruppo")
        verbose_name_plural = _("incontri di gruppo")
        ordering = ["gruppo", "numero"]
        constraints = [models.UniqueConstraint(fields=["gruppo", "numero"], name="incontro_numero_unique")]

    def __str__(self) -> str:
        return f"{self.gruppo} — {self.numero} ({self.data:%d/%m/%Y})"

    audit_ambito = "gruppo.ambito_id"


class Presenza(AuditFiled):
    incontro = models.ForeignKey(Incontro, on_delete=models.CASCADE, related_name="presenze")
    iscrizione = models.ForeignKey(Iscrizione, on_delete=models.CASCADE, related_name="presenze")

    class Meta:
        verbose_name = _("presenza")
        verbose_name_plural = _("presenze")
        constraints = [models.UniqueConstraint(fields=["incontro", "iscrizione"], name="presenza_unique")]

    def __str__(self) -> str:
        return f"{self.iscrizione.persona} @ {self.incontro}"

    audit_ambito = "incontro.gruppo.ambito_id"
    audit_family = "iscrizione.family_id"


def _new_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarToken(models.Model):
    """The secret in an operator's iCalendar feed URL; deleting it revokes the feed."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_token")
    token = models.CharField(max_length=64, unique=True, default=_new_token)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("feed del calendario")
        verbose_name_plural = _("feed del calendario")

    def __str__(self) -> str:
        return f"{self.user}"
