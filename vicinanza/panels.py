"""Vicinanza solidale's panel on the family page (registered in VicinanzaConfig.ready)."""

from typing import Any

from families.panels import FamilyPage, register_panel


def vicinanza_panel(page: FamilyPage) -> dict[str, Any] | None:
    # Support families are not part of the teachers' and volunteers' restricted view of a family.
    return {} if page.can_see_notes else None


def register() -> None:
    register_panel(name="vicinanza", template="vicinanza/_family_summary.html", order=40, context=vicinanza_panel)
