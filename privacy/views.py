"""GDPR pages: a family's privacy page (access export, change history, legal hold, erasure) and the
ambito's consent register. Glue only: the family through families.selectors, the acts in services."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from audit.services import log_list_view, log_view
from common.pdf import write_pdf
from common.views import run_action
from families.models import Consent, Family
from families.selectors import get_family_for
from organisation.selectors import letterhead_for

from . import policies, selectors, services
from .letter import letter_for


def _family_for_privacy(request: HttpRequest, pk: int) -> Family:
    family = get_family_for(request.user, pk)
    policies.require_manage_privacy(request.user, family)
    return family


@login_required
def privacy_family(request: HttpRequest, pk: int) -> HttpResponse:
    family = _family_for_privacy(request, pk)
    log_view(user=request.user, obj=family, reason=_("Privacy della famiglia"))
    return render(request, "privacy/family.html", {
        "family": family, "status": services.status_of(family),
        "is_rt": policies.can_decide_privacy(request.user, family),
        "erasure_problems": services.erasure_problems(family),
        "retention_years": settings.TRAMA_RETENTION_YEARS})


@login_required
def privacy_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    family = _family_for_privacy(request, pk)
    data = services.access_export(family=family, by=request.user)
    name = f"trama-dati-{family.codice}-{timezone.localdate():%Y%m%d}"
    if fmt == "json":
        response = HttpResponse(services.export_json(data), content_type="application/json; charset=utf-8")
    else:
        html = render_to_string("privacy/export_pdf.html", {"letter": letter_for(family),
                                                            "letterhead": letterhead_for(family.ambito)})
        response = HttpResponse(write_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
def privacy_history(request: HttpRequest, pk: int) -> HttpResponse:
    """The rectification trail: every change to the family's records, who made it and why."""
    family = _family_for_privacy(request, pk)
    entries = selectors.change_history(family)
    log_view(user=request.user, obj=family, reason=_("Storia delle modifiche"))
    return render(request, "privacy/history.html", {"family": family, "entries": entries})


@login_required
@require_POST
def privacy_hold(request: HttpRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk)
    hold = request.POST.get("blocco") == "1"
    run_action(request, lambda: services.legal_hold_set(
        family=family, by=request.user, hold=hold, reason=request.POST.get("reason", "")),
        success=_("Blocco per motivi legali attivato: la famiglia non sarà anonimizzata.") if hold
        else _("Blocco per motivi legali tolto."))
    return redirect("privacy_family", pk=family.pk)


@login_required
@require_http_methods(["GET", "POST"])
def privacy_erase(request: HttpRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk)
    policies.require_erase(request.user, family)
    problems = services.erasure_problems(family)
    error = None
    if request.method == "POST":
        codice = family.codice
        call = run_action(request, lambda: services.erase(
            family=family, by=request.user, reason=request.POST.get("reason", "")),
            success=_("La famiglia %(c)s è stata cancellata; il registro degli accessi conserva la cancellazione "
                      "e il suo motivo.") % {"c": codice}, error_message=False)
        if call.finished:
            return redirect("family_list")
        error = " ".join(call.error.messages) if call.error else None
    return render(request, "privacy/erase.html", {"family": family, "problems": problems, "error": error},
                  status=400 if error else 200)


@login_required
def consent_register(request: HttpRequest) -> HttpResponse:
    """The register of consents of the families the user follows (RT: the whole ambito)."""
    policies.require_consent_register(request.user)
    finalita, stato = request.GET.get("finalita", ""), request.GET.get("stato", "")
    rows = list(selectors.consents_visible_to(request.user, finalita=finalita, stato=stato)[:1000])
    log_list_view(user=request.user, model=Consent, object_ids=[c.pk for c in rows],
                  description=_("Registro dei consensi"))
    return render(request, "privacy/consents.html", {
        "rows": rows, "finalita": finalita, "stato": stato, "finalita_choices": Consent.Finalita.choices})
