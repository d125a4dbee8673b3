"""Governance on the dashboard: complaints whose answer is due, and the meetings' follow-up actions one owns
(registered in GovernanceConfig.ready; see common.dashboard)."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from common.dashboard import register_section

from .bodies.selectors import open_followups_for
from .complaints.policies import keeps_register
from .complaints.selectors import due_soon


def complaints_due(request: HttpRequest) -> dict[str, Any] | None:
    if not keeps_register(request.user):
        return None
    due = due_soon(request.user)
    return {"complaints_due": due} if due else None


def followups(request: HttpRequest) -> dict[str, Any] | None:
    rows = list(open_followups_for(request.user)[:10])
    return {"followups": rows, "today": timezone.localdate()} if rows else None


def register() -> None:
    register_section(name="complaints_due", template="governance/_dashboard_complaints.html", order=20,
                     context=complaints_due)
    register_section(name="followups", template="governance/_dashboard_followups.html", order=30,
                     context=followups)
