from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from audit.services import log_list_view
from common.pdf import pdf_response
from common.views import run_action
from exports.services import export_request
from families.models import Family
from governance.complaints.models import Complaint
from interventions import budget as budget_figures
from organisation.models import Ambito
from organisation.selectors import letterhead_for

from . import dashboard as figures
from . import policies, selectors
from . import territorio as t
from .forms import PeriodForm, ResearchExportForm
from .indicators import SMALL_CELL, indicator_table
from .models import CaricoServizi
from .rendicontazione import build as build_rendicontazione
from .rendicontazione import semester_of
from .rendicontazione_output import CONTENT_TYPES, as_file, sections
from .research import derived_key
from .sintesi import build as build_sintesi


@login_required
def indicators(request: HttpRequest) -> HttpResponse:
    policies.require_indicators(request.user)
    families = selectors.families_for_figures(request.user)
    columns = {_("Ambito"): families}
    for cohort in selectors.cohorts_for_figures(request.user):
        columns[cohort.nome] = families.filter(implementazione=cohort)
    return render(request, "reporting/indicators.html", {"columns": list(columns), "table": indicator_table(columns),
                                                         "small_cell": SMALL_CELL})


@login_required
@require_http_methods(["GET", "POST"])
def research_export(request: HttpRequest) -> HttpResponse:
    policies.require_research_export(request.user)
    rt_ambiti = policies.research_ambiti(request.user)
    form = ResearchExportForm(request.POST or None, ambiti=rt_ambiti)
    if request.method == "POST" and form.is_valid():
        cohort = form.cleaned_data["implementazione"]
        export_request(user=request.user, kind="ricerca", titolo=_("Esportazione per la valutazione") + (
            f" — {cohort}" if cohort else ""), params={"key": derived_key(form.cleaned_data["key"]),
                                                      "implementazione": cohort.pk if cohort else None},
                       ambito_id=next(iter(rt_ambiti)) if len(rt_ambiti) == 1 else None)
        messages.success(request, _("Esportazione avviata: la trovi qui sotto, pronta da scaricare tra poco."))
        return redirect("export_list")
    return render(request, "reporting/research_export.html", {"form": form}, status=422 if form.errors else 200)


# --- Rendicontazione semestrale (PNRR)

def _rendicontazione_form(request, data):
    policies.require_rendicontazione(request.user)
    if data is not None and not (data.get("dal") or data.get("al")):
        # A link with the ambito only (from a menu, a bookmark): the current semester, as on the empty form.
        data = data.copy()
        data["dal"], data["al"] = (d.isoformat() for d in semester_of(timezone.localdate()))
    return PeriodForm(data, ambiti=selectors.report_ambiti_for(request.user))


def _rendicontazione(request):
    """The form and, for one ambito, the report; a report of several ambiti is prepared in the background."""
    form = _rendicontazione_form(request, request.GET or None)
    report = None
    if form.is_valid() and len(form.cleaned_data["ambiti"]) == 1:
        data = form.cleaned_data
        report = build_rendicontazione(ambito=data["ambiti"][0], dal=data["dal"], al=data["al"])
    return form, report


@login_required
@require_http_methods(["GET", "POST"])
def rendicontazione(request: HttpRequest) -> HttpResponse:
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
    policies.require_sintesi(request.user)
    ambiti = policies.report_ambiti(request.user)
    this_year = timezone.localdate().year
    raw = request.GET.get("anno", str(this_year))
    error = None
    year = int(raw) if raw.isdigit() else None
    if year is None or not 2000 <= year <= this_year:
        error = _("Scegli un anno tra il 2000 e quello in corso.")
        year = this_year
    labels = {**dict(Complaint.Categoria.choices), **dict(Complaint.Canale.choices), **dict(Complaint.Esito.choices)}
    return build_sintesi(request.user, ambiti=ambiti, year=year), labels, error


@login_required
def sintesi_annuale(request: HttpRequest) -> HttpResponse:
    sintesi, labels, error = _sintesi(request)
    return render(request, "reporting/sintesi.html", {"s": sintesi, "labels": labels, "error": error},
                  status=422 if error else 200)


@login_required
def sintesi_annuale_pdf(request: HttpRequest) -> HttpResponse:
    sintesi, labels, error = _sintesi(request)
    if error:
        return render(request, "reporting/sintesi.html", {"s": sintesi, "labels": labels, "error": error}, status=422)
    ambiti = list(Ambito.objects.filter(pk__in=policies.report_ambiti(request.user))[:2])
    html = render_to_string("reporting/sintesi_pdf.html", {
        "s": sintesi, "labels": labels, "letterhead": letterhead_for(ambiti[0] if len(ambiti) == 1 else None),
        "signers": [_("Il Referente Territoriale")]})
    return pdf_response(html, f"sintesi-annuale-{sintesi.year}.pdf")


# --- Dashboard by cohort and équipe

@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    policies.require_indicators(request.user)
    families = selectors.families_for_figures(request.user)
    cohorts = selectors.cohorts_for_figures(request.user)
    equipes = selectors.equipes_for_figures(request.user)
    cohort = cohorts.filter(pk=request.GET.get("implementazione") or 0).first()
    equipe = equipes.filter(pk=request.GET.get("equipe") or 0).first()
    if cohort:
        families = families.filter(implementazione=cohort)
    if equipe:
        families = families.filter(equipe=equipe)
    # Every figure links to the list behind it, for those who may open the families' list.
    link = None
    if policies.can_open_family_list(request.user):
        params = "".join(f"&{k}={v.pk}" for k, v in (("implementazione", cohort), ("equipe", equipe)) if v)
        link = params
    # Hours and euros against the budget (the whole ambito's: a budget is not split by cohort or équipe).
    budget = budget_figures.current_budget(request.user) if budget_figures.can_see_budget(request.user) else None
    return render(request, "reporting/dashboard.html", {
        "d": figures.build(families), "cohorts": cohorts, "equipes": equipes, "cohort": cohort, "equipe": equipe,
        "link": link, "small_cell": SMALL_CELL,
        "budget": budget_figures.budget_report(request.user, budget) if budget else None})


# --- Territorial context

def _number(request: HttpRequest, name: str) -> int | None:
    raw = (request.POST.get(name) or "").replace(".", "").strip()
    return int(raw) if raw.isdigit() else None


def _territorio_save(request: HttpRequest, editable: frozenset[int]) -> str:
    """Run the action the territorial page posted; what to tell the user when it is saved."""
    action = request.POST.get("azione")
    if action == "dato":
        comune = selectors.comune_for_entry(request.user, _number(request, "comune") or 0)
        if comune is None:
            raise ValidationError(_("Scegli un comune dell'ambito."))
        t.dato_save(by=request.user, comune=comune, anno=_number(request, "anno") or 0,
                    popolazione=_number(request, "popolazione"), minori=_number(request, "minori"))
        return _("Dati del comune salvati.")
    if action == "csv":
        upload = request.FILES.get("file")
        if upload is None or upload.size > 1024 * 1024:
            raise ValidationError(_("Scegli un file CSV di al massimo 1 MB."))
        n = t.import_csv(by=request.user, ambito_id=next(iter(sorted(editable))), content=upload.read())
        return _("Importate %(n)s righe.") % {"n": n}
    if action == "carico":
        t.carico_save(by=request.user, ambito_id=next(iter(sorted(editable))), anno=_number(request, "anno") or 0,
                      voce=request.POST.get("voce", ""), numero=_number(request, "numero"))
        return _("Carico dei servizi salvato.")
    raise ValidationError(_("Azione sconosciuta."))


@login_required
@require_http_methods(["GET", "POST"])
def territorio(request: HttpRequest) -> HttpResponse:
    policies.require_indicators(request.user)
    ambiti = sorted(policies.figure_ambiti(request.user))
    editable = policies.territorio_ambiti(request.user)
    errors: list[str] = []
    if request.method == "POST":
        policies.require_territorio_editor(request.user)
        call = run_action(request, lambda: _territorio_save(request, editable), error_message=False)
        if call.finished:
            messages.success(request, call.record)
            return redirect("territorio")
        errors = call.error.messages if call.error else []
    years, caseload = t.caseload(ambiti)
    return render(request, "reporting/territorio.html", {
        "rows": t.comune_rows(ambiti), "years": years, "caseload": caseload, "can_edit": bool(editable),
        "comuni": selectors.territorio_comuni(request.user),
        "voci": CaricoServizi.Voce.choices, "errors": errors}, status=400 if errors else 200)
