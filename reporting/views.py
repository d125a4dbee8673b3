from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from audit.services import log_list_view
from families.models import Family
from organisation.models import Implementazione
from organisation.scope import get_scope

from .forms import ResearchExportForm
from .indicators import SMALL_CELL, indicator_table
from .research import research_zip

INDICATOR_ROLES = {"rt", "amministrativo", "governance", "coach"}


@login_required
def indicators(request: HttpRequest) -> HttpResponse:
    scope = get_scope(request.user)
    ambiti = [a for a in scope.ambiti]
    if not scope.roles & INDICATOR_ROLES:
        raise PermissionDenied(_("Il tuo ruolo non prevede gli indicatori del programma."))
    families = Family.objects.filter(ambito_id__in=ambiti)
    columns = {_("Ambito"): families}
    for cohort in Implementazione.objects.filter(ambito_id__in=ambiti).order_by("data_inizio"):
        columns[cohort.nome] = families.filter(implementazione=cohort)
    return render(request, "reporting/indicators.html", {"columns": list(columns), "table": indicator_table(columns),
                                                         "small_cell": SMALL_CELL})


@login_required
@require_http_methods(["GET", "POST"])
def research_export(request: HttpRequest) -> HttpResponse:
    scope = get_scope(request.user)
    if not scope.rt_ambiti:
        raise PermissionDenied(_("Solo il Referente Territoriale esporta i dati per la valutazione."))
    form = ResearchExportForm(request.POST or None, ambiti=scope.rt_ambiti)
    if request.method == "POST" and form.is_valid():
        families = Family.objects.filter(ambito_id__in=scope.rt_ambiti)
        if form.cleaned_data["implementazione"]:
            families = families.filter(implementazione=form.cleaned_data["implementazione"])
        payload = research_zip(families=families, key=form.cleaned_data["key"])
        log_list_view(user=request.user, model=Family, object_ids=families.values_list("pk", flat=True),
                      description=_("Esportazione pseudonimizzata per la valutazione"),
                      ambito_id=next(iter(scope.rt_ambiti)) if len(scope.rt_ambiti) == 1 else None)
        response = HttpResponse(payload, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="trama-ricerca-{timezone.localdate():%Y%m%d}.zip"'
        return response
    return render(request, "reporting/research_export.html", {"form": form}, status=422 if form.errors else 200)
