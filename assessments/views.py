from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from audit.services import log_view
from common.views import run_action, run_service
from families.selectors import get_family_for

from . import policies, selectors, services
from .definition import DefinitionError, Item
from .forms import InstrumentUploadForm, ResponseForm, StartForm
from .models import Answer, Perspective, Response
from .triangle import triangle


def answer_display(item: Item, answer: Answer | None) -> str:
    if answer is None:
        return "—"
    if item.type == "scale" and answer.number is not None:
        number = int(answer.number)
        return f"{number} — {item.labels[number]}" if number in item.labels else str(number)
    if item.type == "single":
        return item.choice_label(answer.text)
    if item.type == "multiple":
        return ", ".join(item.choice_label(c) for c in answer.choices) or "—"
    if item.type == "date":
        return answer.date.strftime("%d/%m/%Y") if answer.date else "—"
    if item.type == "number":
        return str(answer.number) if answer.number is not None else "—"
    return answer.text or "—"


@login_required
@require_http_methods(["GET", "POST"])
def assessment_list(request: HttpRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk)
    perspectives = policies.writable_perspectives(request.user, family)
    form = StartForm(request.POST or None, family=family, instruments=selectors.instruments_for(family),
                     perspectives=perspectives)
    if request.method == "POST":
        if not perspectives:
            raise PermissionDenied(_("Non puoi compilare valutazioni per questa famiglia."))
        if form.is_valid():
            data = form.cleaned_data
            call = run_service(request, form, lambda: services.response_start(
                version=data["instrument"], family=family, by=request.user, time_point=data["time_point"],
                perspective=data["perspective"], person=data["person"], on=data["date"]))
            if call.finished:
                return redirect("assessment_detail", pk=family.pk, rid=call.record.pk)
    responses = list(selectors.responses_visible_to(request.user, family).order_by("-created_at"))
    log_view(user=request.user, obj=family, reason=_("Elenco delle valutazioni"))
    return render(request, "assessments/assessment_list.html", {
        "family": family, "form": form, "responses": responses, "can_start": bool(perspectives),
        "children": family.persone.filter(target=True)}, status=422 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def assessment_detail(request: HttpRequest, pk: int, rid: int) -> HttpResponse:
    response = selectors.get_response_for(request.user, pk, rid)
    family = response.family
    definition = response.instrument_version.parsed
    answers = {a.item_code: a for a in response.answers.all()}
    can_write = policies.can_write_response(request.user, family, response.perspective)
    editable = can_write and not response.is_locked
    status = 200
    if request.method == "POST":
        if not editable:
            raise PermissionDenied(_("Questa valutazione non si può modificare: è inviata o non è tua da compilare."))
        form = ResponseForm(request.POST, definition=definition, answers=answers)
        if form.is_valid():
            submit = "invia" in request.POST

            def save() -> Response:
                saved = services.response_save(response=response, by=request.user,
                                               version=form.cleaned_data["version"], values=form.values(),
                                               notes=form.notes())
                return services.response_submit(response=saved, by=request.user) if submit else saved

            call = run_service(
                request, form, save,
                success=_("Valutazione inviata: ora è bloccata. Per cambiarla, crea una correzione.") if submit
                else _("Bozza salvata."),
                stale_message=_("Nel frattempo qualcun altro ha salvato questa valutazione. I tuoi dati sono qui "
                                "sotto: controlla e salva di nuovo."))
            if call.finished:
                return redirect("assessment_detail", pk=family.pk, rid=call.record.pk)
            if call.stale:
                status = 409
            else:
                # Submitting with missing items: the draft was saved just before, and stays a draft.
                form.data = form.data.copy()
                form.data["version"] = selectors.response_version(response)
                status = 422
        else:
            status = 422
    else:
        form = ResponseForm(definition=definition, answers=answers, initial={"version": response.version})
        log_view(user=request.user, obj=response)
    rows = [(section, [(item, answers.get(item.code), answer_display(item, answers.get(item.code)))
                       for item in section.items]) for section in definition.sections]
    return render(request, "assessments/assessment_detail.html", {
        "family": family, "response": response, "definition": definition, "form": form, "editable": editable,
        "can_correct": can_write and response.status == Response.Status.SUBMITTED and not hasattr(response, "superseded_by"),
        "can_share": (response.status == Response.Status.SUBMITTED and definition.kind == "mdb"
                      and response.perspective != Perspective.FAMIGLIA
                      and policies.can_share_with_family(request.user, family)),
        "rows": rows, "early_warning": selectors.early_time_point_warning(response) if editable else None},
        status=status)


@login_required
@require_POST
def assessment_correct(request: HttpRequest, pk: int, rid: int) -> HttpResponse:
    response = selectors.get_response_for(request.user, pk, rid)
    call = run_action(request, lambda: services.response_correct(response=response, by=request.user))
    if not call.done:
        return redirect("assessment_detail", pk=pk, rid=rid)
    messages.info(request, _("Correzione aperta: la valutazione inviata resta nel fascicolo finché invii questa."))
    return redirect("assessment_detail", pk=pk, rid=call.result.pk)


@login_required
def mondo_del_bambino(request: HttpRequest, pk: int, person_pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk)
    person = family.persone.filter(pk=person_pk, target=True).first()
    if person is None:
        raise Http404(_("Bambino non trovato in questa famiglia."))
    overview = selectors.mdb_overview(request.user, family, person)
    low, high = overview["scale"]
    shown = next((tp for tp in ("T2", "T1", "T0") if any(s["means"][tp] is not None for s in overview["sections"])), "T0")
    log_view(user=request.user, obj=person, reason=_("Il Mondo del Bambino"))
    return render(request, "assessments/mondo_del_bambino.html", {
        "family": family, "person": person, "overview": overview, "shown": shown, "low": low, "high": high,
        "sides": triangle(overview["sections"], time_point=shown, low=low, high=high),
        "bar_scale": 100 / high if high else 0})


@login_required
@require_http_methods(["GET", "POST"])
def instrument_list(request: HttpRequest) -> HttpResponse:
    policies.require_instrument_manager(request.user)
    ambito = selectors.instrument_ambito_for(request.user)
    form = InstrumentUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        call = run_service(request, form, lambda: services.publish_ambito_instrument(
            ambito=ambito, text=form.cleaned_data["definition"], by=request.user), form_errors=(DefinitionError,))
        if call.done:
            messages.success(request, _("Strumento «%(t)s» versione %(v)s pubblicato per l'ambito.")
                             % {"t": call.result.instrument.title, "v": call.result.version})
            return redirect("instrument_list")
    versions = selectors.instrument_versions_for(ambito)
    return render(request, "assessments/instrument_list.html", {"form": form, "versions": versions, "ambito": ambito},
                  status=422 if form.errors else 200)


@login_required
@require_POST
def assessment_share(request: HttpRequest, pk: int, rid: int) -> HttpResponse:
    response = selectors.get_response_for(request.user, pk, rid)
    shared = request.POST.get("condividi") == "1"
    run_action(request, lambda: services.response_share(response=response, by=request.user, shared=shared),
               success=_("La sintesi ora è visibile alla famiglia nel suo portale.") if shared
               else _("La sintesi non è più visibile alla famiglia."))
    return redirect("assessment_detail", pk=pk, rid=rid)
