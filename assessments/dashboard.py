"""Assessments left in draft, on the dashboard's to-dos (see common.dashboard; who sees them: policies)."""

from typing import Any

from django.http import HttpRequest

from common.dashboard import register_section

from .policies import can_follow_drafts
from .selectors import drafts_waiting


def drafts_todo(request: HttpRequest) -> dict[str, Any] | None:
    if not can_follow_drafts(request.user):
        return None
    drafts = drafts_waiting(request.user)
    return {"drafts": drafts} if drafts else None


def register() -> None:
    register_section(name="drafts", template="assessments/_dashboard_drafts.html", order=20, context=drafts_todo,
                     slot="todo")
