"""The hours' panel on the family page (registered in InterventionsConfig.ready)."""

from typing import Any

from families.models import Stato
from families.panels import FamilyPage, register_panel

from .selectors import MIN_WEEKLY_HOURS, hours_summary

INTERVENTION_STATES = (Stato.IN_CORSO, Stato.T1, Stato.T2)


def hours_panel(page: FamilyPage) -> dict[str, Any]:
    """This month's hours and last week's (one query)."""
    month, week = hours_summary(page.family)
    return {"month_hours": month, "week_hours": week,
            "week_below": page.family.stato in INTERVENTION_STATES and week < MIN_WEEKLY_HOURS}


def register() -> None:
    register_panel(name="interventions", template="interventions/_family_summary.html", order=20,
                   context=hours_panel)
