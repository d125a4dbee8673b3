from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from families.models import Family
from organisation.models import Implementazione
from organisation.scope import get_scope

from .forms import ResearchExportForm
from .indicators import SMALL_CELL, indicator_table

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
        from exports.services import export_request

        from .research import derived_key

        cohort = form.cleaned_data["implementazione"]
        export_request(user=request.user, kind="ricerca", titolo=_("Esportazione per la valutazione") + (
            f" — {cohort}" if cohort else ""), params={"key": derived_key(form.cleaned_data["key"]),
                                                      "implementazione": cohort.pk if cohort else None},
                       ambito_id=next(iter(scope.rt_ambiti)) if len(scope.rt_ambiti) == 1 else None)
        messages.success(request, _("Esportazione avviata: la trovi qui sotto, pronta da scaricare tra poco."))
        return redirect("export_list")
    return render(request, "reporting/research_export.html", {"form": form}, status=422 if form.errors else 200)
