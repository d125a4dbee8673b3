"""The dispositivi pages. Glue only: the family through families.selectors, writes through services."""

from collections.abc import Callable
from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from audit.services import log_list_view, log_view
from common.tabular import XLSX_CONTENT_TYPE, csv_response
from common.views import run_service
from families.models import Family
from families.policies import can_see_case_notes
from families.selectors import get_family_for
from plans.models import Dispositivo

from . import budget as budget_figures
from . import calendar, charts, exports, forms, overview, policies, selectors, services
from .budget import Report
from .models import Gruppo, Intervento, Iscrizione


def _to_family(family) -> HttpResponse:
    return redirect("interventions_family", pk=family.pk)


# --- Per family

@login_required
def family_interventions(request: HttpRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk)
    log_view(user=request.user, obj=family, reason=_("Interventi e ore della famiglia"))
    weeks = selectors.weekly_hours(family)
    visits = list(selectors.visits_of_family(family)[:50])
    context = {
        "family": family, "weeks": weeks, "chart": charts.dispositivi_chart(weeks),
        "month_hours": selectors.month_hours(family), "visits": visits,
        "assignments": list(family.assegnazioni.select_related("operatore", "ente").order_by("-data_inizio")),
        "learning": selectors.group_learning_for_family(family),
        "can_log": policies.can_log_visit(request.user, family),
        "can_assign": policies.can_assign(request.user, family),
        "can_see_notes": can_see_case_notes(request.user, family),
        "min_hours": selectors.MIN_WEEKLY_HOURS,
    }
    return render(request, "interventions/family.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def visit_add(request: HttpRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk)
    policies.require_log_visit(request.user, family)
    manages = policies.can_assign(request.user, family)
    form = forms.VisitForm(request.POST or None, people=family.persone.order_by("data_nascita", "pk"),
                           actions=selectors.plan_actions_for(family),
                           operators=selectors.operators_for(family) if manages else None,
                           initial={"operatore": request.user.pk} if manages else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        call = run_service(
            request, form, lambda: services.intervento_create(
                family=family, by=request.user, operatore=data.get("operatore") or request.user,
                servizio=data["servizio"], ruolo=data["ruolo"] or None, data=data["data"],
                ora_inizio=data["ora_inizio"], ora_fine=data["ora_fine"], luogo=data["luogo"],
                presenti=list(data["presenti"]), azioni=list(data["azioni"]), persona=data["persona"],
                attivita=data["attivita"], note_equipe=data["note_equipe"], creation_token=data["form_token"]),
            success=_("Intervento registrato."),
            duplicate=_("Il modulo era già stato inviato: l'intervento è registrato una volta sola."))
        if call.finished:
            return _to_family(family)
    return render(request, "interventions/visit_form.html", {"form": form, "family": family})


@login_required
@require_http_methods(["GET", "POST"])
def assignment_add(request: HttpRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk)
    policies.require_assign(request.user, family)
    form = forms.AssignmentForm(request.POST or None, operators=selectors.operators_for(family),
                                labels=selectors.operator_labels(family))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        call = run_service(
            request, form, lambda: services.assegnazione_create(
                family=family, by=request.user, operatore=data["operatore"], servizio=data["servizio"],
                ruolo=data["ruolo"], ore_settimanali=data["ore_settimanali"], data_inizio=data["data_inizio"],
                data_fine=data["data_fine"], creation_token=data["form_token"]),
            success=_("Operatore assegnato alla famiglia."),
            duplicate=_("Il modulo era già stato inviato: l'assegnazione è registrata una volta sola."))
        if call.finished:
            return _to_family(family)
    return render(request, "interventions/assignment_form.html", {"form": form, "family": family})


# --- The operator's own pages

@login_required
def family_overview(request: HttpRequest) -> HttpResponse:
    policies.require_overview(request.user)
    equipe = request.GET.get("equipe")
    rows = overview.family_overview(request.user, equipe=int(equipe) if equipe and equipe.isdigit() else None)
    log_list_view(user=request.user, model=Family, object_ids=[r.family.pk for r in rows],
                  description=_("Dispositivi delle famiglie"))
    return render(request, "interventions/overview.html", {
        "rows": rows, "labels": dict(Dispositivo.choices), "colours": charts.COLOURS,
        "min_hours": selectors.MIN_WEEKLY_HOURS, "weeks": overview.WEEKS})


@login_required
def my_week(request: HttpRequest) -> HttpResponse:
    policies.require_log_visits_somewhere(request.user)
    start, visits = selectors.my_week(request.user)
    log_list_view(user=request.user, model=Intervento, object_ids=[v.pk for v in visits],
                  description=_("I miei interventi della settimana"))
    total = sum(v.durata_minuti for v in visits) / 60
    return render(request, "interventions/my_week.html", {"start": start, "visits": visits, "total": total})


@login_required
@require_http_methods(["GET", "POST"])
def visit_quick(request: HttpRequest) -> HttpResponse:
    policies.require_log_visits_somewhere(request.user)
    families = selectors.loggable_families(request.user)
    form = forms.QuickVisitForm(request.POST or None, families=families,
                                last_family=selectors.last_family_of(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        family: Family = data["family"]
        if not policies.can_log_visit(request.user, family):
            form.add_error("family", _("Non puoi registrare interventi per questa famiglia."))
        else:
            call = run_service(
                request, form, lambda: services.intervento_create(
                    family=family, by=request.user, servizio=data["servizio"], data=data["data"],
                    ora_inizio=data["ora_inizio"], ora_fine=data["ora_fine"], luogo=data["luogo"],
                    attivita=data["attivita"], creation_token=data["form_token"]),
                duplicate=_("Il modulo era già stato inviato: l'intervento è registrato una volta sola."))
            if call.done:
                messages.success(request, _("Intervento registrato: %(h)s h con %(codice)s.")
                                 % {"h": f"{call.result.ore:.1f}".replace(".", ","), "codice": family.codice})
            if call.finished:
                return redirect("interventions_my_week")
    return render(request, "interventions/visit_quick.html", {"form": form})


# --- Budget

def _budget_report(request: HttpRequest) -> Report | None:
    policies.require_see_budget(request.user)
    pk = request.GET.get("budget")
    budget = budget_figures.current_budget(request.user, int(pk) if pk and pk.isdigit() else None)
    if budget is None:
        if pk:
            raise Http404(_("Budget non trovato."))
        return None
    return budget_figures.budget_report(request.user, budget)


@login_required
def budget_page(request: HttpRequest) -> HttpResponse:
    report = _budget_report(request)
    if report is not None:
        log_view(user=request.user, obj=report.budget, reason=_("Consultazione del budget"))
    return render(request, "interventions/budget.html", {
        "report": report, "budgets": budget_figures.budgets_visible_to(request.user).order_by("-data_inizio"),
        "can_edit": bool(policies.budget_edit_ambiti(request.user))})


@login_required
@require_http_methods(["GET", "POST"])
def budget_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    ambiti_ids = policies.require_edit_budgets(request.user)
    budget = get_object_or_404(selectors.budgets_of_ambiti(ambiti_ids), pk=pk) if pk else None
    initial = None
    if budget is not None:
        initial = {"ambito": budget.ambito_id, "nome": budget.nome, "data_inizio": budget.data_inizio,
                   "data_fine": budget.data_fine, "importo": budget.importo, "version": budget.version,
                   "cup": budget.cup, "misura": budget.misura}
        for line in budget.righe.all():
            initial[f"ore_{line.ruolo}"], initial[f"costo_{line.ruolo}"] = line.ore_previste, line.costo_orario
    form = forms.BudgetForm(request.POST or None, initial=initial,
                            ambiti=selectors.ambiti_among(ambiti_ids))
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        call = run_service(
            request, form, lambda: services.budget_save(
                ambito=data["ambito"], by=request.user, nome=data["nome"], data_inizio=data["data_inizio"],
                data_fine=data["data_fine"], importo=data["importo"], righe=form.righe(), budget=budget,
                version=data["version"], cup=data["cup"], misura=data["misura"]),
            success=_("Budget salvato."),
            stale_message=_("Nel frattempo qualcun altro ha modificato il budget. I tuoi dati sono qui sotto: "
                            "controlla e salva di nuovo."))
        if call.finished:
            return redirect(f"{reverse('interventions_budget')}?budget={call.record.pk}")
        status = call.status
    return render(request, "interventions/budget_form.html", {"form": form, "budget": budget}, status=status)


@login_required
def budget_export(request: HttpRequest, fmt: str) -> HttpResponse:
    report = _budget_report(request)
    if report is None:
        raise Http404(_("Non c'è un budget da esportare."))
    log_view(user=request.user, obj=report.budget, reason=_("Esportazione del budget (%(f)s)") % {"f": fmt})
    name = f"budget-{report.budget.ambito.codice}-{report.today:%Y%m%d}"
    if fmt == "csv":
        return csv_response(f"{name}.csv", exports.to_csv(report))
    response = HttpResponse(exports.to_xlsx(report), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


# --- Groups

def _group_for(request: HttpRequest, group_pk: int) -> Gruppo:
    group = selectors.group_for(request.user, group_pk)
    if group is None:
        raise Http404(_("Gruppo non trovato."))
    return group


def _group_for_run(request: HttpRequest, group_pk: int) -> Gruppo:
    group = _group_for(request, group_pk)
    policies.require_run_group(request.user, group)
    return group


@login_required
def group_list(request: HttpRequest) -> HttpResponse:
    policies.require_group_reader(request.user)
    groups = list(selectors.groups_visible_to(request.user).prefetch_related("conduzione__user", "incontri")
                  .order_by("-created_at"))
    return render(request, "interventions/group_list.html", {
        "groups": groups, "can_create": bool(policies.creatable_group_ambiti(request.user))})


@login_required
@require_http_methods(["GET", "POST"])
def group_create(request: HttpRequest) -> HttpResponse:
    ambiti = policies.require_create_groups(request.user)
    ambito = selectors.first_ambito_among(ambiti)
    form = forms.GroupForm(request.POST or None, staff=selectors.staff_of_ambito(ambito),
                           initial={"facilitatori": [request.user.pk], "n_incontri": 6})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        call = run_service(
            request, form, lambda: services.gruppo_create(
                by=request.user, ambito=ambito, nome=data["nome"], tipo=data["tipo"], sede=data["sede"],
                frequenza=data["frequenza"], data_inizio=data["data_inizio"], ora_inizio=data["ora_inizio"],
                ora_fine=data["ora_fine"], n_incontri=data["n_incontri"], facilitatori=list(data["facilitatori"]),
                supporti=data["supporti"], creation_token=data["form_token"]),
            success=_("Gruppo creato con il calendario degli incontri: puoi modificare ogni incontro."),
            duplicate=_("Il modulo era già stato inviato: il gruppo è registrato una volta sola."))
        if call.finished:
            return redirect("interventions_group_detail", group_pk=call.record.pk)
    return render(request, "interventions/group_form.html", {"form": form})


@login_required
def group_detail(request: HttpRequest, group_pk: int) -> HttpResponse:
    group = _group_for(request, group_pk)
    participants = list(selectors.participants_visible(request.user, group))
    total = group.iscrizioni.count()
    log_view(user=request.user, obj=group, reason=_("Consultazione di un gruppo"))
    if participants:
        log_list_view(user=request.user, model=Iscrizione, object_ids=[i.pk for i in participants],
                      description=_("Partecipanti del gruppo %(g)s") % {"g": group.nome}, ambito_id=group.ambito_id)
    can_run = policies.can_run_group(request.user, group)
    meetings = group.incontri.annotate(n_presenti=Count("presenze")).order_by("numero")
    enrol_form = forms.EnrolForm(people=selectors.enrollable_people(request.user, group)) if can_run else None
    return render(request, "interventions/group_detail.html", {
        "group": group, "participants": participants, "hidden": total - len(participants), "meetings": meetings,
        "facilitators": group.conduzione.select_related("user", "ente"), "can_run": can_run,
        "enrol_form": enrol_form, "supporti": [label for code, label in Gruppo.Supporto.choices
                                               if code in group.supporti]})


@login_required
@require_http_methods(["GET", "POST"])
def group_enrol(request: HttpRequest, group_pk: int) -> HttpResponse:
    group = _group_for_run(request, group_pk)
    form = forms.EnrolForm(request.POST or None, people=selectors.enrollable_people(request.user, group))
    if request.method == "POST" and form.is_valid():
        call = run_service(
            request, form, lambda: services.iscrizione_add(gruppo=group, by=request.user,
                                                           persona=form.cleaned_data["persona"]),
            success=_("Partecipante iscritto."))
        if call.finished:
            return redirect("interventions_group_detail", group_pk=group.pk)
    return render(request, "interventions/group_enrol.html", {"group": group, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, group_pk: int, numero: int) -> HttpResponse:
    group = _group_for_run(request, group_pk)
    meeting = get_object_or_404(group.incontri, numero=numero)
    enrolled = group.iscrizioni.select_related("persona", "family").order_by("family__codice", "persona__nome")
    initial = {"data": meeting.data, "ora_inizio": meeting.ora_inizio, "ora_fine": meeting.ora_fine,
               "sede": meeting.sede, "svolto": meeting.svolto, "note": meeting.note,
               "apprendimenti": meeting.apprendimenti,
               "presenti": list(meeting.presenze.values_list("iscrizione_id", flat=True))}
    form = forms.MeetingForm(request.POST or None, enrolled=enrolled, initial=initial)
    if request.method == "POST":
        not_enrolled = [v for v in request.POST.getlist("presenti")
                        if not v.isdigit() or not group.iscrizioni.filter(pk=int(v)).exists()]
        if not_enrolled:
            form.is_valid()
            form.errors.pop("presenti", None)
            form.add_error("presenti", _("Puoi segnare presente solo chi è iscritto a questo gruppo: iscrivilo "
                                         "prima."))
        elif form.is_valid():
            data = form.cleaned_data
            call = run_service(
                request, form, lambda: services.incontro_update(
                    incontro=meeting, by=request.user, data=data["data"], ora_inizio=data["ora_inizio"],
                    ora_fine=data["ora_fine"], sede=data["sede"], note=data["note"],
                    apprendimenti=data["apprendimenti"], svolto=data["svolto"], presenti=list(data["presenti"])),
                success=_("Incontro salvato."))
            if call.finished:
                return redirect("interventions_group_detail", group_pk=group.pk)
    log_view(user=request.user, obj=meeting, reason=_("Registro dell'incontro di gruppo"))
    return render(request, "interventions/meeting_form.html", {"group": group, "meeting": meeting, "form": form})


# --- Calendar

def _calendar_grid(request: HttpRequest, source: Callable[[date, date], list[calendar.Event]]) -> dict:
    view = "mese" if request.GET.get("vista") == "mese" else "settimana"
    try:
        day = date.fromisoformat(request.GET.get("data", ""))
    except ValueError:
        day = timezone.localdate()
    return calendar.grid(view, day, source)


@login_required
def operator_calendar(request: HttpRequest) -> HttpResponse:
    policies.require_calendar_reader(request.user)
    context = _calendar_grid(request, lambda a, b: calendar.operator_events(request.user, a, b))
    log_list_view(user=request.user, model=Intervento, object_ids=[], description=_("Il mio calendario"))
    return render(request, "interventions/calendar.html", {"cal": context, "family": None})


@login_required
def family_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk)
    log_view(user=request.user, obj=family, reason=_("Calendario della famiglia"))
    context = _calendar_grid(request, lambda a, b: calendar.family_events(family, a, b))
    return render(request, "interventions/calendar.html", {"cal": context, "family": family})


@login_required
@require_http_methods(["GET", "POST"])
def calendar_feed(request: HttpRequest) -> HttpResponse:
    policies.require_calendar_reader(request.user)
    if request.method == "POST":
        if request.POST.get("azione") == "revoca":
            services.calendar_token_revoke(by=request.user)
            messages.success(request, _("Indirizzo revocato: il calendario esterno non riceve più gli "
                                        "appuntamenti."))
        else:
            services.calendar_token_renew(by=request.user)
            messages.success(request, _("Nuovo indirizzo creato: quello vecchio non funziona più."))
        return redirect("interventions_calendar_feed")
    token = selectors.calendar_token_of(request.user)
    url = request.build_absolute_uri(f"/interventi/ical/{token.token}.ics") if token else ""
    return render(request, "interventions/calendar_feed.html", {"token": token, "url": url})


def ical_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The operator's own events, for their calendar app: no login, the secret token is the key."""
    entry = selectors.calendar_token_entry(token)
    if entry is None or not entry.user.is_active:
        raise Http404(_("Calendario non trovato."))
    today = timezone.localdate()
    events = calendar.operator_events(entry.user, today - timedelta(days=60), today + timedelta(days=180))
    response = HttpResponse(calendar.ical(events, host=request.get_host().split(":")[0]),
                            content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "no-store, private"  # the events name families: never kept by a cache
    return response
