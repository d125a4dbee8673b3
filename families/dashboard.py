"""What families shows on the dashboard (registered in FamiliesConfig.ready; see common.dashboard): the case
files one follows, a parent's own family, and in "Da fare" the path's next steps for the case manager, the
coach's équipe and the RT's ambito with what is late. Who sees which is families.policies'."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from audit.services import log_view
from common.dashboard import register_section

from . import policies
from .models import Stato
from .selectors import (
    due_items,
    duplicate_count,
    equipes_among,
    families_visible_to,
    late_overview,
    own_family_for,
    state_counts,
)


def followed_families(request: HttpRequest) -> dict[str, Any] | None:
    if not policies.can_see_case_files(request.user):
        return None
    mine = families_visible_to(request.user)
    return {
        "counts": state_counts(mine),
        "recent": (mine.select_related("comune", "equipe").exclude(stato__in=[Stato.CHIUSA, Stato.NON_INCLUSA])
                   .only("nome", "codice", "stato", "comune__nome", "equipe__nome").order_by("-updated_at")[:10]),
    }


def path_steps(request: HttpRequest) -> dict[str, Any] | None:
    """The case manager's: the next step of each family of the équipe they manage, soonest first."""
    if not policies.can_follow_path_steps(request.user):
        return None
    families = families_visible_to(request.user).filter(equipe_id__in=policies.path_steps_equipe_ids(request.user))
    due = due_items(request.user, families=families)
    return {"due": due} if due else None


def oversight(request: HttpRequest) -> dict[str, Any] | None:
    """The coach's équipe and the RT's ambito: families on the path and what is late, by équipe."""
    blocks = []
    coached = policies.coached_equipe_ids(request.user)
    if coached:
        families = families_visible_to(request.user).filter(equipe_id__in=coached)
        blocks.append({"title": _("Le équipe che segui come coach"), "key": "coach",
                       **late_overview(families, equipes_among(equipe_ids=coached))})
    ambiti = policies.overseen_ambiti(request.user)
    if ambiti:
        families = families_visible_to(request.user).filter(ambito_id__in=ambiti)
        blocks.append({"title": _("L'ambito: che cosa è in ritardo"), "key": "ambito",
                       **late_overview(families, equipes_among(ambito_ids=ambiti))})
    return {"oversight": blocks} if blocks else None


def duplicates(request: HttpRequest) -> dict[str, Any] | None:
    """The RT's and the case manager's: persons that seem registered twice, when there are any."""
    if not policies.can_review_duplicates(request.user):
        return None
    count = duplicate_count(request.user)
    return {"duplicates": count} if count else None


def own_family(request: HttpRequest) -> dict[str, Any] | None:
    if not policies.is_family_member(request.user):
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
    register_section(name="path_steps", template="families/_dashboard_path_steps.html", order=0,
                     context=path_steps, slot="todo")
    register_section(name="duplicates", template="families/_dashboard_duplicates.html", order=8,
                     context=duplicates, slot="todo")
    register_section(name="oversight", template="families/_dashboard_oversight.html", order=5,
                     context=oversight, slot="todo")
