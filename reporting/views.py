from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from audit.services import log_list_view
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


# --- Rendicontazione semestrale (PNRR)

def _rendicontazione_form(request, data):
    from organisation.models import Ambito, Role

    from .forms import PeriodForm

    ambiti = get_scope(request.user).ambiti_for(Role.RT, Role.AMMINISTRATIVO)
    if not ambiti:
        raise PermissionDenied(_("La rendicontazione è per il Referente Territoriale e l'Ufficio di Piano."))
    if data is not None and not (data.get("dal") or data.get("al")):
        # A link with the ambito only (from a menu, a bookmark): the current semester, as on the empty form.
        from django.utils import timezone

        from .rendicontazione import semester_of

        data = data.copy()
        data["dal"], data["al"] = (d.isoformat() for d in semester_of(timezone.localdate()))
    return PeriodForm(data, ambiti=Ambito.objects.filter(pk__in=ambiti).order_by("nome"))


def _rendicontazione(request):
    """The form and, for one ambito, the report; a report of several ambiti is prepared in the background."""
    from .rendicontazione import build

    form = _rendicontazione_form(request, request.GET or None)
    report = None
    if form.is_valid() and len(form.cleaned_data["ambiti"]) == 1:
        report = build(ambito=form.cleaned_data["ambiti"][0], dal=form.cleaned_data["dal"], al=form.cleaned_data["al"])
    return form, report


@login_required
@require_http_methods(["GET", "POST"])
def rendicontazione(request: HttpRequest) -> HttpResponse:
    from .rendicontazione_output import sections

    if request.method == "POST":
        return _rendicontazione_request(request)
    form, report = _rendicontazione(request)
    if report is not None:
        log_list_view(user=request.user, model=Family, object_ids=[], ambito_id=report.ambito.pk,
                      description=_("Rendicontazione semestrale %(d)s–%(a)s") % {"d": report.dal, "a": report.al})
    several = form.is_bound and form.is_valid() and len(form.cleaned_data["ambiti"]) > 1
    return render(request, "reporting/rendicontazione.html", {
        "form": form, "report": report, "sections": sections(report) if report else [], "several": several,
        "query": request.GET.urlencode()}, status=422 if form.errors else 200)


def _rendicontazione_request(request: HttpRequest) -> HttpResponse:
    """Queue the report of several ambiti (a region's: minutes of work would not fit in a request)."""
    from exports.services import export_request

    from .rendicontazione_output import CONTENT_TYPES

    form = _rendicontazione_form(request, request.POST)
    fmt = request.POST.get("formato", "xlsx")
    if not form.is_valid() or fmt not in CONTENT_TYPES:
        return render(request, "reporting/rendicontazione.html", {"form": form, "report": None}, status=422)
    data = form.cleaned_data
    ambiti = data["ambiti"]
    export_request(user=request.user, kind="rendicontazione", titolo=_(
        "Rendicontazione semestrale di %(n)d ambiti, %(d)s–%(a)s (%(f)s)") % {
        "n": len(ambiti), "d": data["dal"].strftime("%d/%m/%Y"), "a": data["al"].strftime("%d/%m/%Y"),
        "f": fmt.upper()}, params={"ambiti": [a.pk for a in ambiti], "dal": data["dal"].isoformat(),
                                   "al": data["al"].isoformat(), "formato": fmt},
        ambito_id=ambiti[0].pk if len(ambiti) == 1 else None)
    messages.success(request, _("Rendicontazione in preparazione: la trovi qui sotto, pronta da scaricare tra poco."))
    return redirect("export_list")


@login_required
def rendicontazione_download(request: HttpRequest, fmt: str) -> HttpResponse:
    from .rendicontazione_output import as_file

    form, report = _rendicontazione(request)
    if report is None:
        return render(request, "reporting/rendicontazione.html", {"form": form, "report": None}, status=422)
    log_list_view(user=request.user, model=Family, object_ids=[], ambito_id=report.ambito.pk,
                  description=_("Rendicontazione semestrale scaricata (%(f)s)") % {"f": fmt})
    name, content_type, content = as_file(report, fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- Sintesi annuale

def _sintesi(request):
    from django.utils import timezone

    from governance.complaints.models import Complaint
    from organisation.models import Role

    from .sintesi import build

    ambiti = get_scope(request.user).ambiti_for(Role.RT, Role.AMMINISTRATIVO)
    if not ambiti:
        raise PermissionDenied(_("La sintesi annuale è per il Referente Territoriale e l'Ufficio di Piano."))
    this_year = timezone.localdate().year
    raw = request.GET.get("anno", str(this_year))
    error = None
    year = int(raw) if raw.isdigit() else None
    if year is None or not 2000 <= year <= this_year:
        error = _("Scegli un anno tra il 2000 e quello in corso.")
        year = this_year
    labels = {**dict(Complaint.Categoria.choices), **dict(Complaint.Canale.choices), **dict(Complaint.Esito.choices)}
    return build(request.user, ambiti=ambiti, year=year), labels, error


@login_required
def sintesi_annuale(request: HttpRequest) -> HttpResponse:
    sintesi, labels, error = _sintesi(request)
    return render(request, "reporting/sintesi.html", {"s": sintesi, "labels": labels, "error": error},
                  status=422 if error else 200)


@login_required
def sintesi_annuale_pdf(request: HttpRequest) -> HttpResponse:
    from django.template.loader import render_to_string
    from weasyprint import HTML

    sintesi, labels, error = _sintesi(request)
    if error:
        return render(request, "reporting/sintesi.html", {"s": sintesi, "labels": labels, "error": error}, status=422)
    html = render_to_string("reporting/sintesi_pdf.html", {"s": sintesi, "labels": labels})
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="sintesi-annuale-{sintesi.year}.pdf"'
    return response


# --- Dashboard by cohort and équipe

@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    from organisation.models import Equipe

    from . import dashboard as figures

    scope = get_scope(request.user)
    if not scope.roles & INDICATOR_ROLES:
        raise PermissionDenied(_("Il tuo ruolo non prevede gli indicatori del programma."))
    ambiti = sorted(scope.ambiti)
    families = Family.objects.filter(ambito_id__in=ambiti)
    cohorts = Implementazione.objects.filter(ambito_id__in=ambiti).order_by("data_inizio")
    equipes = Equipe.objects.filter(ambito_id__in=ambiti).order_by("nome")
    cohort = cohorts.filter(pk=request.GET.get("implementazione") or 0).first()
    equipe = equipes.filter(pk=request.GET.get("equipe") or 0).first()
    if cohort:
        families = families.filter(implementazione=cohort)
    if equipe:
        families = families.filter(equipe=equipe)
    # Every figure links to the list behind it, for those who may open the families' list.
    link = None
    if scope.is_staff_of_cases:
        params = "".join(f"&{k}={v.pk}" for k, v in (("implementazione", cohort), ("equipe", equipe)) if v)
        link = params
    # Hours and euros against the budget (the whole ambito's: a budget is not split by cohort or équipe).
    from interventions import budget as budget_figures

    budget = budget_figures.current_budget(request.user) if budget_figures.can_see_budget(request.user) else None
    return render(request, "reporting/dashboard.html", {
        "d": figures.build(families), "cohorts": cohorts, "equipes": equipes, "cohort": cohort, "equipe": equipe,
        "link": link, "small_cell": SMALL_CELL,
        "budget": budget_figures.budget_report(request.user, budget) if budget else None})


# --- Territorial context

@login_required
@require_http_methods(["GET", "POST"])
def territorio(request: HttpRequest) -> HttpResponse:
    from django.core.exceptions import ValidationError

    from organisation.models import Ente

    from . import territorio as t
    from .models import CaricoServizi

    scope = get_scope(request.user)
    if not scope.roles & INDICATOR_ROLES:
        raise PermissionDenied(_("Il tuo ruolo non prevede gli indicatori del programma."))
    ambiti = sorted(scope.ambiti)
    editable = t.editable_ambiti(request.user)
    errors: list[str] = []
    if request.method == "POST":
        if not editable:
            raise PermissionDenied(_("I dati del territorio li inseriscono il Referente Territoriale e l'Ufficio di "
                                     "Piano."))
        action = request.POST.get("azione")

        def number(name):
            raw = (request.POST.get(name) or "").replace(".", "").strip()
            return int(raw) if raw.isdigit() else None

        try:
            if action == "dato":
                comune = Ente.objects.filter(pk=number("comune") or 0, ambito_id__in=editable).first()
                if comune is None:
                    raise ValidationError(_("Scegli un comune dell'ambito."))
                t.dato_save(by=request.user, comune=comune, anno=number("anno") or 0,
                            popolazione=number("popolazione"), minori=number("minori"))
                messages.success(request, _("Dati del comune salvati."))
            elif action == "csv":
                upload = request.FILES.get("file")
                if upload is None or upload.size > 1024 * 1024:
                    raise ValidationError(_("Scegli un file CSV di al massimo 1 MB."))
                n = t.import_csv(by=request.user, ambito_id=next(iter(sorted(editable))), content=upload.read())
                messages.success(request, _("Importate %(n)s righe.") % {"n": n})
            elif action == "carico":
                t.carico_save(by=request.user, ambito_id=next(iter(sorted(editable))), anno=number("anno") or 0,
                              voce=request.POST.get("voce", ""), numero=number("numero"))
                messages.success(request, _("Carico dei servizi salvato."))
            else:
                raise ValidationError(_("Azione sconosciuta."))
        except ValidationError as error:
            errors = error.messages
        else:
            return redirect("territorio")
    years, caseload = t.caseload(ambiti)
    return render(request, "reporting/territorio.html", {
        "rows": t.comune_rows(ambiti), "years": years, "caseload": caseload, "can_edit": bool(editable),
        "comuni": Ente.objects.filter(ambito_id__in=editable, tipo=Ente.Tipo.COMUNE).order_by("nome"),
        "voci": CaricoServizi.Voce.choices, "errors": errors}, status=400 if errors else 200)
