"""The plan's to-dos on the dashboard: reviews owed and actions past their date (see common.dashboard)."""

from typing import Any

from django.http import HttpRequest

from common.dashboard import register_section
from organisation.scope import get_scope

from .selectors import plan_items_due


def plan_todo(request: HttpRequest) -> dict[str, Any] | None:
    if not get_scope(request.user).is_staff_of_cases:
        return None
    return {"plan_due": plan_items_due(request.user)}


def register() -> None:
    register_section(name="plan_todo", template="plans/_dashboard_todo.html", order=10, context=plan_todo,
                     slot="todo")
