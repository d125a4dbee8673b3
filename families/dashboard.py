"""What families shows on the dashboard: the case files one follows, and a parent's own family
(registered in FamiliesConfig.ready; see common.dashboard)."""

from typing import Any

from django.http import HttpRequest

from audit.services import log_view
from common.dashboard import register_section
from organisation.scope import get_scope

from .models import Stato
from .selectors import due_items, families_visible_to, own_family_for, state_counts


def followed_families(request: HttpRequest) -> dict[str, Any] | None:
    if not get_scope(request.user).is_staff_of_cases:
        return None
    mine = families_visible_to(request.user)
    return {
        "counts": state_counts(mine),
        "recent": (mine.select_related("comune", "equipe").exclude(stato__in=[Stato.CHIUSA, Stato.NON_INCLUSA])
                   .only("nome", "stato", "comune__nome", "equipe__nome").order_by("-updated_at")[:10]),
        "due": due_items(request.user),
    }


def own_family(request: HttpRequest) -> dict[str, Any] | None:
    if not get_scope(request.user).has_role("famiglia"):
        return None
    family = own_family_for(request.user)
    if family is None:
        return None
    log_view(user=request.user, obj=family, reason="Portale famiglia")
    return {"own_family": family}


def register() -> None:
    register_section(name="families", template="families/_dashboard_mine.html", order=10,
                     context=followed_families, content=True)
    register_section(name="own_family", template="families/_dashboard_own_family.html", order=50,
                     context=own_family, content=True)
