from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from assessments.selectors import drafts_waiting
from audit.services import log_view
from families.models import Stato
from families.selectors import due_items, families_visible_to, own_family_for, state_counts
from governance.bodies.selectors import open_followups_for
from organisation.scope import get_scope
from plans.selectors import plan_items_due

from .selectors import GUIDANCE_SHARE, ambito_figures, cohort_figures


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
    scope = get_scope(request.user)
    if not scope.ambiti or scope.roles <= {"famiglia", "volontario"}:
        raise PermissionDenied(_("Il tuo ruolo non prevede i dati delle implementazioni."))
    return render(request, "core/cohort_list.html", {"cohorts": cohort_figures(scope.ambiti),
                                                     "guidance": round(GUIDANCE_SHARE * 100)})


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    scope = get_scope(request.user)
    if scope.roles == frozenset({"famiglia"}):
        return redirect("portal_home")  # family members have their own door: the portal
    context: dict = {"scope": scope}
    if scope.is_staff_of_cases:
        mine = families_visible_to(request.user)
        context["counts"] = state_counts(mine)
        context["recent"] = (mine.select_related("comune", "equipe").exclude(stato__in=[Stato.CHIUSA, Stato.NON_INCLUSA])
                             .only("nome", "stato", "comune__nome", "equipe__nome").order_by("-updated_at")[:10])
        context["due"] = due_items(request.user)
        context["drafts"] = drafts_waiting(request.user)
        context["plan_due"] = plan_items_due(request.user)
    context["followups"] = open_followups_for(request.user)[:10]
    if scope.has_role("rt", "amministrativo"):
        from governance.complaints.selectors import due_soon

        context["complaints_due"] = due_soon(request.user)
    if scope.aggregate_ambiti:
        context["figures"] = ambito_figures(scope.aggregate_ambiti)
    if scope.has_role("famiglia"):
        context["own_family"] = own_family_for(request.user)
        if context["own_family"] is not None:
            log_view(user=request.user, obj=context["own_family"], reason="Portale famiglia")
    context["states"] = Stato
    context["today"] = timezone.localdate()
    return render(request, "core/dashboard.html", context)
