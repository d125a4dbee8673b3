"""The budget page's figures: planned vs used hours and euros by role and organisation, monthly burn and
the linear projection to the end of the period. Aggregated in SQL; a constant number of queries.

The ETS coordinator sees the hours of their own organisation's staff only (Membership.ente of type ETS).
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.cache import cache
from django.db.models import QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from organisation.models import Ambito, Ente, Membership, Role
from organisation.scope import get_scope

from .models import Budget, Incontro, Intervento, Ruolo

# can_see_budget is still imported from here by interventions/templatetags and reporting.views (outside this
# change): drop it from this line once they import it from interventions.policies.
from .policies import BUDGET_ROLES, can_see_budget, sees_whole_ambito_budget  # noqa: F401

UNDERSPEND = Decimal("0.90")  # a projection below 90% of the money is an alert too
CENT = Decimal("0.01")
CACHE_SECONDS = 6 * 3600  # an upper bound only: any change to the records replaces the key at once


def budgets_visible_to(user) -> QuerySet[Budget]:
    return Budget.objects.filter(ambito_id__in=get_scope(user).ambiti_for(*BUDGET_ROLES)).select_related("ambito")


def ets_only(user, ambito_id: int) -> int | None | bool:
    """False when the user sees the whole ambito; else the ente whose staff they coordinate (None: no ente)."""
    if sees_whole_ambito_budget(user, ambito_id):
        return False
    m = Membership.objects.filter(user=user, ambito_id=ambito_id, role=Role.COORDINATORE_ETS, active=True,
                                  ente__tipo=Ente.Tipo.ETS).values_list("ente_id", flat=True).first()
    return m


def current_budget(user, pk: int | None = None, *, today: date | None = None) -> Budget | None:
    budgets = budgets_visible_to(user)
    if pk:
        return budgets.filter(pk=pk).first()
    today = today or timezone.localdate()
    return (budgets.filter(data_inizio__lte=today, data_fine__gte=today).order_by("-data_inizio").first()
            or budgets.order_by("-data_fine").first())


def _d(value) -> Decimal:
    return Decimal(str(value or 0))


def _hours(minutes) -> Decimal:
    return (_d(minutes) / 60).quantize(CENT, ROUND_HALF_UP)


@dataclass
class RoleRow:
    ruolo: str
    label: str
    ore_previste: Decimal
    costo_orario: Decimal
    ore_usate: Decimal = Decimal(0)
    ore_proiettate: Decimal = Decimal(0)

    @property
    def euro_previsti(self) -> Decimal:
        return (self.ore_previste * self.costo_orario).quantize(CENT)

    @property
    def euro_usati(self) -> Decimal:
        return (self.ore_usate * self.costo_orario).quantize(CENT)

    @property
    def euro_proiettati(self) -> Decimal:
        return (self.ore_proiettate * self.costo_orario).quantize(CENT)

    @property
    def percent(self) -> int:
        return int(self.ore_usate * 100 / self.ore_previste) if self.ore_previste else 0


@dataclass
class Report:
    budget: Budget
    today: date
    ente_filter: int | None | bool
    roles: list[RoleRow] = field(default_factory=list)
    by_ente: list[dict] = field(default_factory=list)
    months: list[dict] = field(default_factory=list)
    alerts: list[str] = field(default_factory=list)
    elapsed_days: int = 0
    total_days: int = 0

    def total(self, attr: str) -> Decimal:
        return sum((getattr(r, attr) for r in self.roles), Decimal(0))

    @property
    def ore_usate(self) -> Decimal:
        return self.total("ore_usate")

    @property
    def euro_usati(self) -> Decimal:
        return self.total("euro_usati")

    @property
    def euro_previsti(self) -> Decimal:
        return self.total("euro_previsti")

    @property
    def euro_proiettati(self) -> Decimal:
        return self.total("euro_proiettati")

    @property
    def ore_previste(self) -> Decimal:
        return self.total("ore_previste")

    @property
    def ore_proiettate(self) -> Decimal:
        return self.total("ore_proiettate")


def _visits(budget: Budget, ente_filter) -> QuerySet[Intervento]:
    qs = Intervento.objects.filter(ambito_id=budget.ambito_id, data__gte=budget.data_inizio,
                                   data__lte=budget.data_fine)
    if ente_filter is not False:
        qs = qs.filter(ente_id=ente_filter) if ente_filter else qs.none()
    return qs


def _meetings(budget: Budget, ente_filter) -> QuerySet[Incontro]:
    """Meetings held, one row per facilitator (the facilitators' hours are what the budget pays)."""
    conditions = {"gruppo__ambito_id": budget.ambito_id, "svolto": True, "data__gte": budget.data_inizio,
                  "data__lte": budget.data_fine, "gruppo__conduzione__isnull": False}
    if ente_filter is not False:
        if not ente_filter:
            return Incontro.objects.none()
        conditions["gruppo__conduzione__ente_id"] = ente_filter
    # One filter() call: the facilitator rows filtered are the ones the values() below group by.
    return Incontro.objects.filter(**conditions)


def activity_minutes(budget: Budget, ente_filter) -> list[tuple[date, str, int | None, str, int]]:
    """(month, role, ente id, ente name, minutes) of the visits and of the facilitators' group meetings in the
    budget's period: two aggregate queries over tens of thousands of visits, so cached under the ambito's
    activity token, which any change to those records replaces (interventions.activity)."""
    token = Ambito.objects.filter(pk=budget.ambito_id).values_list("versione_attivita", flat=True).first()
    key = f"budget-minutes:{budget.ambito_id}:{budget.data_inizio}:{budget.data_fine}:{ente_filter}:{token}"
    rows = cache.get(key)
    if rows is not None:
        return rows
    rows = []
    unnamed = _("Ente non indicato")
    for qs, ruolo, ente in ((_visits(budget, ente_filter), "ruolo", "ente"),
                            (_meetings(budget, ente_filter), "gruppo__conduzione__ruolo", "gruppo__conduzione__ente")):
        for row in qs.annotate(month=TruncMonth("data")).values("month", ruolo, f"{ente}_id", f"{ente}__nome").annotate(
                m=Sum("durata_minuti")).order_by():
            month = row["month"].date() if hasattr(row["month"], "date") else row["month"]
            rows.append((month, row[ruolo], row[f"{ente}_id"], row[f"{ente}__nome"] or unnamed, int(row["m"] or 0)))
    cache.set(key, rows, timeout=CACHE_SECONDS)
    return rows


def budget_report(user, budget: Budget, *, today: date | None = None) -> Report:
    today = today or timezone.localdate()
    ente_filter = ets_only(user, budget.ambito_id)
    report = Report(budget=budget, today=today, ente_filter=ente_filter)
    lines = {line.ruolo: line for line in budget.righe.all()}
    labels = dict(Ruolo.choices)
    rows = {r: RoleRow(r, labels[r], _d(lines[r].ore_previste) if r in lines else Decimal(0),
                       _d(lines[r].costo_orario) if r in lines else Decimal(0)) for r in Ruolo.values}

    # Minutes are added up first and rounded to hours once per figure, as each figure is reported.
    used_by: dict[tuple, int] = {}
    per_month: dict[tuple, int] = {}
    ente_names: dict[int | None, str] = {}
    for month, ruolo, ente_id, ente_name, minutes in activity_minutes(budget, ente_filter):
        used_by[(ruolo, ente_id)] = used_by.get((ruolo, ente_id), 0) + minutes
        per_month[(month, ruolo)] = per_month.get((month, ruolo), 0) + minutes
        ente_names[ente_id] = ente_name
    for (ruolo, _ente), minutes in used_by.items():
        rows[ruolo].ore_usate += _hours(minutes)

    start, end = budget.data_inizio, budget.data_fine
    report.total_days = (end - start).days + 1
    report.elapsed_days = max(0, min((min(today, end) - start).days + 1, report.total_days))
    factor = Decimal(report.total_days) / Decimal(report.elapsed_days) if report.elapsed_days else Decimal(0)
    for row in rows.values():
        row.ore_proiettate = (row.ore_usate * factor).quantize(CENT, ROUND_HALF_UP)
    report.roles = [r for r in rows.values() if r.ore_previste or r.ore_usate]

    by_ente: dict[int | None, dict] = {}
    for (ruolo, ente), minutes in sorted(used_by.items(), key=lambda kv: (ente_names[kv[0][1]], kv[0][0])):
        entry = by_ente.setdefault(ente, {"ente": ente_names[ente], "ore": Decimal(0), "euro": Decimal(0),
                                          "ruoli": []})
        hours = _hours(minutes)
        euros = (hours * rows[ruolo].costo_orario).quantize(CENT)
        entry["ore"] += hours
        entry["euro"] += euros
        entry["ruoli"].append({"ruolo": labels[ruolo], "ore": hours, "euro": euros})
    report.by_ente = list(by_ente.values())

    monthly: dict[date, dict] = {}
    for (month, ruolo), minutes in per_month.items():
        entry = monthly.setdefault(month, {"mese": month, "ore": Decimal(0), "euro": Decimal(0)})
        hours = _hours(minutes)
        entry["ore"] += hours
        entry["euro"] += (hours * rows[ruolo].costo_orario).quantize(CENT)
    cumulative = Decimal(0)
    for month in sorted(monthly):
        cumulative += monthly[month]["euro"]
        monthly[month]["cumulato"] = cumulative
    report.months = [monthly[m] for m in sorted(monthly)]
    report.alerts = _alerts(report)
    return report


def _alerts(report: Report) -> list[str]:
    if not report.elapsed_days:
        return [_("Il periodo del budget non è ancora iniziato.")]
    alerts = []
    money = _d(report.budget.importo)
    if report.ente_filter is False and report.euro_proiettati > money:
        alerts.append(_("Al ritmo attuale la spesa a fine periodo sarà di € %(p)s, oltre l'importo disponibile di "
                        "€ %(b)s: rivedi la programmazione delle ore.") % {"p": _euro(report.euro_proiettati),
                                                                           "b": _euro(money)})
    elif report.ente_filter is False and report.euro_proiettati < money * UNDERSPEND:
        alerts.append(_("Al ritmo attuale a fine periodo saranno spesi € %(p)s su € %(b)s disponibili: una parte "
                        "delle risorse resterà inutilizzata.") % {"p": _euro(report.euro_proiettati),
                                                                  "b": _euro(money)})
    for row in report.roles:
        if row.ore_previste and row.ore_proiettate < row.ore_previste:
            alerts.append(_("%(ruolo)s: al ritmo attuale a fine periodo le ore saranno %(p)s, meno delle %(o)s "
                            "previste.") % {"ruolo": row.label, "p": _num(row.ore_proiettate),
                                            "o": _num(row.ore_previste)})
        elif row.ore_previste and row.ore_proiettate > row.ore_previste * Decimal("1.1"):
            alerts.append(_("%(ruolo)s: al ritmo attuale a fine periodo le ore saranno %(p)s, oltre le %(o)s "
                            "previste.") % {"ruolo": row.label, "p": _num(row.ore_proiettate),
                                            "o": _num(row.ore_previste)})
    return alerts


def _num(value: Decimal) -> str:
    return f"{value:,.0f}".replace(",", ".")


def _euro(value: Decimal) -> str:
    return f"{value:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
