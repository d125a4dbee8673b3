"""Aggregates of an ambito: counts only, never a name (the amministrativo's and governance view)."""

from django.db.models import Count, QuerySet

from families.models import Family
from families.selectors import state_counts
from organisation.models import Ambito


def ambito_figures(ambito_ids) -> dict:
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
