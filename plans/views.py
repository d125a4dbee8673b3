"""The Progetto Quadro pages. Glue only: the family through its selector, the plan through the family,
writes through plans.services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from audit.services import log_view
from common.exceptions import StaleEdit
from common.views import run_action, run_service
from families.models import Family
from families.selectors import get_family_for

from . import forms, policies, selectors, services
from .models import TRANSLATION_LANGUAGES, Azione, ProgettoQuadro, RisultatoAtteso
from .pdf import render_plan_pdf


def _family_for_write(request: HttpRequest, pk: int) -> Family:
    family = get_family_for(request.user, pk)
    policies.require_write_plan(request.user, family)
    return family


def _back(family: Family) -> HttpResponse:
    return redirect("plan_detail", pk=family.pk)


def _stale_message(stale: StaleEdit) -> str:
    who = stale.current.updated_by or _("qualcun altro")
    return _("Nel frattempo %(chi)s ha modificato il progetto. I tuoi dati sono qui sotto: controlla i valori "
             "attuali e salva di nuovo.") % {"chi": who}


def _stale(request: HttpRequest, template: str, context: dict, stale: StaleEdit) -> HttpResponse:
    """The form (already holding the user's input and the new version) again, with the plan as it is now."""
    context.update(stale=True, current_plan=stale.current)
    return render(request, template, context, status=409)


def _locked_redirect(request, plan: ProgettoQuadro) -> HttpResponse | None:
    if plan.is_locked:
        messages.info(request, _("Il progetto è già stato concordato con la famiglia: per cambiarlo avvia una nuova "
                                 "versione (riprogettazione)."))
        return _back(plan.family)
    return None


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk)
    plan = selectors.current_plan(family)
    return _show(request, family, plan)


@login_required
def plan_version(request: HttpRequest, pk: int, numero: int) -> HttpResponse:
    family = get_family_for(request.user, pk)
    return _show(request, family, selectors.get_plan_for(family, numero))


def _show(request: HttpRequest, family, plan: ProgettoQuadro | None) -> HttpResponse:
    can_write = policies.can_write_plan(request.user, family)
    if plan is None:
        log_view(user=request.user, obj=family, reason=_("Progetto Quadro (non ancora avviato)"))
        return render(request, "plans/plan_detail.html", {"family": family, "view": None, "can_write": can_write})
    log_view(user=request.user, obj=plan, reason=_("Consultazione del Progetto Quadro"))
    view = selectors.plan_view(request.user, family, plan)
    return render(request, "plans/plan_detail.html", {
        "family": family, "view": view, "plan": plan, "can_write": can_write and plan.is_current,
        "can_translate": plan.is_current and policies.can_translate_plan(request.user, family)})


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest, pk: int) -> HttpResponse:
    family = _family_for_write(request, pk)
    if selectors.current_plan(family) is not None and request.method == "GET":
        messages.info(request, _("Questa famiglia ha già un Progetto Quadro."))
        return _back(family)
    form = forms.PlanForm(request.POST or None, initial={"data_inizio": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        call = run_service(
            request, form, lambda: services.progetto_create(
                family=family, by=request.user, analisi=data["analisi"], data_inizio=data["data_inizio"],
                data_fine=data["data_fine"], creation_token=data["form_token"]),
            success=_("Progetto Quadro avviato: ora aggiungi i risultati attesi con la famiglia."),
            duplicate=_("Il modulo era già stato inviato: il progetto è registrato una volta sola."))
        if call.finished:
            return _back(family)
    return render(request, "plans/plan_form.html", {"family": family, "form": form, "creating": True},
                  status=422 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    family = _family_for_write(request, pk)
    plan = selectors.get_current_plan_or_404(family)
    if (locked := _locked_redirect(request, plan)) is not None:
        return locked
    initial = {"analisi": plan.analisi, "data_inizio": plan.data_inizio, "data_fine": plan.data_fine,
               "version": plan.version}
    form = forms.PlanForm(request.POST or None, initial=initial)
    context = {"family": family, "plan": plan, "form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        call = run_service(
            request, form, lambda: services.progetto_update(
                progetto=plan, by=request.user, version=data["version"] or 0, analisi=data["analisi"],
                data_inizio=data["data_inizio"], data_fine=data["data_fine"]),
            success=_("Analisi e tempi del progetto salvati."), stale_message_for=_stale_message)
        if call.stale:
            return _stale(request, "plans/plan_form.html", context, call.stale)
        if call.finished:
            return _back(family)
    return render(request, "plans/plan_form.html", context, status=422 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def goal_add(request: HttpRequest, pk: int) -> HttpResponse:
    return _goal_form(request, pk, goal_pk=None)


@login_required
@require_http_methods(["GET", "POST"])
def goal_edit(request: HttpRequest, pk: int, goal_pk: int) -> HttpResponse:
    return _goal_form(request, pk, goal_pk=goal_pk)


def _goal_form(request: HttpRequest, pk: int, *, goal_pk: int | None) -> HttpResponse:
    family = _family_for_write(request, pk)
    plan = selectors.get_current_plan_or_404(family)
    goal = selectors.get_goal_for(plan, goal_pk) if goal_pk else None
    if (locked := _locked_redirect(request, plan)) is not None:
        return locked
    initial = forms.GoalForm.initial_from(goal, plan.version) if goal else {"version": plan.version}
    form = forms.GoalForm(request.POST or None, initial=initial)
    context = {"family": family, "plan": plan, "goal": goal, "form": form,
               "current_goals": selectors.plan_view(request.user, family, plan).goals}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = {k: data[k] for k in ("sottodimensione", "descrizione", "analisi", "data_prevista")}
        version = data["version"] or 0
        call = run_service(
            request, form,
            (lambda: services.risultato_add(progetto=plan, by=request.user, version=version,
                                            creation_token=data["form_token"], **values)) if goal is None
            else (lambda: services.risultato_update(risultato=goal, by=request.user, version=version, **values)),
            success=_("Risultato atteso salvato."),
            duplicate=_("Il modulo era già stato inviato: il risultato atteso è registrato una volta sola."),
            stale_message_for=_stale_message)
        if call.stale:
            if goal is not None:
                goal.refresh_from_db()
                context["current_goal"] = goal
            return _stale(request, "plans/goal_form.html", context, call.stale)
        if call.finished:
            return _back(family)
    return render(request, "plans/goal_form.html", context, status=422 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def action_add(request: HttpRequest, pk: int, goal_pk: int) -> HttpResponse:
    family = _family_for_write(request, pk)
    plan = selectors.get_current_plan_or_404(family)
    goal = selectors.get_goal_for(plan, goal_pk)
    if (locked := _locked_redirect(request, plan)) is not None:
        return locked
    return _action_form(request, family, plan, goal, action=None)


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    family = _family_for_write(request, pk)
    plan = selectors.get_current_plan_or_404(family)
    action = selectors.get_action_for(plan, action_pk)
    return _action_form(request, family, plan, action.risultato, action=action)


def _action_form(request, family, plan, goal, *, action) -> HttpResponse:
    initial = forms.ActionForm.initial_from(action, plan.version) if action else {"version": plan.version}
    form = forms.ActionForm(request.POST or None, family=family, initial=initial)
    if plan.is_locked:
        # An agreed plan: of an action only its state changes (the rest needs a new version).
        for name, field in form.fields.items():
            if name not in {"stato", "version", "form_token"}:
                field.disabled = True
    context = {"family": family, "plan": plan, "goal": goal, "action": action, "form": form,
               "only_state": plan.is_locked}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        version = data["version"] or 0
        call = run_service(
            request, form,
            (lambda: services.azione_add(risultato=goal, by=request.user, version=version, data=form.to_data(),
                                         creation_token=data["form_token"])) if action is None
            else (lambda: services.azione_update(azione=action, by=request.user, version=version,
                                                 data=form.to_data())),
            success=_("Azione salvata."),
            duplicate=_("Il modulo era già stato inviato: l'azione è registrata una volta sola."),
            stale_message_for=_stale_message)
        if call.stale:
            if action is not None:
                action.refresh_from_db()
                context["current_action"] = action
            return _stale(request, "plans/action_form.html", context, call.stale)
        if call.finished:
            return _back(family)
    return render(request, "plans/action_form.html", context, status=422 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def agreement_add(request: HttpRequest, pk: int) -> HttpResponse:
    family = _family_for_write(request, pk)
    plan = selectors.get_current_plan_or_404(family)
    form = forms.AgreementForm(request.POST or None, family=family,
                               initial={"version": plan.version, "data": timezone.localdate(),
                                        "esito": "concorda"})
    context = {"family": family, "plan": plan, "form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        call = run_service(
            request, form, lambda: services.accordo_record(
                progetto=plan, by=request.user, version=data["version"] or 0, persona=data["persona"],
                data=data["data"], esito=data["esito"], commento=data["commento"],
                creation_token=data["form_token"]),
            duplicate=_("Il modulo era già stato inviato: l'accordo è registrato una volta sola."),
            stale_message_for=_stale_message)
        if call.stale:
            return _stale(request, "plans/agreement_form.html", context, call.stale)
        if call.done:
            if call.result.esito == call.result.Esito.CONCORDA:
                messages.success(request, _("Accordo registrato: il progetto è concordato con la famiglia."))
            else:
                messages.success(request, _("Registrato: la famiglia chiede delle modifiche al progetto."))
        if call.finished:
            return _back(family)
    return render(request, "plans/agreement_form.html", context, status=422 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def review_add(request: HttpRequest, pk: int) -> HttpResponse:
    family = _family_for_write(request, pk)
    plan = selectors.get_current_plan_or_404(family)
    if plan.stato != ProgettoQuadro.Stato.CONCORDATO:
        messages.info(request, _("Puoi registrare una verifica solo su un progetto concordato con la famiglia."))
        return _back(family)
    goals = list(plan.risultati.order_by("pk"))
    labels = selectors.sottodimensione_labels()
    for goal in goals:
        goal.label = labels.get(goal.sottodimensione, goal.sottodimensione)
    form = forms.ReviewForm(request.POST or None, goals=goals,
                            initial={"version": plan.version, "data": timezone.localdate()})
    context = {"family": family, "plan": plan, "form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        call = run_service(
            request, form, lambda: services.verifica_record(
                progetto=plan, by=request.user, version=data["version"] or 0, momento=data["momento"],
                data=data["data"], note=data["note"], esiti=form.outcomes(), creation_token=data["form_token"]),
            success=_("Verifica registrata. Se serve, avvia una nuova versione del progetto con la famiglia."),
            duplicate=_("Il modulo era già stato inviato: la verifica è registrata una volta sola."),
            stale_message_for=_stale_message)
        if call.stale:
            return _stale(request, "plans/review_form.html", context, call.stale)
        if call.finished:
            return _back(family)
    return render(request, "plans/review_form.html", context, status=422 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def plan_replan(request: HttpRequest, pk: int) -> HttpResponse:
    family = _family_for_write(request, pk)
    plan = selectors.get_current_plan_or_404(family)
    form = forms.ReplanForm(request.POST or None, initial={"version": plan.version})
    view = selectors.plan_view(request.user, family, plan)
    context = {"family": family, "plan": plan, "form": form, "view": view}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        call = run_service(
            request, form, lambda: services.progetto_nuova_versione(
                progetto=plan, by=request.user, version=data["version"] or 0, creation_token=data["form_token"]),
            duplicate=_("Il modulo era già stato inviato: la nuova versione è stata creata una volta sola."),
            stale_message_for=_stale_message)
        if call.stale:
            return _stale(request, "plans/replan_form.html", context, call.stale)
        if call.done:
            messages.success(request, _("Nuova versione %(n)s del progetto avviata: rivedila con la famiglia e "
                                        "registra di nuovo il suo accordo.") % {"n": call.result.numero})
        if call.finished:
            return _back(family)
    return render(request, "plans/replan_form.html", context, status=422 if form.errors else 200)


@login_required
def plan_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk)
    numero = request.GET.get("versione")
    plan = (selectors.get_plan_for(family, int(numero)) if numero and numero.isdigit()
            else selectors.get_current_plan_or_404(family))
    view = selectors.plan_view(request.user, family, plan)
    pdf = render_plan_pdf(family=family, view=view)
    log_view(user=request.user, obj=plan, reason=_("Stampa del Progetto Quadro (PDF)"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="progetto-quadro-{family.codice}-v{plan.numero}.pdf"'
    return response


# --- The family's version of goals and actions

def _family_for_translation(request: HttpRequest, pk: int) -> tuple[Family, ProgettoQuadro]:
    family = get_family_for(request.user, pk)
    if not policies.can_translate_plan(request.user, family):
        raise PermissionDenied(_("Solo il case manager, il Referente Territoriale e gli operatori dell'équipe della "
                                 "famiglia possono scrivere la versione della famiglia del progetto."))
    return family, selectors.get_current_plan_or_404(family)


@login_required
@require_http_methods(["GET", "POST"])
def goal_translation(request: HttpRequest, pk: int, goal_pk: int) -> HttpResponse:
    family, plan = _family_for_translation(request, pk)
    return _translation_form(request, family, plan, selectors.get_goal_for(plan, goal_pk))


@login_required
@require_http_methods(["GET", "POST"])
def action_translation(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    family, plan = _family_for_translation(request, pk)
    return _translation_form(request, family, plan, selectors.get_action_for(plan, action_pk))


def _translation_form(request: HttpRequest, family: Family, plan: ProgettoQuadro,
                      item: RisultatoAtteso | Azione) -> HttpResponse:
    codes = {code for code, _name in TRANSLATION_LANGUAGES}
    lingua = request.POST.get("lingua") or request.GET.get("lingua", "")
    existing = selectors.translation_of(item, lingua) if lingua in codes else None
    form = forms.TranslationForm(request.POST or None,
                                 initial=forms.TranslationForm.initial_from(item, lingua, existing))
    log_view(user=request.user, obj=plan, reason=_("Versione della famiglia del Progetto Quadro"))
    context = {"family": family, "plan": plan, "item": item, "is_goal": isinstance(item, RisultatoAtteso),
               "existing": existing, "form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        call = run_service(
            request, form, lambda: services.translation_save(
                item=item, lingua=data["lingua"], testo=data["testo"], by=request.user, version=data["version"] or 0,
                italiano_visto=data["italiano"], mediatore=data["mediatore"], creation_token=data["form_token"]),
            success=_("Versione della famiglia salvata: la famiglia la legge nel portale, accanto all'italiano."),
            duplicate=_("Il modulo era già stato inviato: la traduzione è registrata una volta sola."),
            stale_message=_("Nel frattempo qualcun altro ha salvato una traduzione in questa lingua. Il tuo testo è "
                            "qui sotto: confrontalo con quello attuale e salva di nuovo."))
        if call.stale:
            context["existing"] = call.stale.current
            return render(request, "plans/translation_form.html", context, status=409)
        if call.finished:
            return redirect(f"{_plan_url(family)}#{'goal' if context['is_goal'] else 'action'}-{item.pk}")
        _take_current_italian(form, item)
    return render(request, "plans/translation_form.html", context, status=422 if form.errors else 200)


def _plan_url(family: Family) -> str:
    return reverse("plan_detail", kwargs={"pk": family.pk})


def _take_current_italian(form: forms.TranslationForm, item: RisultatoAtteso | Azione) -> None:
    """After a refusal, the form shows the Italian as it is now and the next save is checked against it."""
    item.refresh_from_db(fields=["descrizione"])
    form.data = form.data.copy()
    form.data["italiano"] = item.descrizione


@login_required
@require_http_methods(["POST"])
def translation_confirm(request: HttpRequest, pk: int, translation_pk: int) -> HttpResponse:
    family, plan = _family_for_translation(request, pk)
    translation = selectors.get_translation_for(plan, translation_pk)
    anchor = f"goal-{translation.risultato_id}" if translation.risultato_id else f"action-{translation.azione_id}"
    version = request.POST.get("version", "")
    if not version.isdigit():
        messages.error(request, _("La pagina era incompleta: ricaricala e conferma di nuovo."))
        return redirect(f"{_plan_url(family)}#{anchor}")
    try:
        run_action(request, lambda: services.translation_confirm(
            traduzione=translation, by=request.user, version=int(version),
            italiano_visto=request.POST.get("italiano")),
            success=_("Confermato: la traduzione corrisponde al testo italiano attuale."))
    except StaleEdit:
        messages.error(request, _("Nel frattempo qualcun altro ha cambiato questa traduzione: rileggila e conferma "
                                  "di nuovo."))
    return redirect(f"{_plan_url(family)}#{anchor}")
