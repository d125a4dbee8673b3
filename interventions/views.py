"""The dispositivi pages. Glue only: the family through families.selectors, writes through services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from audit.services import log_list_view, log_view
from common.forms import apply_service_errors, keep_input_after_stale_edit
from families.models import Family
from families.policies import can_see_case_notes
from families.selectors import get_family_for

from . import charts, forms, selectors, services
from .models import Gruppo, Intervento


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
        "can_log": selectors.can_log_visit(request.user, family),
        "can_assign": selectors.can_assign(request.user, family),
        "can_see_notes": can_see_case_notes(request.user, family),
        "min_hours": selectors.MIN_WEEKLY_HOURS,
    }
    return render(request, "interventions/family.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def visit_add(request: HttpRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk)
    if not selectors.can_log_visit(request.user, family):
        raise PermissionDenied(_("Puoi registrare interventi solo con le famiglie della tua équipe."))
    manages = selectors.can_assign(request.user, family)
    form = forms.VisitForm(request.POST or None, people=family.persone.order_by("data_nascita", "pk"),
                           actions=selectors.plan_actions_for(family),
                           operators=selectors.operators_for(family) if manages else None,
                           initial={"operatore": request.user.pk} if manages else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.intervento_create(
                family=family, by=request.user, operatore=data.get("operatore") or request.user,
                servizio=data["servizio"], ruolo=data["ruolo"] or None, data=data["data"],
                ora_inizio=data["ora_inizio"], ora_fine=data["ora_fine"], luogo=data["luogo"],
                presenti=list(data["presenti"]), azioni=list(data["azioni"]), persona=data["persona"],
                attivita=data["attivita"], note_equipe=data["note_equipe"], creation_token=data["form_token"])
        except services.DuplicateSubmission:
            messages.info(request, _("Il modulo era già stato inviato: l'intervento è registrato una volta sola."))
            return _to_family(family)
        except ValidationError as error:
            apply_service_errors(error, form=form)
        else:
            messages.success(request, _("Intervento registrato."))
            return _to_family(family)
    return render(request, "interventions/visit_form.html", {"form": form, "family": family})


@login_required
@require_http_methods(["GET", "POST"])
def assignment_add(request: HttpRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk)
    if not selectors.can_assign(request.user, family):
        raise PermissionDenied(_("Solo il case manager dell'équipe o il Referente Territoriale assegnano gli "
                                 "operatori."))
    form = forms.AssignmentForm(request.POST or None, operators=selectors.operators_for(family))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.assegnazione_create(
                family=family, by=request.user, operatore=data["operatore"], servizio=data["servizio"],
                ruolo=data["ruolo"], ore_settimanali=data["ore_settimanali"], data_inizio=data["data_inizio"],
                data_fine=data["data_fine"], creation_token=data["form_token"])
        except services.DuplicateSubmission:
            messages.info(request, _("Il modulo era già stato inviato: l'assegnazione è registrata una volta sola."))
            return _to_family(family)
        except ValidationError as error:
            apply_service_errors(error, form=form)
        else:
            messages.success(request, _("Operatore assegnato alla famiglia."))
            return _to_family(family)
    return render(request, "interventions/assignment_form.html", {"form": form, "family": family})


# --- The operator's own pages

@login_required
def family_overview(request: HttpRequest) -> HttpResponse:
    from plans.models import Dispositivo

    from . import overview

    if not overview.can_see_overview(request.user):
        raise PermissionDenied(_("Questa pagina è per gli operatori delle équipe e il Referente Territoriale."))
    equipe = request.GET.get("equipe")
    rows = overview.family_overview(request.user, equipe=int(equipe) if equipe and equipe.isdigit() else None)
    log_list_view(user=request.user, model=Family, object_ids=[r.family.pk for r in rows],
                  description=_("Dispositivi delle famiglie"))
    return render(request, "interventions/overview.html", {
        "rows": rows, "labels": dict(Dispositivo.choices), "colours": charts.COLOURS,
        "min_hours": selectors.MIN_WEEKLY_HOURS, "weeks": overview.WEEKS})


@login_required
def my_week(request: HttpRequest) -> HttpResponse:
    if not selectors.can_log_visits_somewhere(request.user):
        raise PermissionDenied(_("Questa pagina è per gli operatori delle équipe."))
    start, visits = selectors.my_week(request.user)
    log_list_view(user=request.user, model=Intervento, object_ids=[v.pk for v in visits],
                  description=_("I miei interventi della settimana"))
    total = sum(v.durata_minuti for v in visits) / 60
    return render(request, "interventions/my_week.html", {"start": start, "visits": visits, "total": total})


@login_required
@require_http_methods(["GET", "POST"])
def visit_quick(request: HttpRequest) -> HttpResponse:
    if not selectors.can_log_visits_somewhere(request.user):
        raise PermissionDenied(_("Questa pagina è per gli operatori delle équipe."))
    families = selectors.loggable_families(request.user)
    form = forms.QuickVisitForm(request.POST or None, families=families,
                                last_family=selectors.last_family_of(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        family: Family = data["family"]
        try:
            visit = services.intervento_create(
                family=family, by=request.user, servizio=data["servizio"], data=data["data"],
                ora_inizio=data["ora_inizio"], ora_fine=data["ora_fine"], luogo=data["luogo"],
                attivita=data["attivita"], creation_token=data["form_token"])
        except services.DuplicateSubmission:
            messages.info(request, _("Il modulo era già stato inviato: l'intervento è registrato una volta sola."))
            return redirect("interventions_my_week")
        except ValidationError as error:
            apply_service_errors(error, form=form)
        except PermissionDenied:
            form.add_error("family", _("Non puoi registrare interventi per questa famiglia."))
        else:
            messages.success(request, _("Intervento registrato: %(h)s h con %(codice)s.")
                             % {"h": f"{visit.ore:.1f}".replace(".", ","), "codice": family.codice})
            return redirect("interventions_my_week")
    return render(request, "interventions/visit_quick.html", {"form": form})


def _group_for(request, group_pk: int) -> Gruppo:
    group = selectors.groups_visible_to(request.user).filter(pk=group_pk).first()
    if group is None:
        raise Http404(_("Gruppo non trovato."))
    return group




# --- Budget

def _budget_report(request):
    from . import budget as budget_figures

    if not budget_figures.can_see_budget(request.user):
        raise PermissionDenied(_("Il budget è per il Referente Territoriale, l'Ufficio di Piano e i coordinatori "
                                 "degli enti partner."))
    pk = request.GET.get("budget")
    budget = budget_figures.current_budget(request.user, int(pk) if pk and pk.isdigit() else None)
    if budget is None:
        if pk:
            raise Http404(_("Budget non trovato."))
        return None
    return budget_figures.budget_report(request.user, budget)


@login_required
def budget_page(request: HttpRequest) -> HttpResponse:
    from . import budget as budget_figures

    report = _budget_report(request)
    if report is not None:
        log_view(user=request.user, obj=report.budget, reason=_("Consultazione del budget"))
    return render(request, "interventions/budget.html", {
        "report": report, "budgets": budget_figures.budgets_visible_to(request.user).order_by("-data_inizio"),
        "can_edit": bool(budget_figures.budget_edit_ambiti(request.user))})


@login_required
@require_http_methods(["GET", "POST"])
def budget_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    from organisation.models import Ambito

    from . import budget as budget_figures
    from .models import Budget

    ambiti_ids = budget_figures.budget_edit_ambiti(request.user)
    if not ambiti_ids:
        raise PermissionDenied(_("Il budget lo inseriscono il Referente Territoriale e l'Ufficio di Piano."))
    budget = get_object_or_404(Budget, pk=pk, ambito_id__in=ambiti_ids) if pk else None
    initial = None
    if budget is not None:
        initial = {"ambito": budget.ambito_id, "nome": budget.nome, "data_inizio": budget.data_inizio,
                   "data_fine": budget.data_fine, "importo": budget.importo, "version": budget.version}
        for line in budget.righe.all():
            initial[f"ore_{line.ruolo}"], initial[f"costo_{line.ruolo}"] = line.ore_previste, line.costo_orario
    form = forms.BudgetForm(request.POST or None, initial=initial,
                            ambiti=Ambito.objects.filter(pk__in=ambiti_ids).order_by("nome"))
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            budget = services.budget_save(
                ambito=data["ambito"], by=request.user, nome=data["nome"], data_inizio=data["data_inizio"],
                data_fine=data["data_fine"], importo=data["importo"], righe=form.righe(), budget=budget,
                version=data["version"])
        except services.StaleEdit as stale:
            keep_input_after_stale_edit(form, stale, _("Nel frattempo qualcun altro ha modificato il budget. I tuoi "
                                                      "dati sono qui sotto: controlla e salva di nuovo."))
            status = 409
        except ValidationError as error:
            apply_service_errors(error, form=form)
        else:
            messages.success(request, _("Budget salvato."))
            return redirect(f"{reverse('interventions_budget')}?budget={budget.pk}")
    return render(request, "interventions/budget_form.html", {"form": form, "budget": budget}, status=status)


@login_required
def budget_export(request: HttpRequest, fmt: str) -> HttpResponse:
    from . import exports

    report = _budget_report(request)
    if report is None:
        raise Http404(_("Non c'è un budget da esportare."))
    log_view(user=request.user, obj=report.budget, reason=_("Esportazione del budget (%(f)s)") % {"f": fmt})
    name = f"budget-{report.budget.ambito.codice}-{report.today:%Y%m%d}"
    if fmt == "csv":
        response = HttpResponse(exports.to_csv(report), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    response = HttpResponse(exports.to_xlsx(report),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


# --- Groups

def _group_for(request, group_pk: int) -> Gruppo:
    group = selectors.groups_visible_to(request.user).filter(pk=group_pk).select_related("ambito").first()
    if group is None:
        raise Http404(_("Gruppo non trovato."))
    return group


def _group_for_run(request, group_pk: int) -> Gruppo:
    group = _group_for(request, group_pk)
    if not selectors.can_run_group(request.user, group):
        raise PermissionDenied(_("Solo i facilitatori del gruppo e il Referente Territoriale registrano incontri e "
                                 "iscrizioni."))
    return group


@login_required
def group_list(request: HttpRequest) -> HttpResponse:
    from organisation.scope import get_scope

    scope = get_scope(request.user)
    if not (scope.rt_ambiti or scope.equipe_ids):
        raise PermissionDenied(_("Questa pagina è per gli operatori delle équipe."))
    groups = list(selectors.groups_visible_to(request.user).prefetch_related("conduzione__user", "incontri")
                  .order_by("-created_at"))
    return render(request, "interventions/group_list.html", {
        "groups": groups, "can_create": bool(selectors.creatable_group_ambiti(request.user))})


@login_required
@require_http_methods(["GET", "POST"])
def group_create(request: HttpRequest) -> HttpResponse:
    from organisation.models import Ambito

    ambiti = selectors.creatable_group_ambiti(request.user)
    if not ambiti:
        raise PermissionDenied(_("Solo gli operatori delle équipe e il Referente Territoriale creano i gruppi."))
    ambito = Ambito.objects.filter(pk__in=ambiti).order_by("pk").first()
    form = forms.GroupForm(request.POST or None, staff=selectors.staff_of_ambito(ambito),
                           initial={"facilitatori": [request.user.pk], "n_incontri": 6})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            group = services.gruppo_create(
                by=request.user, ambito=ambito, nome=data["nome"], tipo=data["tipo"], sede=data["sede"],
                frequenza=data["frequenza"], data_inizio=data["data_inizio"], ora_inizio=data["ora_inizio"],
                ora_fine=data["ora_fine"], n_incontri=data["n_incontri"], facilitatori=list(data["facilitatori"]),
                supporti=data["supporti"], creation_token=data["form_token"])
        except services.DuplicateSubmission as duplicate:
            messages.info(request, _("Il modulo era già stato inviato: il gruppo è registrato una volta sola."))
            return redirect("interventions_group_detail", group_pk=duplicate.existing.pk)
        except ValidationError as error:
            apply_service_errors(error, form=form)
        else:
            messages.success(request, _("Gruppo creato con il calendario degli incontri: puoi modificare ogni "
                                        "incontro."))
            return redirect("interventions_group_detail", group_pk=group.pk)
    return render(request, "interventions/group_form.html", {"form": form})


@login_required
def group_detail(request: HttpRequest, group_pk: int) -> HttpResponse:
    from django.db.models import Count

    group = _group_for(request, group_pk)
    participants = list(selectors.participants_visible(request.user, group))
    total = group.iscrizioni.count()
    log_view(user=request.user, obj=group, reason=_("Consultazione di un gruppo"))
    if participants:
        from .models import Iscrizione

        log_list_view(user=request.user, model=Iscrizione, object_ids=[i.pk for i in participants],
                      description=_("Partecipanti del gruppo %(g)s") % {"g": group.nome}, ambito_id=group.ambito_id)
    can_run = selectors.can_run_group(request.user, group)
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
        try:
            services.iscrizione_add(gruppo=group, by=request.user, persona=form.cleaned_data["persona"])
        except ValidationError as error:
            apply_service_errors(error, form=form)
        else:
            messages.success(request, _("Partecipante iscritto."))
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
            try:
                services.incontro_update(incontro=meeting, by=request.user, data=data["data"],
                                         ora_inizio=data["ora_inizio"], ora_fine=data["ora_fine"], sede=data["sede"],
                                         note=data["note"], apprendimenti=data["apprendimenti"],
                                         svolto=data["svolto"], presenti=list(data["presenti"]))
            except ValidationError as error:
                apply_service_errors(error, form=form)
            else:
                messages.success(request, _("Incontro salvato."))
                return redirect("interventions_group_detail", group_pk=group.pk)
    log_view(user=request.user, obj=meeting, reason=_("Registro dell'incontro di gruppo"))
    return render(request, "interventions/meeting_form.html", {"group": group, "meeting": meeting, "form": form})


# --- Calendar

def _calendar_grid(request, source) -> dict:
    from datetime import date

    from . import calendar

    view = "mese" if request.GET.get("vista") == "mese" else "settimana"
    try:
        day = date.fromisoformat(request.GET.get("data", ""))
    except ValueError:
        day = timezone.localdate()
    return calendar.grid(view, day, source)


def _calendar_reader(request) -> None:
    from organisation.scope import get_scope

    scope = get_scope(request.user)
    if not (scope.rt_ambiti or scope.equipe_ids):
        raise PermissionDenied(_("Il calendario è per gli operatori delle équipe."))


@login_required
def operator_calendar(request: HttpRequest) -> HttpResponse:
    from . import calendar

    _calendar_reader(request)
    context = _calendar_grid(request, lambda a, b: calendar.operator_events(request.user, a, b))
    log_list_view(user=request.user, model=Intervento, object_ids=[], description=_("Il mio calendario"))
    return render(request, "interventions/calendar.html", {"cal": context, "family": None})


@login_required
def family_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    from . import calendar

    family = get_family_for(request.user, pk)
    log_view(user=request.user, obj=family, reason=_("Calendario della famiglia"))
    context = _calendar_grid(request, lambda a, b: calendar.family_events(family, a, b))
    return render(request, "interventions/calendar.html", {"cal": context, "family": family})


@login_required
@require_http_methods(["GET", "POST"])
def calendar_feed(request: HttpRequest) -> HttpResponse:
    from .models import CalendarToken

    _calendar_reader(request)
    if request.method == "POST":
        if request.POST.get("azione") == "revoca":
            services.calendar_token_revoke(by=request.user)
            messages.success(request, _("Indirizzo revocato: il calendario esterno non riceve più gli "
                                        "appuntamenti."))
        else:
            services.calendar_token_renew(by=request.user)
            messages.success(request, _("Nuovo indirizzo creato: quello vecchio non funziona più."))
        return redirect("interventions_calendar_feed")
    token = CalendarToken.objects.filter(user=request.user).first()
    url = request.build_absolute_uri(f"/interventi/ical/{token.token}.ics") if token else ""
    return render(request, "interventions/calendar_feed.html", {"token": token, "url": url})


def ical_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The operator's own events, for their calendar app: no login, the secret token is the key."""
    from datetime import timedelta

    from . import calendar
    from .models import CalendarToken

    entry = CalendarToken.objects.select_related("user").filter(token=token).first()
    if entry is None or not entry.user.is_active:
        raise Http404(_("Calendario non trovato."))
    today = timezone.localdate()
    events = calendar.operator_events(entry.user, today - timedelta(days=60), today + timedelta(days=180))
    response = HttpResponse(calendar.ical(events, host=request.get_host().split(":")[0]),
                            content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response
