"""The ambito's figures on the dashboard, for the roles that see aggregates (see common.dashboard)."""

from typing import Any

from django.http import HttpRequest

from common.dashboard import register_section
from organisation.scope import get_scope

from .selectors import ambito_figures


def figures(request: HttpRequest) -> dict[str, Any] | None:
    scope = get_scope(request.user)
    return {"figures": ambito_figures(scope.aggregate_ambiti)} if scope.aggregate_ambiti else None


def register() -> None:
    register_section(name="figures", template="core/_dashboard_figures.html", order=40, context=figures,
                     content=True)
