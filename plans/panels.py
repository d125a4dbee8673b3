"""The Progetto Quadro's panel on the family page (registered in PlansConfig.ready)."""

from typing import Any

from families.panels import FamilyPage, register_panel

from .selectors import plan_summary


def plan_panel(page: FamilyPage) -> dict[str, Any]:
    return {"plan_info": plan_summary(page.user, page.family)}  # one query, whatever the plan's size


def register() -> None:
    register_panel(name="plan", template="plans/_plan_summary.html", order=10, context=plan_panel)
