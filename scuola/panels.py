"""The school partnership's panel on the family page (registered in ScuolaConfig.ready)."""

from typing import Any

from families.panels import FamilyPage, register_panel


def school_panel(page: FamilyPage) -> dict[str, Any]:
    return {}  # a link to the family's school page: nothing to load


def register() -> None:
    register_panel(name="scuola", template="scuola/_family_summary.html", order=30, context=school_panel)
