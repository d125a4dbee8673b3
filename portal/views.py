import functools
import io
from datetime import date, timedelta
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from audit.services import log_view
from common.i18n import direction
from common.views import run_action, run_service
from families.models import Family
from families.selectors import get_family_for
from plans.selectors import current_plan, is_adult
from quality.forms import answer_form
from quality.services import LinkProblem

from . import policies, selectors, services
from .auth import LOGIN_METHODS
from .forms import (
    AnswerForm,
    FamilyViewForm,
    InviteForm,
    LanguageForm,
    MessageForm,
    PasswordForm,
    StaffMessageForm,
    SummaryForm,
)
from .middleware import LANGUAGE_COOKIE
from .models import PORTAL_LANGUAGE_CODES, PORTAL_LANGUAGES, RTL_LANGUAGES

COOKIE_AGE = 365 * 24 * 3600


def _lang_from_query(request: HttpRequest) -> str | None:
    """?lang=xx on the public pages: an unsupported code falls back with a message."""
    code = request.GET.get("lang")
    if not code:
        return None
    if code in PORTAL_LANGUAGE_CODES:
        translation.activate(code)
        request.LANGUAGE_CODE = code
        return code
    messages.warning(request, _("Questa lingua non è disponibile: ti mostriamo il portale in italiano. Puoi "
                                "scegliere un'altra lingua dall'elenco."))
    translation.activate("it")
    request.LANGUAGE_CODE = "it"
    return "it"


def portal_login_required(view):
    """A portal page: the member of a family only (404 for everybody else); every view is audit-logged."""

    @functools.wraps(view)
    @never_cache
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(f"{reverse('portal_login')}?{urlencode({'next': request.get_full_path()})}")
        member = selectors.member_for(request.user)
        return view(request, member, *args, **kwargs)

    return wrapper


def _render(request, template: str, context: dict, status: int = 200) -> HttpResponse:
    context.setdefault("languages", PORTAL_LANGUAGES)
    context["rtl"] = translation.get_language() in RTL_LANGUAGES
    return render(request, template, context, status=status)


# --- Public pages: login, invitation, language

@never_cache
@require_http_methods(["GET", "POST"])
def portal_login(request: HttpRequest) -> HttpResponse:
    _lang_from_query(request)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}) \
            or not next_url.startswith("/famiglia/"):
        next_url = reverse("portal_home")
    form = AuthenticationForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        auth_login(request, user)
        if not policies.is_portal_only(user):
            return redirect("dashboard")
        return redirect(next_url)
    return _render(request, "portal/login.html", {"form": form, "next": next_url, "methods": LOGIN_METHODS},
                   status=200 if not form.errors else 422)


@require_POST
def portal_logout(request: HttpRequest) -> HttpResponse:
    language = translation.get_language()
    auth_logout(request)
    response = redirect("portal_login")
    response.set_cookie(LANGUAGE_COOKIE, language, max_age=COOKIE_AGE, samesite="Lax")
    return response


@require_http_methods(["GET", "POST"])
def portal_language(request: HttpRequest) -> HttpResponse:
    """Choose the portal's language: remembered on the member's profile, or in a cookie before login."""
    form = LanguageForm(request.POST or request.GET or None)
    next_url = reverse("portal_home") if request.user.is_authenticated else reverse("portal_login")
    if form.is_valid():
        candidate = form.cleaned_data["next"] or ""
        if candidate.startswith("/famiglia/") and url_has_allowed_host_and_scheme(candidate, {request.get_host()}):
            next_url = candidate
    if request.method == "GET":
        return _render(request, "portal/language.html", {"next": next_url})
    code = form.cleaned_data["language"] if form.is_valid() else ""
    if code not in PORTAL_LANGUAGE_CODES:
        messages.warning(request, _("Questa lingua non è disponibile: resta la lingua di prima. Scegli una lingua "
                                    "dall'elenco."))
        return redirect(next_url)
    if request.user.is_authenticated and getattr(request, "portal_member", False):
        services.language_set(user=request.user, language=code)
    response = redirect(next_url)
    response.set_cookie(LANGUAGE_COOKIE, code, max_age=COOKIE_AGE, samesite="Lax")
    return response


INVITATION_PROBLEMS = {
    "unknown": lambda: _("Questo link non è valido. Controlla di averlo copiato tutto, oppure chiedi un nuovo "
                         "link al tuo case manager."),
    "used": lambda: _("Questo link è già stato usato: vale una volta sola. Se hai già scelto la password, entra "
                      "con il tuo nome utente. Altrimenti chiedi un nuovo link al tuo case manager."),
    "expired": lambda: _("Questo link è scaduto: vale 7 giorni. Chiedi un nuovo link al tuo case manager."),
}


@never_cache
@require_http_methods(["GET", "POST"])
def portal_invitation(request: HttpRequest, token: str) -> HttpResponse:
    chosen = _lang_from_query(request)
    record = selectors.invitation_by_hash(services.hash_token(token))
    if chosen is None and LANGUAGE_COOKIE not in request.COOKIES and record is not None:
        translation.activate(record.language)
        request.LANGUAGE_CODE = record.language
    try:
        invitation = services.invitation_check(token)
    except services.InvitationProblem as problem:
        return _render(request, "portal/invitation.html", {"problem": INVITATION_PROBLEMS[problem.code]()},
                       status=404 if problem.code == "unknown" else 410)
    form = PasswordForm(request.POST or None)
    username = services.username_for(invitation.person)
    if request.method == "POST" and form.is_valid():
        try:
            call = run_service(request, form, lambda: services.invitation_accept(
                token=token, password1=form.cleaned_data["password1"], password2=form.cleaned_data["password2"],
                language=translation.get_language()), error_field="password1")
        except services.InvitationProblem as problem:
            return _render(request, "portal/invitation.html", {"problem": INVITATION_PROBLEMS[problem.code]()},
                           status=410)
        if call.done:
            user = call.result
            auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, format_html(  # the Latin username keeps its direction in an Arabic sentence
                _("Il tuo accesso è pronto. Il tuo nome utente è %(u)s: scrivilo da qualche parte, ti servirà per "
                  "entrare.") % {"u": "{}"}, format_html('<bdi dir="ltr">{}</bdi>', user.username)))
            return redirect("portal_home")
    return _render(request, "portal/invitation.html", {"form": form, "invitation": invitation,
                                                       "username": username, "token": token},
                   status=422 if form.errors else 200)


# --- The member's pages

@portal_login_required
def portal_home(request: HttpRequest, member: selectors.Member) -> HttpResponse:
    log_view(user=request.user, obj=member.family, reason=f"{selectors.SEEN_PREFIX}: inizio")
    unread = member.family.messaggi_portale.filter(from_family=False, read_at__isnull=True).count()
    appointments = selectors.appointments_for(member.family)
    horizon = timezone.localdate() + timedelta(days=settings.PORTAL_REMINDER_DAYS)
    return _render(request, "portal/home.html", {
        "member": member, "plan": current_plan(member.family), "appointments": appointments[:3],
        "soon": [a for a in appointments if a.is_meeting and a.day <= horizon], "unread": unread,
        "survey_open": (survey := selectors.open_survey_for(member.family)) is not None
        and not selectors.has_answered(request.user, survey)})


@portal_login_required
def portal_plan(request: HttpRequest, member: selectors.Member) -> HttpResponse:
    plan, goals = selectors.plan_for_member(member.family)
    if plan is not None:
        log_view(user=request.user, obj=plan, reason=selectors.SEEN_PLAN)
    else:
        log_view(user=request.user, obj=member.family, reason=selectors.SEEN_PLAN)
    form = AnswerForm(initial={"version": plan.version}) if plan is not None else None
    return _plan_page(request, member, plan, goals, form, can_answer=is_adult(member.person, _today()))


def _today() -> date:
    return timezone.localdate()


def _plan_page(request, member, plan, goals, form, *, can_answer: bool, status: int = 200) -> HttpResponse:
    mine = selectors.member_agreements(plan, member.person)
    translated = selectors.with_family_versions(plan, goals, translation.get_language())
    return _render(request, "portal/plan.html", {
        "member": member, "plan": plan, "goals": goals, "form": form, "can_answer": can_answer, "mine": mine,
        "translated": translated, "summary": selectors.summary_for(plan, translation.get_language())},
        status=status)


@portal_login_required
@require_POST
def portal_plan_answer(request: HttpRequest, member: selectors.Member) -> HttpResponse:
    plan, goals = selectors.plan_for_member(member.family)
    form = AnswerForm(request.POST)
    if form.is_valid():
        call = run_service(
            request, form, lambda: services.plan_answer(
                user=request.user, version=form.cleaned_data["version"], esito=form.cleaned_data["esito"],
                commento=form.cleaned_data["commento"]),
            success=_("Grazie: la tua risposta è registrata nel progetto. Il tuo case manager la vedrà."),
            form_errors=(PermissionDenied,))
        if call.finished:
            return redirect("portal_plan")
    return _plan_page(request, member, plan, goals, form, can_answer=is_adult(member.person, _today()), status=422)


@portal_login_required
@require_http_methods(["GET", "POST"])
def portal_view(request: HttpRequest, member: selectors.Member) -> HttpResponse:
    latest = selectors.family_view_latest(member.family)
    initial = {a.item_code: a.text for a in latest.answers.all()} if latest else {}
    form = FamilyViewForm(request.POST if request.method == "POST" else None, initial_values=initial)
    if request.method == "POST" and form.is_valid():
        call = run_service(request, form, lambda: services.family_view_submit(user=request.user,
                                                                              values=form.cleaned_data),
                           success=_("Grazie: l'équipe leggerà il vostro punto di vista."))
        if call.finished:
            return redirect("portal_view")
    log_view(user=request.user, obj=member.family, reason=f"{selectors.SEEN_PREFIX}: il nostro punto di vista")
    return _render(request, "portal/family_view.html", {"member": member, "form": form, "latest": latest},
                   status=422 if form.errors else 200)


@portal_login_required
@require_http_methods(["GET", "POST"])
def portal_messages(request: HttpRequest, member: selectors.Member) -> HttpResponse:
    form = MessageForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        call = run_service(request, form, lambda: services.message_send(
            family=member.family, by=request.user, text=form.cleaned_data["text"]), success=_("Messaggio inviato."))
        if call.finished:
            return redirect("portal_messages")
    services.messages_mark_read(family=member.family, by=request.user)
    log_view(user=request.user, obj=member.family, reason=f"{selectors.SEEN_PREFIX}: messaggi")
    return _render(request, "portal/messages.html", {
        "member": member, "form": form, "thread": selectors.messages_of(member.family),
        "case_manager": member.family.equipe.case_manager if member.family.equipe_id else None},
        status=422 if form.errors else 200)


@portal_login_required
def portal_assessments(request: HttpRequest, member: selectors.Member) -> HttpResponse:
    log_view(user=request.user, obj=member.family, reason=f"{selectors.SEEN_PREFIX}: valutazioni condivise")
    return _render(request, "portal/assessments.html", {
        "member": member, "responses": list(selectors.shared_assessments(member.family))})


@portal_login_required
def portal_assessment(request: HttpRequest, member: selectors.Member, pk: int) -> HttpResponse:
    response = selectors.get_shared_assessment(member.family, pk)
    log_view(user=request.user, obj=response, family_id=member.family.pk,
             reason=f"{selectors.SEEN_PREFIX}: valutazione condivisa")
    return _render(request, "portal/assessment.html", {
        "member": member, "response": response, "sections": selectors.shared_synthesis(response)})


@portal_login_required
@require_http_methods(["GET", "POST"])
def portal_questionnaire(request: HttpRequest, member: selectors.Member) -> HttpResponse:
    """The ambito's satisfaction questionnaire, answered anonymously, once."""
    survey = selectors.open_survey_for(member.family)
    context = {"member": member, "survey": survey}
    if survey is None or selectors.has_answered(request.user, survey):
        context["answered"] = survey is not None
        return _render(request, "portal/questionnaire.html", context)
    definition = survey.instrument_version.parsed
    reader = translation.get_language()
    # An older version of the questionnaire may lack the reader's language: its questions stay Italian (lang="it").
    lang = reader if reader in definition.languages() else "it"
    form = answer_form(definition, lang, request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            call = run_service(request, form, lambda: services.questionnaire_answer(
                user=request.user, survey=survey, values=form.cleaned_data, language=reader))
        except services.AlreadyAnswered:
            context["answered"] = True
            return _render(request, "portal/questionnaire.html", context)
        except LinkProblem:
            context["survey"] = None
            return _render(request, "portal/questionnaire.html", context, status=410)
        if call.finished:
            context["thanks"] = True
            return _render(request, "portal/questionnaire.html", context)
        status = 422
    if request.method == "POST" and form.errors:
        status = 422
    context.update(form=form, text=definition.localized(lang), form_lang=lang, form_dir=direction(lang))
    return _render(request, "portal/questionnaire.html", context, status=status)


@portal_login_required
def portal_appointments(request: HttpRequest, member: selectors.Member) -> HttpResponse:
    log_view(user=request.user, obj=member.family, reason=f"{selectors.SEEN_PREFIX}: appuntamenti")
    return _render(request, "portal/appointments.html", {
        "member": member, "appointments": selectors.appointments_for(member.family)})


# --- The équipe's pages (Italian, staff layout)

def _staff_family(request: HttpRequest, pk: int) -> Family:
    family = get_family_for(request.user, pk)
    policies.require_manage_portal(request.user, family)
    return family


@login_required
def portal_staff(request: HttpRequest, pk: int) -> HttpResponse:
    family = _staff_family(request, pk)
    log_view(user=request.user, obj=family, reason="Portale della famiglia (équipe)")
    services.messages_mark_read(family=family, by=request.user)
    people = selectors.invitable_people(family)
    return render(request, "portal/staff.html", {
        "family": family, "overview": selectors.portal_overview(family),
        "invite_form": InviteForm(people=people) if people else None,
        "thread": selectors.messages_of(family), "message_form": StaffMessageForm(),
        "languages": dict(PORTAL_LANGUAGES)})


@login_required
@require_POST
def portal_staff_invite(request: HttpRequest, pk: int) -> HttpResponse:
    family = _staff_family(request, pk)
    form = InviteForm(request.POST, people=selectors.invitable_people(family))
    if not form.is_valid():
        messages.error(request, _("Scegli il componente da invitare e la lingua."))
        return redirect("portal_staff", pk=family.pk)
    call = run_action(request, lambda: services.invitation_create(
        family=family, person=form.cleaned_data["person"], by=request.user, language=form.cleaned_data["language"]),
        each_message=True)
    if not call.done:
        return redirect("portal_staff", pk=family.pk)
    invitation, token = call.result
    url = request.build_absolute_uri(reverse("portal_invitation", args=[token]))
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=4, xmldecl=False, svgns=True,
                                    title=_("Codice QR del link di invito"))
    # The text the case manager copies into an SMS or an e-mail, in the language chosen for the member.
    with translation.override(invitation.language):
        text = render_to_string("portal/invitation_text.txt", {"person": invitation.person, "url": url}).strip()
    # Shown once: only the token's hash is stored.
    return render(request, "portal/staff_invitation.html", {
        "family": family, "invitation": invitation, "url": url, "qr": buffer.getvalue().decode(),
        "invite_text": text, "invite_dir": direction(invitation.language),
        "language_name": dict(PORTAL_LANGUAGES)[invitation.language]})


@login_required
@require_POST
def portal_staff_message(request: HttpRequest, pk: int) -> HttpResponse:
    family = _staff_family(request, pk)
    form = StaffMessageForm(request.POST)
    if form.is_valid():
        run_action(request, lambda: services.message_send(family=family, by=request.user,
                                                          text=form.cleaned_data["text"]),
                   success=_("Risposta inviata alla famiglia."), each_message=True)
    else:
        messages.error(request, _("Scrivi il testo della risposta."))
    return redirect(f"{reverse('portal_staff', args=[family.pk])}#messaggi")


@login_required
@require_http_methods(["GET", "POST"])
def portal_staff_summary(request: HttpRequest, pk: int) -> HttpResponse:
    family = _staff_family(request, pk)
    plan = current_plan(family)
    existing = selectors.plan_summaries(plan)
    form = SummaryForm(request.POST or None, summaries=existing)
    if request.method == "POST" and plan is not None and form.is_valid():

        def save_changed() -> None:
            for code in PORTAL_LANGUAGE_CODES:
                new = form.cleaned_data[f"text_{code}"].strip()
                if new != existing.get(code, ""):
                    services.summary_save(family=family, by=request.user, language=code, text=new)

        call = run_service(request, form, save_changed,
                           success=_("Sintesi salvate: la famiglia le vede nella sua lingua."))
        if call.finished:
            return redirect("portal_staff", pk=family.pk)
    log_view(user=request.user, obj=family, reason="Sintesi tradotte del progetto")
    return render(request, "portal/staff_summary.html", {"family": family, "plan": plan, "form": form},
                  status=422 if form.errors else 200)
