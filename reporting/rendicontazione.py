"""Rendicontazione semestrale (PNRR): what the territory did in a period, from the raw records.

Figures (aggregated in SQL, a constant number of queries):
- activities and hours by service (dispositivo), by professional role and by organisation; group meetings
  count once per facilitator, as in the budget;
- costs: hours × the hourly cost of the ambito's budget covering the period, against the budget;
- beneficiaries: the families with at least one visit or one group attendance in the period, their
  children and parents, by comune, children's age band (at the end of the period) and citizenship; the
  shares of 11–14-year-olds and of reunification paths;
- dispositivi activated per family.

Outputs leaving the ambito (XLSX, PDF) suppress counts of people below SMALL_CELL ("<3").
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from families.models import Family, Person
from interventions.models import DISPOSITIVO_OF, Budget, Incontro, Intervento, Presenza, Ruolo, Servizio
from organisation.models import Ambito
from plans.models import Dispositivo

SMALL_CELL = 3
AGE_BANDS = [(0, 3, "0-3"), (4, 6, "4-6"), (7, 10, "7-10"), (11, 14, "11-14"), (15, 17, "15-17")]
PARENT_ROLES = (Person.Ruolo.MADRE, Person.Ruolo.PADRE, Person.Ruolo.CAREGIVER)
CENT = Decimal("0.01")


def semester_of(day: date) -> tuple[date, date]:
    if day.month <= 6:
        return date(day.year, 1, 1), date(day.year, 6, 30)
    return date(day.year, 7, 1), date(day.year, 12, 31)


def small(n: int) -> str | int:
    """A count of people as it may leave the ambito."""
    return f"<{SMALL_CELL}" if 0 < n < SMALL_CELL else n


def _hours(minutes) -> Decimal:
    return (Decimal(minutes or 0) / 60).quantize(CENT, ROUND_HALF_UP)


def age_on(born: date | None, day: date) -> int | None:
    if born is None:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


@dataclass
class Report:
    ambito: Ambito
    dal: date
    al: date
    by_servizio: list[dict] = field(default_factory=list)
    by_ruolo: list[dict] = field(default_factory=list)
    by_ente: list[dict] = field(default_factory=list)
    attivita: int = 0
    ore: Decimal = Decimal(0)
    costo: Decimal = Decimal(0)
    budget: Budget | None = None
    famiglie: int = 0
    bambini: int = 0
    genitori: int = 0
    by_comune: list[tuple[str, int]] = field(default_factory=list)
    by_eta: list[tuple[str, int]] = field(default_factory=list)
    by_cittadinanza: list[tuple[str, int]] = field(default_factory=list)
    quota_11_14: float = 0.0
    quota_riunificazione: float = 0.0
    by_dispositivo: list[tuple[str, int]] = field(default_factory=list)
    dispositivi_per_famiglia: list[tuple[str, int]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.attivita and not self.famiglie


def build(*, ambito: Ambito, dal: date, al: date) -> Report:
    report = Report(ambito=ambito, dal=dal, al=al)
    visits = Intervento.objects.filter(ambito=ambito, data__gte=dal, data__lte=al)
    meetings = Incontro.objects.filter(gruppo__ambito=ambito, svolto=True, data__gte=dal, data__lte=al,
                                       gruppo__conduzione__isnull=False)
    budget = (Budget.objects.filter(ambito=ambito, data_inizio__lte=al, data_fine__gte=dal)
              .prefetch_related("righe").order_by("-data_inizio").first())
    report.budget = budget
    rates = {line.ruolo: Decimal(line.costo_orario) for line in budget.righe.all()} if budget else {}
    servizi = {k: str(v) for k, v in Servizio.choices}
    ruoli = {k: str(v) for k, v in Ruolo.choices}

    per_servizio: dict[str, list] = defaultdict(lambda: [0, 0])
    per_ruolo: dict[str, list] = defaultdict(lambda: [0, 0])
    per_ente: dict[str, list] = defaultdict(lambda: [0, 0])
    for row in visits.values("servizio", "ruolo", "ente__nome").annotate(n=Count("pk"), m=Sum("durata_minuti")).order_by():
        for key, target in ((servizi.get(row["servizio"], row["servizio"]), per_servizio),
                            (row["ruolo"], per_ruolo), (row["ente__nome"] or _("Ente non indicato"), per_ente)):
            target[key][0] += row["n"]
            target[key][1] += row["m"] or 0
    group_label = str(Dispositivo.GRUPPI.label)
    for row in meetings.values("gruppo__conduzione__ruolo", "gruppo__conduzione__ente__nome").annotate(
            n=Count("pk"), m=Sum("durata_minuti")).order_by():
        for key, target in ((group_label, per_servizio), (row["gruppo__conduzione__ruolo"], per_ruolo),
                            (row["gruppo__conduzione__ente__nome"] or _("Ente non indicato"), per_ente)):
            target[key][0] += row["n"]
            target[key][1] += row["m"] or 0
    report.by_servizio = [{"voce": k, "attivita": n, "ore": _hours(m)} for k, (n, m) in sorted(per_servizio.items())]
    report.by_ruolo = [{"voce": ruoli.get(k, k), "attivita": n, "ore": _hours(m),
                        "costo_orario": rates.get(k), "costo": (_hours(m) * rates[k]).quantize(CENT) if k in rates else None}
                       for k, (n, m) in sorted(per_ruolo.items())]
    report.by_ente = [{"voce": k, "attivita": n, "ore": _hours(m)} for k, (n, m) in sorted(per_ente.items())]
    report.attivita = sum(r["attivita"] for r in report.by_servizio)
    report.ore = sum((r["ore"] for r in report.by_ruolo), Decimal(0))
    report.costo = sum((r["costo"] or Decimal(0) for r in report.by_ruolo), Decimal(0))

    # Beneficiaries: families with a visit or a group attendance in the period.
    attended = Presenza.objects.filter(incontro__gruppo__ambito=ambito, incontro__data__gte=dal,
                                       incontro__data__lte=al).values("iscrizione__family_id")
    families = Family.objects.filter(Q(pk__in=visits.values("family_id")) | Q(pk__in=attended), ambito=ambito)
    family_rows = list(families.values_list("pk", "comune__nome", "riunificazione"))
    report.famiglie = len(family_rows)
    people = list(Person.objects.filter(family__in=families).values_list("family_id", "ruolo", "data_nascita",
                                                                         "cittadinanza"))
    children = [p for p in people if p[1] == Person.Ruolo.MINORE]
    report.bambini = len(children)
    report.genitori = sum(1 for p in people if p[1] in PARENT_ROLES)
    report.by_comune = sorted(Counter(c or _("Comune non indicato") for _pk, c, _r in family_rows).items())
    bands = Counter()
    for child in children:
        age = age_on(child[2], al)
        band = next((label for lo, hi, label in AGE_BANDS if age is not None and lo <= age <= hi), _("non indicata"))
        bands[band] += 1
    report.by_eta = [(label, bands[label]) for _lo, _hi, label in AGE_BANDS] + (
        [(_("non indicata"), bands[_("non indicata")])] if bands[_("non indicata")] else [])
    citizenship = Counter(_("italiana") if (p[3] or "").strip().lower().startswith("ital") else
                          (_("altra") if (p[3] or "").strip() else _("non indicata")) for p in people)
    report.by_cittadinanza = sorted(citizenship.items())
    report.quota_11_14 = round(bands["11-14"] / report.bambini * 100, 1) if report.bambini else 0.0
    report.quota_riunificazione = (round(sum(1 for r in family_rows if r[2]) / report.famiglie * 100, 1)
                                   if report.famiglie else 0.0)

    # Dispositivi activated per family (visits' services, group attendance).
    activated: dict[int, set[str]] = defaultdict(set)
    for family_id, servizio in visits.values_list("family_id", "servizio").distinct():
        activated[family_id].add(DISPOSITIVO_OF.get(servizio, "altro"))
    for family_id in attended.values_list("iscrizione__family_id", flat=True).distinct():
        activated[family_id].add("gruppi")
    labels = {k: str(v) for k, v in Dispositivo.choices}
    per_dispositivo = Counter(d for ds in activated.values() for d in ds)
    report.by_dispositivo = sorted((str(labels.get(k, k)), n) for k, n in per_dispositivo.items())
    counts = Counter(min(len(ds), 4) for ds in activated.values())
    report.dispositivi_per_famiglia = [(("4+" if k == 4 else str(k)), counts[k]) for k in (1, 2, 3, 4) if counts[k]]
    return report
