import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from audit.services import log_view
from organisation.models import Ambito
from organisation.scope import get_scope

from . import training
from .forms import ParticipantForm, SessionForm, StaffForm, TrainingEventForm, apply_errors


@login_required
@require_http_methods(["GET", "POST"])
def training_list(request: HttpRequest) -> HttpResponse:
    scope = get_scope(request.user)
    if not scope.ambiti_for(*training.READERS):
        raise PermissionDenied(_("Il tuo ruolo non prevede il registro della formazione."))
    form = TrainingEventForm(request.POST or None, ambiti=scope.rt_ambiti)
    if request.method == "POST":
        ambito = Ambito.objects.filter(pk__in=scope.rt_ambiti).order_by("nome").first()
        if ambito is None:
            raise PermissionDenied(_("Solo il Referente Territoriale organizza la formazione."))
        if form.is_valid():
            try:
                event = training.event_create(ambito=ambito, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                return redirect("training_detail", pk=event.pk)
    return render(request, "governance/training_list.html", {
        "events": training.events_for(request.user), "form": form, "manage": bool(scope.rt_ambiti)},
        status=422 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def training_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = training.get_event_for(request.user, pk)
    manage = training.can_manage_training(request.user, event.ambito_id)
    session_form, participant_form = SessionForm(), ParticipantForm()
    status = 200
    if request.method == "POST":
        if not manage:
            raise PermissionDenied(_("Solo il Referente Territoriale organizza la formazione."))
        action = request.POST.get("azione")
        try:
            if action == "sessione":
                session_form = SessionForm(request.POST)
                if session_form.is_valid():
                    training.session_add(event=event, by=request.user, **session_form.cleaned_data)
                    return redirect("training_detail", pk=event.pk)
            elif action == "partecipante":
                participant_form = ParticipantForm(request.POST)
                if participant_form.is_valid():
                    training.participant_add(event=event, by=request.user, **participant_form.cleaned_data)
                    return redirect("training_detail", pk=event.pk)
            elif action == "presenze":
                session = event.sessioni.filter(pk=request.POST.get("sessione")).first()
                if session is None:
                    raise Http404
                ids = [int(v) for v in request.POST.getlist("presenti") if v.isdigit()]
                training.attendance_set(session=session, by=request.user, participant_ids=ids)
                messages.success(request, _("Presenze registrate."))
                return redirect("training_detail", pk=event.pk)
        except ValidationError as error:
            if action == "presenze":
                messages.error(request, " ".join(error.messages))
                return redirect("training_detail", pk=event.pk)
            apply_errors(session_form if action == "sessione" else participant_form, error)
        status = 422
    sessions = list(event.sessioni.prefetch_related("presenti"))
    for session in sessions:
        session.present_ids = {p.pk for p in session.presenti.all()}
    return render(request, "governance/training_detail.html", {
        "event": event, "summary": training.event_summary(event), "sessions": sessions, "manage": manage,
        "session_form": session_form, "participant_form": participant_form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def staff_register(request: HttpRequest) -> HttpResponse:
    entities = training.staff_entities(request.user)
    if not entities.exists():
        raise PermissionDenied(_("Il registro del personale è dei partner e dell'Ufficio di Piano."))
    form = StaffForm(request.POST or None, request.FILES or None, entities=entities)
    if request.method == "POST" and form.is_valid():
        try:
            training.staff_add(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Operatore registrato."))
            return redirect("staff_register")
    if request.GET.get("formato") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="registro-personale.csv"'
        writer = csv.writer(response)
        writer.writerow(["organizzazione", "nome", "ruolo", "referente_tecnico", "in_servizio_dal", "fino_al",
                         "qualifiche", "formazione", "curriculum"])
        for s in training.staff_for(request.user).order_by("ente__nome", "nome"):
            writer.writerow([s.ente.nome, s.nome, s.get_ruolo_display(), "sì" if s.referente_tecnico else "no",
                             s.in_servizio_dal, s.in_servizio_al or "", s.qualifiche, s.formazione,
                             "sì" if s.cv else "no"])
        return response
    return render(request, "governance/staff_register.html", {
        "staff": training.staff_for(request.user).order_by("ente__nome", "nome"), "form": form},
        status=422 if form.errors else 200)


@login_required
def staff_cv(request: HttpRequest, pk: int) -> FileResponse:
    member = training.staff_for(request.user).filter(pk=pk).first()
    if member is None or not member.cv:
        raise Http404
    try:
        handle = member.cv.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("Il file del curriculum non è più disponibile.")) from error
    log_view(user=request.user, obj=member, reason=_("Curriculum"))
    return FileResponse(handle, as_attachment=True, filename=f"cv-{member.pk}.pdf")
