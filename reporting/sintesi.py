"""Sintesi annuale: complaints and their handling, families' satisfaction, controls of the services rendered.

All from the raw records of the user's ambiti (RT and Ufficio di Piano), aggregated in SQL.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from governance.complaints.selectors import annual_summary
from interventions.models import Assegnazione, Incontro, Intervento
from quality.models import Survey
from quality.selectors import survey_results


@dataclass
class Controls:
    ore_previste: Decimal = Decimal(0)
    ore_erogate: Decimal = Decimal(0)
    interventi: int = 0
    incontri_previsti: int = 0
    incontri_svolti: int = 0

    @property
    def quota_erogata(self) -> int | None:
        return round(self.ore_erogate / self.ore_previste * 100) if self.ore_previste else None


@dataclass
class Sintesi:
    year: int
    complaints: dict
    surveys: list[dict] = field(default_factory=list)
    controls: Controls = field(default_factory=Controls)


def planned_hours(assignments, start: date, end: date) -> Decimal:
    """Weekly planned hours × the weeks each assignment overlaps the period."""
    total = Decimal(0)
    for weekly, first, last in assignments.values_list("ore_settimanali", "data_inizio", "data_fine"):
        lo, hi = max(first, start), min(last or end, end)
        if hi >= lo:
            total += Decimal(weekly) * Decimal((hi - lo).days + 1) / 7
    return total.quantize(Decimal("0.1"))


def build(user, *, ambiti: frozenset[int], year: int) -> Sintesi:
    start, end = date(year, 1, 1), date(year, 12, 31)
    until = min(end, timezone.localdate())  # what was due by today
    result = Sintesi(year=year, complaints=annual_summary(user, year))
    for survey in (Survey.objects.filter(ambito_id__in=ambiti, destinatari=Survey.Audience.FAMIGLIE,
                                         apre_il__lte=end, chiude_il__gte=start)
                   .select_related("instrument_version").order_by("apre_il")):
        result.surveys.append({"survey": survey, "results": survey_results(survey)})
    assignments = Assegnazione.objects.filter(family__ambito_id__in=ambiti, data_inizio__lte=end).exclude(
        data_fine__lt=start)
    visits = Intervento.objects.filter(ambito_id__in=ambiti, data__gte=start, data__lte=end).aggregate(
        n=Count("pk"), m=Sum("durata_minuti"))
    meetings = Incontro.objects.filter(gruppo__ambito_id__in=ambiti, data__gte=start, data__lte=until).aggregate(
        planned=Count("pk"), held=Count("pk", filter=Q(svolto=True)))
    result.controls = Controls(
        ore_previste=planned_hours(assignments, start, until),
        ore_erogate=(Decimal(visits["m"] or 0) / 60).quantize(Decimal("0.1")), interventi=visits["n"],
        incontri_previsti=meetings["planned"], incontri_svolti=meetings["held"])
    return result
