from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from audit.services import log_view
from common.dashboard import sections_for
from families.forms import TransitionForm
from families.models import Stato
from families.panels import FamilyPage, panels_for
from families.path import allowed_targets
from families.policies import can_change_family, can_move_family, can_see_case_notes, can_see_sensitive
from families.selectors import family_members, get_family_for, next_step
from organisation.scope import get_scope

from . import policies
from .selectors import GUIDANCE_SHARE, cohort_figures


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@login_required
def cohort_list(request: HttpRequest) -> HttpResponse:
    if not policies.can_see_cohorts(request.user):
        raise PermissionDenied(_("Il tuo ruolo non prevede i dati delle implementazioni."))
    scope = get_scope(request.user)
    return render(request, "core/cohort_list.html", {"cohorts": cohort_figures(scope.ambiti),
                                                     "guidance": round(GUIDANCE_SHARE * 100)})


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """La Scrivania: the sections the apps register (common.dashboard), for this user's roles."""
    if policies.is_family_member_only(request.user):
        return redirect("portal_home")  # family members have their own door: the portal
    scope = get_scope(request.user)
    sections = sections_for(request, "main")
    todo = sections_for(request, "todo")
    context = {"scope": scope, "sections": sections, "todo": todo, "states": Stato,
               "welcome": not any(section.content for section in sections)}
    for section in (*sections, *todo):
        context.update(section.context)
    return render(request, "core/dashboard.html", context)


@login_required
def family_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A family's page: its record and path, with the panels the other apps register (families.panels)."""
    family = get_family_for(request.user, pk)
    log_view(user=request.user, obj=family)
    can_move = can_move_family(request.user, family)
    can_see_notes = can_see_case_notes(request.user, family)
    targets = allowed_targets(family.stato)
    members = family_members(family)
    step = next_step(family)
    context = {
        "family": family,
        "members": members,
        "consents": family.consensi.select_related("person"),
        "events": family.eventi.select_related("by"),
        "equipe_members": family.equipe.members.select_related("user", "ente") if family.equipe_id else [],
        "can_change": can_change_family(request.user, family),
        "can_move": can_move,
        "can_see_notes": can_see_notes,
        "can_see_sensitive": can_see_sensitive(request.user, family),
        "transition_form": TransitionForm(targets=targets, initial={"expected_state": family.stato})
        if can_move and targets else None,
        "states": Stato,
        "next_step": step,
        "next_step_overdue": step is not None and step.overdue(timezone.localdate()),
        "panels": panels_for(FamilyPage(user=request.user, family=family, members=members,
                                        can_see_notes=can_see_notes)),
    }
    return render(request, "core/family_detail.html", context)
