"""The family portal's panel on the family page (registered in PortalConfig.ready): only for those who manage
the portal (case manager, RT)."""

from typing import Any

from families.panels import FamilyPage, register_panel

from .policies import can_manage_portal
from .selectors import portal_overview


def portal_panel(page: FamilyPage) -> dict[str, Any] | None:
    if not can_manage_portal(page.user, page.family):
        return None
    # The page's members, by date of birth, saves loading them again.
    return {"portal_info": portal_overview(page.family, people=page.members or None)}


def register() -> None:
    register_panel(name="portal", template="portal/_family_portal.html", order=50, context=portal_panel)
