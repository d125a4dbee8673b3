"""The ambito's figures on the dashboard, for the roles that see aggregates (see common.dashboard)."""

from typing import Any

from django.http import HttpRequest

from common.dashboard import register_section

from .policies import figures_ambiti
from .selectors import ambito_figures


def figures(request: HttpRequest) -> dict[str, Any] | None:
    ambiti = figures_ambiti(request.user)
    return {"figures": ambito_figures(ambiti)} if ambiti else None


def register() -> None:
    register_section(name="figures", template="core/_dashboard_figures.html", order=40, context=figures,
                     content=True)
