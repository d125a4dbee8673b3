from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from common.pdf import pdf_response
from common.views import run_action, run_service
from organisation.selectors import letterhead_for

from . import policies, selectors, services
from .forms import BodyForm, FollowUpForm, MeetingForm, MinutesForm


@login_required
def body_list(request: HttpRequest) -> HttpResponse:
    bodies = list(selectors.bodies_visible_to(request.user).order_by("nome"))
    return render(request, "governance/body_list.html", {
        "bodies": bodies, "upcoming": selectors.upcoming_meetings(bodies),
        "followups": selectors.open_followups_for(request.user),
        "can_create": bool(policies.body_ambiti(request.user))})


@login_required
@require_http_methods(["GET", "POST"])
def body_create(request: HttpRequest) -> HttpResponse:
    ambito = selectors.get_ambito_for_new_body(request.user)
    form = BodyForm(request.POST or None, ambito=ambito)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        call = run_service(
            request, form, lambda: services.body_create(
                ambito=ambito, by=request.user, tipo=data["tipo"], nome=data["nome"], descrizione=data["descrizione"],
                members=[(m.user, m.ente.nome if m.ente_id else "", "") for m in data["componenti"]],
                externals=data["esterni"]),
            success=_("Organismo creato: ora puoi convocarne le riunioni."))
        if call.finished:
            return redirect("body_detail", pk=call.record.pk)
    return render(request, "governance/body_form.html", {"form": form, "ambito": ambito},
                  status=422 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def body_detail(request: HttpRequest, pk: int) -> HttpResponse:
    body = selectors.get_body_for(request.user, pk)
    manage = policies.can_manage(request.user, body)
    form = MeetingForm(request.POST or None)
    if request.method == "POST":
        policies.require_manager(request.user, body, _("Solo il Referente Territoriale convoca le riunioni."))
        if form.is_valid():
            data = form.cleaned_data
            call = run_service(
                request, form, lambda: services.meeting_schedule(
                    body=body, by=request.user, inizio=data["inizio"], luogo=data["luogo"],
                    ordine_del_giorno=data["ordine_del_giorno"], svolta=data["svolta"],
                    creation_token=data["form_token"]),
                success=_("Riunione registrata."))
            if call.finished:
                return redirect("meeting_detail", pk=call.record.pk)
    meetings = body.riunioni.order_by("-inizio")
    return render(request, "governance/body_detail.html", {
        "body": body, "members": body.componenti.select_related("user"), "meetings": meetings, "form": form,
        "manage": manage}, status=422 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for(request.user, pk)
    manage = policies.can_manage(request.user, meeting.body)
    members = list(meeting.body.componenti.select_related("user"))
    minutes = MinutesForm(initial={"version": meeting.version, "verbale": meeting.verbale,
                                   "decisioni": "\n".join(d.testo for d in meeting.decisioni.all())})
    followup = FollowUpForm(ambito=meeting.body.ambito)
    status = 200
    if request.method == "POST":
        policies.require_manager(request.user, meeting.body,
                                 _("Solo il Referente Territoriale registra presenze, verbale e azioni."))
        action = request.POST.get("azione")
        if action == "presenze":
            ids = [int(v) for v in request.POST.getlist("presenti") if v.isdigit()]
            externals = [(n, e) for n, e in zip(request.POST.getlist("esterno_nome"),
                                                request.POST.getlist("esterno_ente"), strict=False)]
            call = run_action(request, lambda: services.attendance_record(
                meeting=meeting, by=request.user, present_member_ids=ids, externals=externals),
                success=_("Presenze registrate."))
            if call.done:
                return redirect("meeting_detail", pk=meeting.pk)
            status = 422
        elif action == "verbale":
            minutes = MinutesForm(request.POST)
            if minutes.is_valid():
                data = minutes.cleaned_data
                call = run_service(
                    request, minutes, lambda: services.minutes_save(
                        meeting=meeting, by=request.user, version=data["version"], verbale=data["verbale"],
                        decisioni=data["decisioni"].splitlines()),
                    success=_("Verbale e decisioni salvati."),
                    stale_message=_("Nel frattempo qualcun altro ha salvato il verbale: controlla e salva di nuovo."))
                if call.done:
                    return redirect("meeting_detail", pk=meeting.pk)
                status = call.status if call.stale else 422
            else:
                status = 422
        elif action == "azione":
            followup = FollowUpForm(request.POST, ambito=meeting.body.ambito)
            if followup.is_valid():
                call = run_service(
                    request, followup, lambda: services.followup_add(meeting=meeting, by=request.user,
                                                                     **followup.cleaned_data),
                    success=_("Azione registrata: compare nella scrivania di chi se ne occupa."))
                if call.done:
                    return redirect("meeting_detail", pk=meeting.pk)
            status = 422
    attendance = {a.member_id: a for a in meeting.presenze.all() if a.member_id}
    return render(request, "governance/meeting_detail.html", {
        "meeting": meeting, "members": members, "attendance": attendance,
        "externals": [a for a in meeting.presenze.all() if not a.member_id], "decisions": meeting.decisioni.all(),
        "followups": meeting.azioni.select_related("owner"), "minutes": minutes, "followup": followup,
        "manage": manage}, status=status)


@login_required
def meeting_signin_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for(request.user, pk)
    html = render_to_string("governance/signin_sheet.html", {
        "meeting": meeting, "members": selectors.signin_rows(meeting), "blank_rows": range(8),
        "letterhead": letterhead_for(meeting.body.ambito)})
    return pdf_response(html, f"foglio-firme-{meeting.inizio:%Y%m%d}.pdf")


@login_required
@require_POST
def followup_done(request: HttpRequest, pk: int) -> HttpResponse:
    followup = selectors.get_followup_for_done(request.user, pk)
    services.followup_done(followup=followup, by=request.user)
    messages.success(request, _("Azione segnata come fatta."))
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("governance")
