"""The plan's to-dos on the dashboard (see common.dashboard): reviews owed and actions past their date for those
who watch the plans (case manager, coach, RT), and each operator's own actions. Who sees which: plans.policies."""

from typing import Any

from django.http import HttpRequest

from common.dashboard import register_section

from .policies import can_follow_plan_reviews, can_have_plan_actions
from .selectors import my_open_actions, plan_items_due


def plan_todo(request: HttpRequest) -> dict[str, Any] | None:
    if not can_follow_plan_reviews(request.user):
        return None
    due = plan_items_due(request.user)
    return {"plan_due": due} if due["actions"] or due["reviews"] else None


def my_actions(request: HttpRequest) -> dict[str, Any] | None:
    if not can_have_plan_actions(request.user):
        return None
    actions = my_open_actions(request.user)
    return {"my_actions": actions} if actions else None


def register() -> None:
    register_section(name="plan_todo", template="plans/_dashboard_todo.html", order=10, context=plan_todo,
                     slot="todo")
    register_section(name="my_actions", template="plans/_dashboard_my_actions.html", order=12,
                     context=my_actions, slot="todo")
