"""Aggregates of an ambito: counts only, never a name (the amministrativo's and governance view)."""

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, QuerySet

from families.models import Family, Person, Stato
from families.selectors import state_counts
from organisation.models import Ambito, Implementazione, add_months


def ambito_figures(ambito_ids: Iterable[int]) -> dict[str, Any]:
    families: QuerySet[Family] = Family.objects.filter(ambito_id__in=ambito_ids)
    return {
        "ambiti": list(Ambito.objects.filter(pk__in=ambito_ids)),
        "total": families.count(),
        "by_state": state_counts(families),
        "by_comune": list(families.order_by().values("comune__nome").annotate(n=Count("pk")).order_by("comune__nome")),
        "by_cohort": list(
            families.exclude(implementazione=None).order_by()
            .values("implementazione__nome", "implementazione__famiglie_target")
            .annotate(n=Count("pk")).order_by("implementazione__nome")
        ),
    }


# The programme's guidance: about a fifth of families with an 11-14 target child, and about a fifth on a
# reunification path (seed 004).
GUIDANCE_SHARE = 0.20


def cohort_figures(ambito_ids: Iterable[int]) -> list[dict[str, Any]]:
    """Per implementazione: families included against the target, and the shares of 11-14 and reunification
    families against the 20% guidance. Three queries whatever the number of cohorts and families."""
    cohorts = list(Implementazione.objects.filter(ambito_id__in=ambito_ids).order_by("-data_inizio"))
    included_states = [s for s in Stato.values if s not in (Stato.SEGNALATA, Stato.PREASSESSMENT, Stato.NON_INCLUSA)]
    families = {row["pk"]: row for row in Family.objects.filter(implementazione__in=cohorts, stato__in=included_states)
                .values("pk", "implementazione_id", "riunificazione", "stato")}
    births = Person.objects.filter(family_id__in=list(families), target=True).values_list("family_id", "data_nascita")
    by_cohort: dict[int, dict[str, Any]] = {
        c.pk: {"cohort": c, "families": set(), "older": set(), "reunification": set(), "closed": 0} for c in cohorts}
    starts = {c.pk: c.data_inizio for c in cohorts}
    for row in families.values():
        entry = by_cohort[row["implementazione_id"]]
        entry["families"].add(row["pk"])
        if row["riunificazione"]:
            entry["reunification"].add(row["pk"])
        if row["stato"] == Stato.CHIUSA:
            entry["closed"] += 1
    for family_id, born in births:
        cohort_id = families[family_id]["implementazione_id"]
        if born and born <= add_months(starts[cohort_id], -11 * 12):
            by_cohort[cohort_id]["older"].add(family_id)
    result = []
    for entry in by_cohort.values():
        n = len(entry["families"])
        older = len(entry["older"]) / n if n else 0
        reunification = len(entry["reunification"]) / n if n else 0
        result.append({
            "cohort": entry["cohort"], "families": n, "closed": entry["closed"],
            "share_older": round(older * 100), "share_reunification": round(reunification * 100),
            "older_over": older > GUIDANCE_SHARE, "reunification_over": reunification > GUIDANCE_SHARE,
        })
    return result
