"""Rendicontazione semestrale (PNRR): what the territory did in a period, from the raw records.

Figures (aggregated in SQL, a constant number of queries):
- activities and hours by service (dispositivo), by professional role and by organisation; group meetings
  count once per facilitator, as in the budget;
- costs: hours × the hourly cost of the ambito's budget covering the period, against the budget;
- beneficiaries: the families with at least one visit or one group attendance in the period, their
  children and parents, by comune, children's age band (at the end of the period) and citizenship; the
  shares of 11–14-year-olds and of reunification paths;
- dispositivi activated per family.

Every count of people that leaves the ambito (the page, the XLSX, the PDF) goes through `reporting.disclosure`:
counts below SMALL_CELL are "<3", and further counts are hidden ("×") until none of them can be worked out from
the totals, the other tables and the shares of the same report (`Report.disclosure`, built by `protect_report`).
"""

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection
from django.db.models import Case, CharField, Count, Exists, F, OuterRef, Q, Sum, Value, When
from django.db.models.functions import Lower, Trim
from django.utils.translation import gettext as _

from families.models import Family, Person
from interventions.models import DISPOSITIVO_OF, Budget, Incontro, Intervento, Presenza, Ruolo, Servizio
from organisation.models import Ambito, Implementazione
from plans.models import Dispositivo

from .disclosure import SECONDARY_MARK, Disclosure, Relation, protect

AGE_BANDS = [(0, 3, "0-3"), (4, 6, "4-6"), (7, 10, "7-10"), (11, 14, "11-14"), (15, 17, "15-17")]
PARENT_ROLES = (Person.Ruolo.MADRE, Person.Ruolo.PADRE, Person.Ruolo.CAREGIVER)
CENT = Decimal("0.01")


def semester_of(day: date) -> tuple[date, date]:
    if day.month <= 6:
        return date(day.year, 1, 1), date(day.year, 6, 30)
    return date(day.year, 7, 1), date(day.year, 12, 31)


def _hours(minutes) -> Decimal:
    return (Decimal(minutes or 0) / 60).quantize(CENT, ROUND_HALF_UP)


@dataclass
class Report:
    ambiti: list[Ambito]
    dal: date
    al: date
    by_servizio: list[dict] = field(default_factory=list)
    by_ruolo: list[dict] = field(default_factory=list)
    by_ente: list[dict] = field(default_factory=list)
    by_ambito: list[dict] = field(default_factory=list)
    attivita: int = 0
    ore: Decimal = Decimal(0)
    costo: Decimal = Decimal(0)
    budgets: list[Budget] = field(default_factory=list)
    famiglie: int = 0
    bambini: int = 0
    genitori: int = 0
    by_comune: list[tuple[str, int]] = field(default_factory=list)
    by_eta: list[tuple[str, int]] = field(default_factory=list)
    by_cittadinanza: list[tuple[str, int]] = field(default_factory=list)
    quota_11_14: float = 0.0
    quota_riunificazione: float = 0.0
    riunificazione: int = 0
    by_dispositivo: list[tuple[str, int]] = field(default_factory=list)
    dispositivi_per_famiglia: list[tuple[int | str, int]] = field(default_factory=list)
    disclosure: Disclosure = field(default_factory=Disclosure)
    # The PNRR's progress of a report of one ambito with its budget: the period, since the budget began, targets.
    cumulato: "Report | None" = None
    famiglie_target: int | None = None

    def shown(self, key: str) -> int | str:
        """A count of people as it is published (see `protect_report`)."""
        return self.disclosure.shown(key)

    def pnrr_rows(self) -> list[list]:
        """[voce, in the period, since the budget began, target] of the PNRR's progress (one ambito with a budget)."""
        budget, since = self.budget, self.cumulato
        if budget is None or since is None:
            return []
        families_since = self.shown("famiglie") if since is self else self.shown("famiglie_cumulato")
        rows: list[list] = [[_("Famiglie raggiunte"), self.shown("famiglie"), families_since, self.famiglie_target]]
        hours = {r["voce"]: r["ore"] for r in self.by_ruolo}
        hours_since = {r["voce"]: r["ore"] for r in since.by_ruolo}
        ruoli = {k: str(v) for k, v in Ruolo.choices}
        for line in budget.righe.all():
            label = ruoli.get(line.ruolo, line.ruolo)
            rows.append([_("Ore: %(r)s") % {"r": label}, hours.get(label, Decimal(0)),
                         hours_since.get(label, Decimal(0)), line.ore_previste])
        rows.append([_("Costo (€)"), self.costo, since.costo, budget.importo])
        return rows

    def share(self, key: str, numerator: str, denominator: str) -> float | str:
        """A share is published only when both its counts are: otherwise it would give a hidden one back."""
        if self.disclosure.hidden(numerator) or self.disclosure.hidden(denominator):
            return SECONDARY_MARK
        return getattr(self, key)

    @property
    def ambito(self) -> Ambito | None:
        """The ambito of a report of one ambito; None for a report of several (a region's)."""
        return self.ambiti[0] if len(self.ambiti) == 1 else None

    @property
    def budget(self) -> Budget | None:
        return self.budgets[0] if len(self.budgets) == 1 and self.ambito else None

    @property
    def budget_importo(self) -> Decimal:
        return sum((b.importo for b in self.budgets), Decimal(0))

    @property
    def empty(self) -> bool:
        return not self.attivita and not self.famiglie


def years_before(day: date, years: int) -> date:
    """The same day `years` earlier (28 February for a 29 February that year lacks)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def build(*, dal: date, al: date, ambito: Ambito | None = None, ambiti: Sequence[Ambito] | None = None,
          progress: Callable[[int], None] | None = None, cumulative: bool = True) -> Report:
    """The report of one ambito, or of several together (a region's) with a row per ambito.

    A constant number of queries whatever the number of ambiti, families or visits; nothing is loaded
    per family or per person into Python."""
    chosen = sorted([ambito] if ambito is not None else list(ambiti or []), key=lambda a: a.nome)
    ids = [a.pk for a in chosen]
    report = Report(ambiti=chosen, dal=dal, al=al)
    step = progress or (lambda percent: None)
    visits = Intervento.objects.filter(ambito_id__in=ids, data__gte=dal, data__lte=al)
    meetings = Incontro.objects.filter(gruppo__ambito_id__in=ids, svolto=True, data__gte=dal, data__lte=al,
                                       gruppo__conduzione__isnull=False)
    # The budget of each ambito that covers the period (the latest if several do).
    budgets: dict[int, Budget] = {}
    for budget in (Budget.objects.filter(ambito_id__in=ids, data_inizio__lte=al, data_fine__gte=dal)
                   .prefetch_related("righe").order_by("ambito_id", "-data_inizio", "-pk")):
        budgets.setdefault(budget.ambito_id, budget)
    report.budgets = list(budgets.values())
    rates = {(b.ambito_id, line.ruolo): Decimal(line.costo_orario) for b in report.budgets for line in b.righe.all()}
    servizi = {k: str(v) for k, v in Servizio.choices}
    ruoli = {k: str(v) for k, v in Ruolo.choices}
    names = {a.pk: a.nome for a in chosen}

    per_servizio: dict[str, list] = defaultdict(lambda: [0, 0])
    per_ente: dict[str, list] = defaultdict(lambda: [0, 0])
    # Hours by (ambito, role): each ambito's hours are costed at its own budget's rates.
    per_ambito_ruolo: dict[tuple[int, str], list] = defaultdict(lambda: [0, 0])
    rows = list(visits.values("ambito_id", "servizio", "ruolo", "ente__nome").annotate(
        n=Count("pk"), m=Sum("durata_minuti")).order_by())
    step(25)
    group_label = str(Dispositivo.GRUPPI.label)
    rows += [{"ambito_id": r["gruppo__ambito_id"], "servizio": None, "ruolo": r["gruppo__conduzione__ruolo"],
              "ente__nome": r["gruppo__conduzione__ente__nome"], "n": r["n"], "m": r["m"]}
             for r in meetings.values("gruppo__ambito_id", "gruppo__conduzione__ruolo",
                                      "gruppo__conduzione__ente__nome").annotate(n=Count("pk"), m=Sum("durata_minuti"))
             .order_by()]
    for row in rows:
        servizio = group_label if row["servizio"] is None else servizi.get(row["servizio"], row["servizio"])
        for key, target in ((servizio, per_servizio), (row["ente__nome"] or _("Ente non indicato"), per_ente),
                            ((row["ambito_id"], row["ruolo"]), per_ambito_ruolo)):
            target[key][0] += row["n"]
            target[key][1] += row["m"] or 0

    def cost(ambito_id: int, ruolo: str, minutes: int) -> Decimal | None:
        rate = rates.get((ambito_id, ruolo))
        return (_hours(minutes) * rate).quantize(CENT) if rate is not None else None

    per_ruolo: dict[str, dict] = {}
    per_ambito: dict[int, dict] = {pk: {"attivita": 0, "minuti": 0, "costo": Decimal(0)} for pk in ids}
    for (ambito_id, ruolo), (n, m) in per_ambito_ruolo.items():
        line = per_ruolo.setdefault(ruolo, {"attivita": 0, "minuti": 0, "costo": None, "tariffe": set()})
        line["attivita"] += n
        line["minuti"] += m
        amount = cost(ambito_id, ruolo, m)
        if amount is not None:
            line["costo"] = (line["costo"] or Decimal(0)) + amount
            line["tariffe"].add(rates[(ambito_id, ruolo)])
            per_ambito[ambito_id]["costo"] += amount
        per_ambito[ambito_id]["attivita"] += n
        per_ambito[ambito_id]["minuti"] += m
    report.by_servizio = [{"voce": k, "attivita": n, "ore": _hours(m)} for k, (n, m) in sorted(per_servizio.items())]
    # One hourly cost when every ambito has the same; a region's ambiti may differ (then none is shown).
    report.by_ruolo = [{"voce": ruoli.get(k, k), "attivita": v["attivita"], "ore": _hours(v["minuti"]),
                        "costo_orario": next(iter(v["tariffe"])) if len(v["tariffe"]) == 1 else None,
                        "costo": v["costo"]} for k, v in sorted(per_ruolo.items())]
    report.by_ente = [{"voce": k, "attivita": n, "ore": _hours(m)} for k, (n, m) in sorted(per_ente.items())]
    report.attivita = sum(r["attivita"] for r in report.by_servizio)
    report.ore = sum((r["ore"] for r in report.by_ruolo), Decimal(0))
    report.costo = sum((r["costo"] or Decimal(0) for r in report.by_ruolo), Decimal(0))

    # Beneficiaries: families with a visit or a group attendance in the period.
    attended = Presenza.objects.filter(incontro__gruppo__ambito_id__in=ids, incontro__data__gte=dal,
                                       incontro__data__lte=al)
    # EXISTS per family, not "id IN (visits) OR id IN (attendance)": over a region the two IN lists (hundreds of
    # thousands of ids) do not fit in memory and PostgreSQL would rescan them for every family.
    families = Family.objects.filter(Exists(visits.filter(family_id=OuterRef("pk")))
                                     | Exists(attended.filter(iscrizione__family_id=OuterRef("pk"))), ambito_id__in=ids)
    family_counts = {r["ambito_id"]: r for r in families.values("ambito_id").annotate(
        n=Count("pk"), riunificazione=Count("pk", filter=Q(riunificazione=True))).order_by()}
    step(50)
    report.famiglie = sum(r["n"] for r in family_counts.values())
    report.by_comune = sorted((c or _("Comune non indicato"), n) for c, n in
                              families.values_list("comune__nome").annotate(n=Count("pk")).order_by())
    people = Person.objects.filter(family__in=families).annotate(cit=Lower(Trim("cittadinanza")))
    is_child = Q(ruolo=Person.Ruolo.MINORE)
    bands = {}
    for lo, hi, label in AGE_BANDS:
        # Aged lo..hi at the end of the period: born after `al` minus hi+1 years, on or before `al` minus lo.
        band = Q(data_nascita__gt=years_before(al, hi + 1), data_nascita__lte=years_before(al, lo))
        bands[label] = Count("pk", filter=is_child & band)
    figures = people.aggregate(
        bambini=Count("pk", filter=is_child), genitori=Count("pk", filter=Q(ruolo__in=PARENT_ROLES)),
        italiana=Count("pk", filter=Q(cit__startswith="ital")), non_indicata=Count("pk", filter=Q(cit="")
                                                                                     | Q(cit__isnull=True)),
        persone=Count("pk"), **{f"eta_{k}": v for k, v in bands.items()})
    step(70)
    report.bambini, report.genitori = figures["bambini"], figures["genitori"]
    unknown = report.bambini - sum(figures[f"eta_{label}"] for _lo, _hi, label in AGE_BANDS)
    report.by_eta = [(label, figures[f"eta_{label}"]) for _lo, _hi, label in AGE_BANDS] + (
        [(_("non indicata"), unknown)] if unknown else [])
    other = figures["persone"] - figures["italiana"] - figures["non_indicata"]
    report.by_cittadinanza = sorted((k, n) for k, n in ((_("italiana"), figures["italiana"]), (_("altra"), other),
                                                        (_("non indicata"), figures["non_indicata"])) if n)
    report.quota_11_14 = round(figures["eta_11-14"] / report.bambini * 100, 1) if report.bambini else 0.0
    reunified = sum(r["riunificazione"] for r in family_counts.values())
    report.quota_riunificazione = round(reunified / report.famiglie * 100, 1) if report.famiglie else 0.0
    report.riunificazione = reunified

    # Dispositivi activated per family: the distinct (family, dispositivo) pairs of visits and group attendance,
    # counted by dispositivo and by number per family in the database.
    dispositivo = Case(*[When(servizio=k, then=Value(v)) for k, v in DISPOSITIVO_OF.items()], default=Value("altro"),
                       output_field=CharField())
    pairs = visits.annotate(disp=dispositivo).values("family_id", "disp").order_by().union(
        attended.annotate(fam=F("iscrizione__family_id"), disp=Value("gruppi", output_field=CharField()))
        .values("fam", "disp").order_by())
    sql, params = pairs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT disp, COUNT(*) FROM ({sql}) pairs GROUP BY disp", params)  # noqa: S608
        per_dispositivo = dict(cursor.fetchall())
        cursor.execute(f"SELECT CASE WHEN n > 4 THEN 4 ELSE n END, COUNT(*) FROM (SELECT family_id, COUNT(*) AS n "  # noqa: S608
                       f"FROM ({sql}) pairs GROUP BY family_id) per_family GROUP BY CASE WHEN n > 4 THEN 4 ELSE n END",
                       params)
        counts = dict(cursor.fetchall())
    step(90)
    labels = {k: str(v) for k, v in Dispositivo.choices}
    report.by_dispositivo = sorted((str(labels.get(k, k)), n) for k, n in per_dispositivo.items())
    # A number where it is one, so that a spreadsheet can sum it; the last band is a text.
    report.dispositivi_per_famiglia = [((_("4 o più") if k == 4 else k), counts[k]) for k in (1, 2, 3, 4)
                                       if counts.get(k)]

    if len(chosen) > 1:
        report.by_ambito = [{"voce": names[pk], "attivita": v["attivita"], "ore": _hours(v["minuti"]),
                             "costo": v["costo"] if pk in budgets else None,
                             "famiglie": family_counts.get(pk, {}).get("n", 0),
                             "budget": budgets[pk].importo if pk in budgets else None}
                            for pk, v in sorted(per_ambito.items(), key=lambda item: names[item[0]])]
    if report.budget is not None and cumulative:
        _progress(report, report.budget)
    protect_report(report)
    return report


def _progress(report: Report, budget: Budget) -> None:
    """The figures since the budget began (to the end of the period) and the families the cohorts aim at."""
    start = budget.data_inizio
    report.cumulato = build(ambito=report.ambito, dal=start, al=report.al, cumulative=False) \
        if start < report.dal else report
    targets = Implementazione.objects.filter(ambito=report.ambito, data_inizio__lte=report.al).aggregate(
        n=Sum("famiglie_target"))["n"]
    report.famiglie_target = targets


def protect_report(report: Report) -> None:
    """The report's counts of people and what a reader knows of them, protected (`reporting.disclosure`).

    A reader knows: the families add up by comune, by ambito, by number of dispositivi and into reunification
    paths or not; each dispositivo reaches at most all the families and together they count between one and
    all the dispositivi per family; the children add up by age band; the persons by citizenship, and they
    are at least the children and the parents."""
    d = report.disclosure = Disclosure()
    d.add("famiglie", report.famiglie)
    d.add("bambini", report.bambini)
    d.add("genitori", report.genitori)
    d.add("persone", sum(n for _c, n in report.by_cittadinanza))
    d.unpublished.add("persone")  # not published: the reader only knows it from citizenship
    d.relate(Relation.total("famiglie", [d.add(f"comune:{c}", n) for c, n in report.by_comune]))
    d.relate(Relation.total("bambini", [d.add(f"eta:{b}", n) for b, n in report.by_eta]))
    d.relate(Relation.total("persone", [d.add(f"cittadinanza:{c}", n) for c, n in report.by_cittadinanza]))
    d.relate(Relation.at_least("persone", ["bambini", "genitori"]))
    d.relate(Relation.total("famiglie", [d.add("riunificazione", report.riunificazione),
                                         d.add("non_riunificazione", report.famiglie - report.riunificazione)]))
    per_family = dict(report.dispositivi_per_famiglia)
    bands = [d.add(f"dispositivi:{k}", per_family.get(k, 0)) for k in (1, 2, 3, _("4 o più"))]
    d.relate(Relation.total("famiglie", bands))
    activated = [d.add(f"dispositivo:{label}", n) for label, n in report.by_dispositivo]
    for key in activated:
        d.relate(Relation.at_least("famiglie", [key]))
    # Pairs (family, dispositivo): at least 1, 2, 3, 4 per family of each band, at most as many as there are.
    weights = {bands[0]: 1, bands[1]: 2, bands[2]: 3, bands[3]: 4}
    d.relate(Relation((*((k, 1) for k in activated), *((k, -w) for k, w in weights.items())), equal=False))
    most = {**weights, bands[3]: len(Dispositivo.choices) + 1}  # every dispositivo, and "altro"
    d.relate(Relation((*((k, -1) for k in activated), *((k, w) for k, w in most.items())), equal=False))
    if report.by_ambito:
        d.relate(Relation.total("famiglie", [d.add(f"ambito:{r['voce']}", r["famiglie"]) for r in report.by_ambito]))
    if report.cumulato is not None and report.cumulato is not report:
        # The families since the budget began include those of the period.
        d.relate(Relation.at_least(d.add("famiglie_cumulato", report.cumulato.famiglie), ["famiglie"]))
    protect(d)
