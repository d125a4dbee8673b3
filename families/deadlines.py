"""When a family's next step is due, and why: the rule behind the dashboard's "Da fare", the family page and
the reports' overdue counts (families.selectors reads the fields it needs in one query).

- Before the intervention each step has a number of days from the day the family entered its state
  (families.path.NEXT_STEP): 30 days to start the pre-assessment, 60 to complete the T0...
- T1 and T2 follow the family's cohort (implementazione) — T1 at its mid point, T2 at its end — but never come
  earlier than the cohort's minimum months after the family's own start of the intervention (its first entry in
  "Intervento in corso"), so that a family who joins after the mid point is not late on its first day.
- A family without a cohort follows the programme's standard path of 18 months from its own start.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from organisation.models import add_months, cohort_end, cohort_t1

from .models import Stato
from .path import NEXT_STEP

# The programme's standard path when a family has no cohort: T1 at the mid point, T2 at the end.
STANDARD_MONTHS = 18
DEFAULT_DAYS = 30


@dataclass(frozen=True)
class Cohort:
    """What the rule reads of an Implementazione."""

    nome: str
    data_inizio: date
    durata_mesi: int
    t1_mesi_minimi: int
    t2_mesi_minimi: int


@dataclass(frozen=True)
class Due:
    what: str  # the next step, translated
    on: date
    # The reason, written only when shown: a desk dates a few hundred families and shows twenty.
    explain: Callable[[], str] = field(repr=False, compare=False)

    @property
    def why(self) -> str:
        """"metà dell'implementazione «…» (…)", "6 mesi dall'avvio dell'intervento (…)"..."""
        return self.explain()

    def overdue(self, today: date) -> bool:
        return self.on < today


def _day(moment: datetime | date) -> date:
    return timezone.localtime(moment).date() if isinstance(moment, datetime) else moment


def _fmt(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _from_start(months: int, start: date) -> str:
    return _("%(n)s mesi dall'avvio dell'intervento della famiglia (%(d)s)") % {"n": months, "d": _fmt(start)}


def _assessment_due(stato: str, start: date | None,
                    cohort: Cohort | None) -> tuple[date, Callable[[], str]] | None:
    """T1 (from "in corso") or T2 (from "T1"): the cohort's date, unless the family's start leaves less time."""
    t1 = stato == Stato.IN_CORSO
    if cohort is None:
        if start is None:
            return None
        months = STANDARD_MONTHS // 2 if t1 else STANDARD_MONTHS
        return add_months(start, months), lambda: _("%(why)s: la famiglia non ha un'implementazione") % {
            "why": _from_start(months, start)}
    minimum = cohort.t1_mesi_minimi if t1 else cohort.t2_mesi_minimi
    on = (cohort_t1 if t1 else cohort_end)(cohort.data_inizio, cohort.durata_mesi)
    if start is not None and minimum and add_months(start, minimum) > on:
        return add_months(start, minimum), lambda: _("%(why)s, il minimo previsto dall'implementazione «%(nome)s»") % {
            "why": _from_start(minimum, start), "nome": cohort.nome}
    if t1:
        return on, lambda: _("metà dell'implementazione «%(nome)s» (%(n)s mesi dal %(d)s)") % {
            "nome": cohort.nome, "n": cohort.durata_mesi, "d": _fmt(cohort.data_inizio)}
    return on, lambda: _("fine dell'implementazione «%(nome)s»") % {"nome": cohort.nome}


def due_on(*, stato: str, stato_dal: datetime, avvio: datetime | date | None, cohort: Cohort | None) -> Due:
    """The next step of a family in `stato` since `stato_dal`, whose intervention started on `avvio` (None if it
    has not, or is not recorded: then the day it entered "in corso", if that is its state)."""
    label, days = NEXT_STEP[stato]
    if stato in (Stato.IN_CORSO, Stato.T1):
        start = _day(avvio) if avvio else (_day(stato_dal) if stato == Stato.IN_CORSO else None)
        found = _assessment_due(stato, start, cohort)
        if found is not None:
            return Due(_(label), *found)
    days = days or DEFAULT_DAYS
    entered = _day(stato_dal)
    return Due(_(label), entered + timedelta(days=days),
               lambda: _("%(n)s giorni dall'ingresso nella fase «%(stato)s» (%(d)s)") % {
                   "n": days, "stato": Stato(stato).label, "d": _fmt(entered)})
