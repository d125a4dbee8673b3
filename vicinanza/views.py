"""Vicinanza solidale pages. Glue only: scoped reads in selectors, writes in services."""

from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from audit.services import log_list_view, log_view
from common.views import run_service
from families.selectors import get_family_for

from . import forms, policies, selectors, services
from .models import Abbinamento, Sostenitore

# --- Register

@login_required
def register_list(request: HttpRequest) -> HttpResponse:
    policies.require_register(request.user)
    q, stato, aiuto = (request.GET.get(k, "") for k in ("q", "stato", "aiuto"))
    rows = list(selectors.register(request.user, q=q, stato=stato, aiuto=aiuto)[:300])
    log_list_view(user=request.user, model=Sostenitore, object_ids=[s.pk for s in rows],
                  description=_("Registro della vicinanza solidale"))
    return render(request, "vicinanza/register.html", {
        "rows": rows, "q": q, "stato": stato, "aiuto": aiuto, "stati": Sostenitore.Stato.choices,
        "aiuti": forms.Aiuto.choices})


def _sostenitore_form(request: HttpRequest, *, initial: dict | None = None) -> forms.SostenitoreForm:
    ambiti = selectors.register_ambiti_of(request.user)
    ambito_ids = list(ambiti.values_list("pk", flat=True))
    return forms.SostenitoreForm(
        request.POST or None, initial=initial, ambiti=ambiti, comuni=selectors.comuni_of(ambito_ids),
        enti=selectors.enti_of(ambito_ids), volunteers=selectors.volunteers_of(ambito_ids),
        families=selectors.full_view_families(request.user).filter(ambito_id__in=ambito_ids).order_by("codice"))


def _data(cleaned) -> services.SostenitoreData:
    return services.SostenitoreData(**{k: cleaned[k] for k in (
        "tipo", "nome", "comune", "referente", "telefono", "email", "lingue", "ente", "user", "colloquio_il",
        "controlli_il", "consenso_il", "stato", "famiglia_origine", "note")},
        aiuti=tuple(cleaned["aiuti"]), disponibilita=tuple(cleaned["disponibilita"]))


@login_required
@require_http_methods(["GET", "POST"])
def sostenitore_create(request: HttpRequest) -> HttpResponse:
    policies.require_register(request.user)
    initial = {}
    from_family = request.GET.get("da_famiglia")
    if from_family and from_family.isdigit():
        # A family that was supported becomes a support family: start from its data.
        family = get_family_for(request.user, int(from_family))
        initial = {"famiglia_origine": family.pk, "nome": family.nome, "comune": family.comune_id,
                   "tipo": Sostenitore.Tipo.FAMIGLIA, "ambito": family.ambito_id,
                   "lingue": ", ".join(sorted(selectors.family_languages(family)))}
    form = _sostenitore_form(request, initial=initial)
    if request.method == "POST" and form.is_valid():
        call = run_service(
            request, form, lambda: services.sostenitore_create(
                ambito=form.cleaned_data["ambito"], by=request.user, data=_data(form.cleaned_data),
                creation_token=form.cleaned_data["form_token"]),
            success=_("Scheda salvata nel registro."),
            duplicate=_("Il modulo era già stato inviato: la scheda è registrata una volta sola."))
        if call.finished:
            return redirect("vicinanza_detail", pk=call.record.pk)
    return render(request, "vicinanza/sostenitore_form.html", {"form": form})


@login_required
def sostenitore_detail(request: HttpRequest, pk: int) -> HttpResponse:
    policies.require_register(request.user)
    sostenitore = selectors.get_sostenitore_for(request.user, pk)
    log_view(user=request.user, obj=sostenitore, reason=_("Scheda della vicinanza solidale"))
    visible = set(selectors.full_view_families(request.user).values_list("pk", flat=True))
    pairings = list(sostenitore.abbinamenti.select_related("family").order_by("-created_at"))
    return render(request, "vicinanza/sostenitore_detail.html",
                  {"s": sostenitore, "pairings": pairings, "visible": visible})


@login_required
@require_http_methods(["GET", "POST"])
def sostenitore_edit(request: HttpRequest, pk: int) -> HttpResponse:
    policies.require_register(request.user)
    s = selectors.get_sostenitore_for(request.user, pk)
    initial = {name: getattr(s, name) for name in (
        "tipo", "nome", "referente", "telefono", "email", "lingue", "aiuti", "disponibilita", "colloquio_il",
        "controlli_il", "consenso_il", "stato", "note", "version")}
    initial.update(ambito=s.ambito_id, comune=s.comune_id, ente=s.ente_id, user=s.user_id,
                   famiglia_origine=s.famiglia_origine_id)
    form = _sostenitore_form(request, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        call = run_service(
            request, form, lambda: services.sostenitore_update(
                sostenitore=s, by=request.user, version=form.cleaned_data["version"] or 0,
                data=_data(form.cleaned_data)),
            success=_("Scheda aggiornata."))
        if call.finished:
            return redirect("vicinanza_detail", pk=s.pk)
        status = call.status
    return render(request, "vicinanza/sostenitore_form.html", {"form": form, "s": s}, status=status)


# --- A family's pairings and the matching

@login_required
def family_page(request: HttpRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk)
    policies.require_full_view(request.user, family)
    log_view(user=request.user, obj=family, reason=_("Vicinanza solidale della famiglia"))
    return render(request, "vicinanza/family.html", {
        "family": family, "pairings": selectors.pairings_of_family(family),
        "can_manage": policies.can_manage_pairing(request.user, family),
        "supports": list(family.sostenitori_nati.all()),
        "can_register": policies.can_register_for(request.user, family)})


@login_required
@require_http_methods(["GET", "POST"])
def propose(request: HttpRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk)
    policies.require_propose(request.user, family)
    filters = forms.MatchFilterForm(request.GET or None)
    bisogni = filters.cleaned_data["bisogni"] if filters.is_valid() else []
    disponibilita = filters.cleaned_data["disponibilita"] if filters.is_valid() else []
    form = forms.ProposeForm(request.POST or None, initial={"bisogni": bisogni})
    error = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        sostenitore = selectors.sostenitore_of_ambito(family, data["sostenitore"])
        if sostenitore is None:
            raise Http404(_("Famiglia d'appoggio o volontario non trovato."))
        chosen = data["bisogni"]  # read before a service error on "bisogni" takes it out of cleaned_data
        call = run_service(
            request, form, lambda: services.abbinamento_propose(
                family=family, sostenitore=sostenitore, by=request.user, bisogni=chosen,
                motivazione=data["motivazione"], creation_token=data["form_token"]),
            success=_("Abbinamento proposto a %(nome)s: registra il patto quando è firmato.") % {
                "nome": sostenitore.nome},
            duplicate=_("Il modulo era già stato inviato: l'abbinamento è registrato una volta sola."))
        if call.duplicate is not None:
            return redirect("vicinanza_family", pk=family.pk)
        if call.done:
            return redirect("vicinanza_pairing", pk=call.result.pk)
        # The page shows the service's messages in one line above the suggestions.
        error = " ".join(m for messages in form.errors.values() for m in messages)
        bisogni = chosen
    suggestions = selectors.suggest_matches(family, bisogni=bisogni, disponibilita=disponibilita)
    return render(request, "vicinanza/propose.html", {
        "family": family, "filters": filters, "suggestions": suggestions, "bisogni": bisogni,
        "token": form["form_token"].value() or form.initial.get("form_token"), "error": error},
        status=400 if error else 200)


# --- A pairing

def _pairing_context(request: HttpRequest, pairing: Abbinamento, **extra: Any) -> dict[str, Any]:
    volunteer_view = selectors.is_volunteer_view(request.user, pairing)
    return {"p": pairing, "activities": list(pairing.attivita.select_related("registrata_da")[:200]),
            "volunteer_view": volunteer_view,
            "can_manage": not volunteer_view and policies.can_manage_pairing(request.user, pairing.family),
            "can_log": policies.can_log_activity(request.user, pairing),
            "activity_form": extra.pop("activity_form", None) or forms.ActivityForm(), **extra}


@login_required
def pairing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pairing = selectors.get_abbinamento_for(request.user, pk)
    log_view(user=request.user, obj=pairing, reason=_("Abbinamento di vicinanza solidale"))
    return render(request, "vicinanza/pairing.html", _pairing_context(request, pairing))


def _step(request: HttpRequest, pk: int, *, form_class: type[django_forms.Form], heading: str,
          action: Callable[..., Abbinamento], success: str) -> HttpResponse:
    pairing = selectors.get_abbinamento_for(request.user, pk)
    policies.require_manage_abbinamento(request.user, pairing)
    form = form_class(request.POST or None, initial={"version": pairing.version})
    status = 200
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        call = run_service(request, form, lambda: action(abbinamento=pairing, by=request.user, version=version, **data),
                           success=success)
        if call.finished:
            return redirect("vicinanza_pairing", pk=pairing.pk)
        status = call.status if call.stale else 400
    return render(request, "vicinanza/step.html", {"p": pairing, "form": form, "heading": heading}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def pairing_agree(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, form_class=forms.AgreeForm, heading=_("Registra il patto di vicinanza"),
                 action=services.abbinamento_agree, success=_("Patto registrato: l'abbinamento è attivo."))


@login_required
@require_http_methods(["GET", "POST"])
def pairing_review(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, form_class=forms.ReviewForm, heading=_("Verifica dell'abbinamento"),
                 action=services.abbinamento_review, success=_("Verifica registrata."))


@login_required
@require_http_methods(["GET", "POST"])
def pairing_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(request, pk, form_class=forms.CloseForm, heading=_("Concludi l'abbinamento"),
                 action=services.abbinamento_close, success=_("Abbinamento concluso."))


@login_required
@require_POST
def activity_add(request: HttpRequest, pk: int) -> HttpResponse:
    pairing = selectors.get_abbinamento_for(request.user, pk)
    policies.require_log_activity(request.user, pairing)
    form = forms.ActivityForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        call = run_service(
            request, form, lambda: services.attivita_add(
                abbinamento=pairing, by=request.user, data=data["data"], durata_minuti=data["durata_minuti"],
                tipo=data["tipo"], descrizione=data["descrizione"], creation_token=data["form_token"]),
            success=_("Attività registrata."),
            duplicate=_("Il modulo era già stato inviato: l'attività è registrata una volta sola."))
        if call.finished:
            return redirect("vicinanza_pairing", pk=pairing.pk)
    return render(request, "vicinanza/pairing.html", _pairing_context(request, pairing, activity_form=form),
                  status=400)


@login_required
def my_pairings(request: HttpRequest) -> HttpResponse:
    pairings = selectors.my_pairings(request.user)
    policies.require_my_pairings_page(request.user, bool(pairings))
    log_list_view(user=request.user, model=Abbinamento, object_ids=[p.pk for p in pairings],
                  description=_("I miei abbinamenti di vicinanza solidale"))
    return render(request, "vicinanza/mine.html", {"pairings": pairings})
