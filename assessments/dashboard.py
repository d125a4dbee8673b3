"""Assessments left in draft, on the dashboard's to-dos (see common.dashboard)."""

from typing import Any

from django.http import HttpRequest

from common.dashboard import register_section
from organisation.scope import get_scope

from .selectors import drafts_waiting


def drafts_todo(request: HttpRequest) -> dict[str, Any] | None:
    if not get_scope(request.user).is_staff_of_cases:
        return None
    return {"drafts": drafts_waiting(request.user)}


def register() -> None:
    register_section(name="drafts", template="assessments/_dashboard_drafts.html", order=20, context=drafts_todo,
                     slot="todo")
