from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from audit.services import log_view
from common.tabular import csv_response, csv_text
from common.views import run_action, run_service

from . import policies, selectors, services
from .forms import ParticipantForm, SessionForm, StaffForm, TrainingEventForm


@login_required
@require_http_methods(["GET", "POST"])
def training_list(request: HttpRequest) -> HttpResponse:
    policies.require_reader(request.user)
    organised = policies.organised_ambiti(request.user)
    form = TrainingEventForm(request.POST or None, ambiti=organised)
    if request.method == "POST":
        ambito = selectors.get_ambito_for_new_event(request.user)
        if form.is_valid():
            call = run_service(request, form, lambda: services.event_create(ambito=ambito, by=request.user,
                                                                           **form.cleaned_data))
            if call.done:
                return redirect("training_detail", pk=call.record.pk)
    return render(request, "governance/training_list.html", {
        "events": selectors.events_for(request.user), "form": form, "manage": bool(organised)},
        status=422 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def training_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.get_event_for(request.user, pk)
    manage = policies.can_manage_training(request.user, event.ambito_id)
    session_form, participant_form = SessionForm(), ParticipantForm()
    status = 200
    if request.method == "POST":
        policies.require_organiser(request.user, event.ambito_id)
        action = request.POST.get("azione")
        if action == "sessione":
            session_form = SessionForm(request.POST)
            if session_form.is_valid():
                call = run_service(request, session_form, lambda: services.session_add(
                    event=event, by=request.user, **session_form.cleaned_data))
                if call.done:
                    return redirect("training_detail", pk=event.pk)
        elif action == "partecipante":
            participant_form = ParticipantForm(request.POST)
            if participant_form.is_valid():
                call = run_service(request, participant_form, lambda: services.participant_add(
                    event=event, by=request.user, **participant_form.cleaned_data))
                if call.done:
                    return redirect("training_detail", pk=event.pk)
        elif action == "presenze":
            session = event.sessioni.filter(pk=request.POST.get("sessione")).first()
            if session is None:
                raise Http404
            ids = [int(v) for v in request.POST.getlist("presenti") if v.isdigit()]
            run_action(request, lambda: services.attendance_set(session=session, by=request.user, participant_ids=ids),
                       success=_("Presenze registrate."))
            return redirect("training_detail", pk=event.pk)
        status = 422
    sessions = list(event.sessioni.prefetch_related("presenti"))
    for session in sessions:
        session.present_ids = {p.pk for p in session.presenti.all()}
    return render(request, "governance/training_detail.html", {
        "event": event, "summary": selectors.event_summary(event), "sessions": sessions, "manage": manage,
        "session_form": session_form, "participant_form": participant_form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def staff_register(request: HttpRequest) -> HttpResponse:
    policies.require_staff_keeper(request.user)
    form = StaffForm(request.POST or None, request.FILES or None, entities=policies.staff_entities(request.user))
    if request.method == "POST" and form.is_valid():
        call = run_service(request, form, lambda: services.staff_add(by=request.user, **form.cleaned_data),
                           success=_("Operatore registrato."))
        if call.done:
            return redirect("staff_register")
    if request.GET.get("formato") == "csv":
        header = [_("Organizzazione"), _("Nome"), _("Ruolo"), _("Referente tecnico"), _("In servizio dal"),
                  _("Fino al"), _("Qualifiche"), _("Formazione"), _("Curriculum")]
        rows = ([s.ente.nome, s.nome, s.get_ruolo_display(), s.referente_tecnico, s.in_servizio_dal,
                 s.in_servizio_al, s.qualifiche, s.formazione, bool(s.cv)]
                for s in selectors.staff_for(request.user).order_by("ente__nome", "nome"))
        return csv_response("registro-personale.csv", csv_text(header, rows))
    return render(request, "governance/staff_register.html", {
        "staff": selectors.staff_for(request.user).order_by("ente__nome", "nome"), "form": form},
        status=422 if form.errors else 200)


@login_required
def staff_cv(request: HttpRequest, pk: int) -> FileResponse:
    member = selectors.get_staff_member_for(request.user, pk)
    if not member.cv:
        raise Http404
    try:
        handle = member.cv.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("Il file del curriculum non è più disponibile.")) from error
    log_view(user=request.user, obj=member, reason=_("Curriculum"))
    return FileResponse(handle, as_attachment=True, filename=f"cv-{member.pk}.pdf")
