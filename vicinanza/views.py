"""Vicinanza solidale pages. Glue only: scoped reads in selectors, writes in services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import User
from audit.services import log_list_view, log_view
from common.exceptions import DuplicateSubmission, StaleEdit
from common.forms import apply_service_errors, keep_input_after_stale_edit
from families.selectors import get_family_for
from organisation.models import Ambito, Ente, Role
from organisation.scope import get_scope

from . import forms, selectors, services
from .models import Abbinamento, Sostenitore


def _require_register(user) -> None:
    if not selectors.can_see_register(user):
        raise PermissionDenied(_("Il registro della vicinanza solidale è per il Referente Territoriale, i case "
                                 "manager e i coordinatori degli enti del Terzo Settore."))


# --- Register

@login_required
def register_list(request: HttpRequest) -> HttpResponse:
    _require_register(request.user)
    q, stato, aiuto = (request.GET.get(k, "") for k in ("q", "stato", "aiuto"))
    rows = list(selectors.register(request.user, q=q, stato=stato, aiuto=aiuto)[:300])
    log_list_view(user=request.user, model=Sostenitore, object_ids=[s.pk for s in rows],
                  description=_("Registro della vicinanza solidale"))
    return render(request, "vicinanza/register.html", {
        "rows": rows, "q": q, "stato": stato, "aiuto": aiuto, "stati": Sostenitore.Stato.choices,
        "aiuti": forms.Aiuto.choices})


def _sostenitore_form(request, *, initial=None):
    ambiti = Ambito.objects.filter(pk__in=selectors.register_ambiti(request.user)).order_by("nome")
    ambito_ids = list(ambiti.values_list("pk", flat=True))
    return forms.SostenitoreForm(
        request.POST or None, initial=initial, ambiti=ambiti,
        comuni=Ente.objects.filter(ambito_id__in=ambito_ids, tipo=Ente.Tipo.COMUNE).order_by("nome"),
        enti=Ente.objects.filter(ambito_id__in=ambito_ids).exclude(tipo=Ente.Tipo.COMUNE).order_by("nome"),
        volunteers=User.objects.filter(memberships__ambito_id__in=ambito_ids, memberships__role=Role.VOLONTARIO,
                                       memberships__active=True).distinct().order_by("last_name", "username"),
        families=selectors.full_view_families(request.user).filter(ambito_id__in=ambito_ids).order_by("codice"))


def _data(cleaned) -> services.SostenitoreData:
    return services.SostenitoreData(**{k: cleaned[k] for k in (
        "tipo", "nome", "comune", "referente", "telefono", "email", "lingue", "ente", "user", "colloquio_il",
        "controlli_il", "consenso_il", "stato", "famiglia_origine", "note")},
        aiuti=tuple(cleaned["aiuti"]), disponibilita=tuple(cleaned["disponibilita"]))


@login_required
@require_http_methods(["GET", "POST"])
def sostenitore_create(request: HttpRequest) -> HttpResponse:
    _require_register(request.user)
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
        try:
            sostenitore = services.sostenitore_create(ambito=form.cleaned_data["ambito"], by=request.user,
                                                      data=_data(form.cleaned_data),
                                                      creation_token=form.cleaned_data["form_token"])
        except DuplicateSubmission as dup:
            messages.info(request, _("Il modulo era già stato inviato: la scheda è registrata una volta sola."))
            return redirect("vicinanza_detail", pk=dup.existing.pk)
        except ValidationError as error:
            apply_service_errors(error, form=form)
        else:
            messages.success(request, _("Scheda salvata nel registro."))
            return redirect("vicinanza_detail", pk=sostenitore.pk)
    return render(request, "vicinanza/sostenitore_form.html", {"form": form})


@login_required
def sostenitore_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_register(request.user)
    sostenitore = selectors.get_sostenitore_for(request.user, pk)
    log_view(user=request.user, obj=sostenitore, reason=_("Scheda della vicinanza solidale"))
    visible = set(selectors.full_view_families(request.user).values_list("pk", flat=True))
    pairings = list(sostenitore.abbinamenti.select_related("family").order_by("-created_at"))
    return render(request, "vicinanza/sostenitore_detail.html",
                  {"s": sostenitore, "pairings": pairings, "visible": visible})


@login_required
@require_http_methods(["GET", "POST"])
def sostenitore_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_register(request.user)
    s = selectors.get_sostenitore_for(request.user, pk)
    initial = {name: getattr(s, name) for name in (
        "tipo", "nome", "referente", "telefono", "email", "lingue", "aiuti", "disponibilita", "colloquio_il",
        "controlli_il", "consenso_il", "stato", "note", "version")}
    initial.update(ambito=s.ambito_id, comune=s.comune_id, ente=s.ente_id, user=s.user_id,
                   famiglia_origine=s.famiglia_origine_id)
    form = _sostenitore_form(request, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.sostenitore_update(sostenitore=s, by=request.user, version=form.cleaned_data["version"] or 0,
                                        data=_data(form.cleaned_data))
        except StaleEdit as stale:
            keep_input_after_stale_edit(form, stale)
            status = 409
        except ValidationError as error:
            apply_service_errors(error, form=form)
        else:
            messages.success(request, _("Scheda aggiornata."))
            return redirect("vicinanza_detail", pk=s.pk)
    return render(request, "vicinanza/sostenitore_form.html", {"form": form, "s": s}, status=status)


# --- A family's pairings and the matching

@login_required
def family_page(request: HttpRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk)
    if not selectors.full_view_families(request.user).filter(pk=family.pk).exists():
        raise PermissionDenied(_("La vicinanza solidale non fa parte della vista riservata agli insegnanti."))
    log_view(user=request.user, obj=family, reason=_("Vicinanza solidale della famiglia"))
    return render(request, "vicinanza/family.html", {
        "family": family, "pairings": selectors.pairings_of_family(family),
        "can_manage": selectors.can_manage_pairing(request.user, family),
        "supports": list(family.sostenitori_nati.all()),
        "can_register": family.ambito_id in selectors.register_ambiti(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def propose(request: HttpRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk)
    if not selectors.can_manage_pairing(request.user, family):
        raise PermissionDenied(_("Propone un abbinamento il case manager dell'équipe o il Referente Territoriale."))
    filters = forms.MatchFilterForm(request.GET or None)
    bisogni = filters.cleaned_data["bisogni"] if filters.is_valid() else []
    disponibilita = filters.cleaned_data["disponibilita"] if filters.is_valid() else []
    form = forms.ProposeForm(request.POST or None, initial={"bisogni": bisogni})
    error = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        sostenitore = Sostenitore.objects.filter(pk=data["sostenitore"], ambito_id=family.ambito_id).first()
        if sostenitore is None:
            raise Http404(_("Famiglia d'appoggio o volontario non trovato."))
        try:
            pairing = services.abbinamento_propose(family=family, sostenitore=sostenitore, by=request.user,
                                                   bisogni=data["bisogni"], motivazione=data["motivazione"],
                                                   creation_token=data["form_token"])
        except DuplicateSubmission:
            messages.info(request, _("Il modulo era già stato inviato: l'abbinamento è registrato una volta sola."))
            return redirect("vicinanza_family", pk=family.pk)
        except ValidationError as exc:
            error = " ".join(m for msgs in exc.message_dict.values() for m in msgs)
            bisogni = data["bisogni"]
        else:
            messages.success(request, _("Abbinamento proposto a %(nome)s: registra il patto quando è firmato.") % {
                "nome": sostenitore.nome})
            return redirect("vicinanza_pairing", pk=pairing.pk)
    suggestions = selectors.suggest_matches(family, bisogni=bisogni, disponibilita=disponibilita)
    return render(request, "vicinanza/propose.html", {
        "family": family, "filters": filters, "suggestions": suggestions, "bisogni": bisogni,
        "token": form["form_token"].value() or form.initial.get("form_token"), "error": error},
        status=400 if error else 200)


# --- A pairing

def _pairing_context(request, pairing, **extra):
    volunteer_view = selectors.is_volunteer_view(request.user, pairing)
    return {"p": pairing, "activities": list(pairing.attivita.select_related("registrata_da")[:200]),
            "volunteer_view": volunteer_view,
            "can_manage": not volunteer_view and selectors.can_manage_pairing(request.user, pairing.family),
            "can_log": selectors.can_log_activity(request.user, pairing),
            "activity_form": extra.pop("activity_form", None) or forms.ActivityForm(), **extra}


@login_required
def pairing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pairing = selectors.get_abbinamento_for(request.user, pk)
    log_view(user=request.user, obj=pairing, reason=_("Abbinamento di vicinanza solidale"))
    return render(request, "vicinanza/pairing.html", _pairing_context(request, pairing))


def _step(request, pk, *, form_class, heading, action, success):
    pairing = selectors.get_abbinamento_for(request.user, pk)
    if selectors.is_volunteer_view(request.user, pairing) or not selectors.can_manage_pairing(request.user,
                                                                                           pairing.family):
        raise PermissionDenied(_("Gestisce l'abbinamento il case manager dell'équipe o il Referente Territoriale."))
    form = form_class(request.POST or None, initial={"version": pairing.version})
    status = 200
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            action(abbinamento=pairing, by=request.user, version=version, **data)
        except StaleEdit as stale:
            keep_input_after_stale_edit(form, stale)
            status = 409
        except ValidationError as error:
            apply_service_errors(error, form=form)
            status = 400
        else:
            messages.success(request, success)
            return redirect("vicinanza_pairing", pk=pairing.pk)
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
    if not selectors.can_log_activity(request.user, pairing):
        raise PermissionDenied(_("Registrano le attività la famiglia d'appoggio o il volontario e l'équipe."))
    form = forms.ActivityForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.attivita_add(abbinamento=pairing, by=request.user, data=data["data"],
                                  durata_minuti=data["durata_minuti"], tipo=data["tipo"],
                                  descrizione=data["descrizione"], creation_token=data["form_token"])
        except DuplicateSubmission:
            messages.info(request, _("Il modulo era già stato inviato: l'attività è registrata una volta sola."))
            return redirect("vicinanza_pairing", pk=pairing.pk)
        except ValidationError as error:
            apply_service_errors(error, form=form)
        else:
            messages.success(request, _("Attività registrata."))
            return redirect("vicinanza_pairing", pk=pairing.pk)
    return render(request, "vicinanza/pairing.html", _pairing_context(request, pairing, activity_form=form),
                  status=400)


@login_required
def my_pairings(request: HttpRequest) -> HttpResponse:
    pairings = selectors.my_pairings(request.user)
    if not pairings and not get_scope(request.user).has_role(Role.VOLONTARIO):
        raise PermissionDenied(_("Questa pagina è per le famiglie d'appoggio e i volontari."))
    log_list_view(user=request.user, model=Abbinamento, object_ids=[p.pk for p in pairings],
                  description=_("I miei abbinamenti di vicinanza solidale"))
    return render(request, "vicinanza/mine.html", {"pairings": pairings})
