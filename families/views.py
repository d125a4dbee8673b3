from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from audit.services import log_list_view, log_view
from common.exceptions import DuplicateSubmission
from common.views import run_action, run_service
from organisation.selectors import (
    ambito_for_new_family,
    ambito_ids_of,
    equipes_assignable_by,
    equipes_visible_to,
)

from . import forms, merging, policies, selectors, services
from .models import Family, Person, Stato
from .path import allowed_targets, transition_problems, transition_warnings
from .sensitivity import SENSITIVE_FAMILY_FIELDS, SENSITIVE_PERSON_FIELDS


@login_required
def family_list(request: HttpRequest) -> HttpResponse:
    policies.require_family_list(request.user)
    ambiti = ambito_ids_of(request.user)
    form = forms.FamilyFilterForm(request.GET or None, ambiti=ambiti)
    form.fields["equipe"].queryset = equipes_visible_to(request.user)
    filters = form.cleaned_data if form.is_valid() else {}
    families = selectors.family_list(
        request.user, q=filters.get("q", ""), stato=filters.get("stato", ""),
        comune=getattr(filters.get("comune"), "pk", None),
        implementazione=getattr(filters.get("implementazione"), "pk", None),
        equipe=getattr(filters.get("equipe"), "pk", None),
    )
    page = Paginator(families, per_page=25).get_page(request.GET.get("pagina"))
    if page.object_list:
        log_list_view(user=request.user, model=Family, object_ids=[f.pk for f in page.object_list],
                      description=_("Elenco delle famiglie"),
                      ambito_id=next(iter(ambiti)) if len(ambiti) == 1 else None)
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {"form": form, "page": page, "query": query.urlencode(),
               "can_create": policies.can_register_families(request.user)}
    template = "families/_family_table.html" if request.htmx else "families/family_list.html"
    return render(request, template, context)


def _without_sensitive(form, *, keep: bool) -> None:
    """Health and judicial notes are neither shown nor taken from who may not see them (families.sensitivity)."""
    if not keep:
        for name in SENSITIVE_FAMILY_FIELDS + SENSITIVE_PERSON_FIELDS:
            form.fields.pop(name, None)


def _person_forms(formset) -> list:
    return list(formset.forms)


@login_required
@require_http_methods(["GET", "POST"])
def family_create(request: HttpRequest) -> HttpResponse:
    ambito = ambito_for_new_family(request.user)
    if ambito is None:
        raise PermissionDenied(_("Il tuo ruolo non prevede la registrazione di nuove famiglie."))
    equipes = equipes_assignable_by(request.user, ambito)
    if request.method == "POST":
        form = forms.FamilyForm(request.POST, ambito=ambito, equipe_queryset=equipes)
        _without_sensitive(form, keep=policies.can_record_sensitive_in(request.user, ambito))
        formset = forms.people_formset(request.POST)
        if form.is_valid() and formset.is_valid():
            data = form.cleaned_data
            call = run_service(
                request, form, lambda: services.family_create(
                    by=request.user, ambito=ambito, nome=data["nome"], comune=data["comune"],
                    equipe=data["equipe"], implementazione=data["implementazione"],
                    servizio_riferimento=data["servizio_riferimento"], ente_segnalante=data["ente_segnalante"],
                    data_segnalazione=data["data_segnalazione"], motivo_segnalazione=data["motivo_segnalazione"],
                    riunificazione=data["riunificazione"], note_giudiziarie=data.get("note_giudiziarie", ""),
                    people=[f.to_data() for f in formset.filled_forms()], creation_token=data["form_token"],
                ),
                success=_("Famiglia «%(nome)s» registrata.") % {"nome": data["nome"]},
                duplicate=_("Il modulo era già stato inviato: la famiglia è registrata una volta sola."),
                person_forms=formset.filled_forms())
            if call.finished:
                return redirect("family_detail", pk=call.record.pk)
    else:
        initial = {}
        if equipes.count() == 1:
            initial["equipe"] = equipes.first()
        form = forms.FamilyForm(ambito=ambito, equipe_queryset=equipes, initial=initial)
        _without_sensitive(form, keep=policies.can_record_sensitive_in(request.user, ambito))
        formset = forms.people_formset()
    return render(request, "families/family_form.html", {"form": form, "formset": formset, "ambito": ambito})


@login_required
def person_row(request: HttpRequest) -> HttpResponse:
    """htmx: one more empty row of the members' table in the new-family form."""
    if ambito_for_new_family(request.user) is None:
        raise PermissionDenied
    try:
        index = max(0, min(int(request.GET.get("index", "0")), 19))
    except ValueError:
        index = 0
    formset = forms.people_formset()
    form = formset.form(prefix=f"persone-{index}", empty_permitted=True, use_required_attribute=False)
    return render(request, "families/_person_row.html", {"pform": form, "number": index + 1})


@login_required
@require_http_methods(["GET", "POST"])
def family_edit(request: HttpRequest, pk: int) -> HttpResponse:
    family = selectors.get_family_for_change(request.user, pk)
    # The current équipe stays selectable even for a user who could not assign it.
    equipes = equipes_assignable_by(request.user, family.ambito, keep=family.equipe_id)
    sensitive = policies.can_see_sensitive(request.user, family)
    fields = [f for f in services.FAMILY_EDITABLE if sensitive or f != "note_giudiziarie"]
    if request.method == "POST":
        form = forms.FamilyForm(request.POST, ambito=family.ambito, equipe_queryset=equipes)
        _without_sensitive(form, keep=sensitive)
        if form.is_valid():
            call = run_service(
                request, form, lambda: services.family_update(
                    family=family, by=request.user, version=form.cleaned_data["version"] or 0,
                    **{f: form.cleaned_data[f] for f in fields},
                ),
                success=_("Dati della famiglia salvati."),
                stale_message=_("Nel frattempo qualcun altro ha modificato questa famiglia. I tuoi dati sono "
                                "qui sotto: controlla i valori attuali e salva di nuovo."))
            if call.stale:
                return render(request, "families/family_edit.html",
                              {"form": form, "family": family, "current": call.stale.current}, status=409)
            if call.finished:
                return redirect("family_detail", pk=family.pk)
    else:
        initial = {f: getattr(family, f) for f in fields}
        initial["version"] = family.version
        form = forms.FamilyForm(ambito=family.ambito, equipe_queryset=equipes, initial=initial)
        _without_sensitive(form, keep=sensitive)
    form.fields.pop("form_token")
    return render(request, "families/family_edit.html", {"form": form, "family": family})


@login_required
@require_http_methods(["GET", "POST"])
def family_transition(request: HttpRequest, pk: int) -> HttpResponse:
    family = selectors.get_family_for_transition(request.user, pk)
    targets = allowed_targets(family.stato)
    if not targets:
        messages.info(request, _("Il percorso di questa famiglia è concluso: non ci sono altri passaggi."))
        return redirect("family_detail", pk=family.pk)
    form = forms.TransitionForm(request.POST or None, targets=targets, initial={"expected_state": family.stato})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        call = run_service(request, form, lambda: services.family_transition(
            family=family, by=request.user, target=data["target"], expected_state=data["expected_state"],
            motivazione=data["motivazione"], esito_chiusura=data["esito_chiusura"],
            continuita=data["continuita"], obiettivi_aperti=data["obiettivi_aperti"],
            confermato=data["confermato"],
        ))
        if call.finished:
            moved = call.record
            messages.success(request, _("Percorso aggiornato: ora la famiglia è nello stato «%(stato)s».")
                             % {"stato": moved.get_stato_display()})
            return redirect("family_detail", pk=moved.pk)
    context = {"transition_form": form, "family": family, **transition_context(family, targets, form)}
    return render(request, "families/family_transition.html", context, status=422 if form.errors else 200)


def transition_context(family: Family, targets: tuple[str, ...], form: forms.TransitionForm) -> dict:
    """What the step's page shows beside the form: what closing would leave open and, for a refused step, each
    reason with a link to where it is put right (no dead end)."""
    context: dict = {"closing_only": targets == (Stato.CHIUSA,), "refusals": []}
    target = form.data.get("target") if form.is_bound else (targets[0] if len(targets) == 1 else "")
    if Stato.CHIUSA in targets and (target == Stato.CHIUSA or "confermato" in form.errors):
        context["closing_warnings"] = transition_warnings(family, Stato.CHIUSA)
    if form.non_field_errors():
        texts = {key: form.data.get(key, "") for key in ("esito_chiusura", "motivazione", "continuita")}
        links = {str(problem): problem for problem in
                 (transition_problems(family, target, **texts) if target in targets else [])}
        context["refusals"] = [{"text": message, "url": getattr(links.get(message), "url", ""),
                                "label": getattr(links.get(message), "label", "")}
                               for message in form.non_field_errors()]
    return context


@login_required
@require_http_methods(["GET", "POST"])
def person_add(request: HttpRequest, pk: int) -> HttpResponse:
    family = selectors.get_family_for_change(request.user, pk)
    form = forms.PersonAddForm(request.POST or None)
    _without_sensitive(form, keep=policies.can_see_sensitive(request.user, family))
    if request.method == "POST" and form.is_valid():
        call = run_service(request, form, lambda: services.person_add(
            family=family, by=request.user, data=form.to_data(), creation_token=form.cleaned_data["form_token"]),
            success=_("Componente aggiunto."),
            duplicate=_("Il modulo era già stato inviato: il componente è registrato una volta sola."),
            person_forms=[form])
        if call.finished:
            return redirect("family_detail", pk=family.pk)
    return render(request, "families/person_form.html", {"form": form, "family": family})


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, pk: int, person_pk: int) -> HttpResponse:
    family = selectors.get_family_for_change(request.user, pk)
    person = get_object_or_404(family.persone, pk=person_pk)
    form = forms.PersonForm(request.POST or None, initial=forms.PersonForm.initial_from(person))
    _without_sensitive(form, keep=policies.can_see_sensitive(request.user, family))
    if request.method == "POST" and form.is_valid():
        call = run_service(request, form, lambda: services.person_update(
            person=person, by=request.user, version=form.cleaned_data["version"] or 0, data=form.to_data()),
            success=_("Dati di %(nome)s salvati.") % {"nome": person.nome},
            stale_message=_("Nel frattempo qualcun altro ha modificato questa persona. I tuoi dati sono "
                            "qui sotto: controlla i valori attuali e salva di nuovo."),
            person_forms=[form])
        if call.stale:
            return render(request, "families/person_form.html",
                          {"form": form, "family": family, "person": person, "current": call.stale.current},
                          status=409)
        if call.finished:
            return redirect("family_detail", pk=family.pk)
    return render(request, "families/person_form.html", {"form": form, "family": family, "person": person})


@login_required
@require_http_methods(["GET", "POST"])
def consent_add(request: HttpRequest, pk: int) -> HttpResponse:
    family = selectors.get_family_for_change(request.user, pk)
    form = forms.ConsentForm(request.POST or None, request.FILES or None, family=family)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        call = run_service(request, form, lambda: services.consent_record(
            family=family, by=request.user, person=data["person"], finalita=data["finalita"], data=data["data"],
            documento=data["documento"], note=data["note"], creation_token=data["form_token"]),
            success=_("Consenso registrato."),
            duplicate=_("Il modulo era già stato inviato: il consenso è registrato una volta sola."))
        if call.finished:
            return redirect("family_detail", pk=family.pk)
    return render(request, "families/consent_form.html", {"form": form, "family": family})


@login_required
@require_POST
def consent_revoke(request: HttpRequest, pk: int, consent_pk: int) -> HttpResponse:
    family = selectors.get_family_for_change(request.user, pk)
    consent = get_object_or_404(family.consensi, pk=consent_pk)
    run_action(request, lambda: services.consent_revoke(consent=consent, by=request.user, on=timezone.localdate()),
               success=_("Consenso revocato da oggi."))
    return redirect("family_detail", pk=family.pk)


@login_required
def consent_document(request: HttpRequest, pk: int, consent_pk: int) -> FileResponse:
    family = selectors.get_family_for(request.user, pk)
    consent = get_object_or_404(family.consensi, pk=consent_pk)
    if not consent.documento:
        raise Http404(_("Nessun documento caricato per questo consenso."))
    try:
        handle = consent.documento.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("Il file del documento non è più disponibile.")) from error
    log_view(user=request.user, obj=consent, reason=_("Apertura del documento di consenso"))
    suffix = consent.documento.name.rsplit(".", 1)[-1]
    return FileResponse(handle, as_attachment=True,
                        filename=f"consenso-{family.codice}-{consent.pk}.{suffix}")


# --- Duplicates: the candidate pairs, comparing and merging two records, "non è la stessa persona" ---------

@login_required
def duplicate_list(request: HttpRequest) -> HttpResponse:
    policies.require_review_duplicates(request.user)
    candidates = selectors.duplicate_candidates(request.user)
    page = Paginator(candidates, per_page=50).get_page(request.GET.get("pagina"))
    if page.object_list:
        log_list_view(user=request.user, model=Person,
                      object_ids=[pk for c in page.object_list for pk in (c.a.pk, c.b.pk)],
                      description=_("Elenco dei possibili doppioni"),
                      ambito_id=page.object_list[0].a.ambito_id)
    return render(request, "families/duplicate_list.html", {"page": page, "total": len(candidates), "query": ""})


def _pair_or_where_it_went(request: HttpRequest, a: int, b: int) -> tuple[Person, Person, object] | HttpResponse:
    """The pair; or, when one of them was merged meanwhile (a second click, an old link), the person it became."""
    try:
        return selectors.get_pair_for_merge(request.user, a, b)
    except Http404:
        for pk in (a, b):
            kept = selectors.merged_into(request.user, pk)
            if kept is not None:
                messages.info(request, _("Questa scheda è già stata unita a %(nome)s.") % {"nome": kept})
                return redirect("family_detail", pk=kept.family_id)
        raise


@login_required
@require_http_methods(["GET", "POST"])
def duplicate_merge(request: HttpRequest, a: int, b: int) -> HttpResponse:
    pair = _pair_or_where_it_went(request, a, b)
    if isinstance(pair, HttpResponse):
        return pair
    person_a, person_b, evidence = pair
    fields = merging.MERGE_FIELDS if policies.can_see_sensitive(request.user, person_a.family) and \
        policies.can_see_sensitive(request.user, person_b.family) else \
        tuple(f for f in merging.MERGE_FIELDS if f not in SENSITIVE_PERSON_FIELDS)
    form = forms.MergeForm(request.POST if request.method == "POST" else None, a=person_a, b=person_b, fields=fields)
    status, stale = 200, False
    if request.method == "POST" and form.is_valid():
        kept, merged = form.kept_and_merged()
        kept_version, merged_version = form.versions()
        call = run_service(request, form, lambda: merging.merge_persons(
            kept=kept, merged=merged, by=request.user, kept_version=kept_version, merged_version=merged_version,
            from_merged=form.from_merged(), merge_families=form.cleaned_data.get("unisci_famiglie", False),
            evidence=getattr(evidence, "reason", "")),
            success=_("Schede unite: %(nome)s ha ora una scheda sola.") % {"nome": kept},
            duplicate=_("Le due schede erano già state unite."))
        if call.finished:
            return redirect("family_detail", pk=kept.family_id)
        if call.stale:
            # Someone changed one of the two meanwhile: show both as they are now, to choose again.
            person_a, person_b, evidence = selectors.get_pair_for_merge(request.user, a, b)
            form = forms.MergeForm(a=person_a, b=person_b, fields=fields)
            stale = True
            status = 409
    for person in (person_a, person_b):
        log_view(user=request.user, obj=person, reason=_("Confronto di possibili doppioni"))
    context = {"form": form, "a": person_a, "b": person_b, "evidence": evidence, "stale": stale,
               "problems": merging.merge_problems(kept=person_a, merged=person_b)}
    return render(request, "families/duplicate_merge.html", context, status=status)


@login_required
@require_POST
def duplicate_dismiss(request: HttpRequest, a: int, b: int) -> HttpResponse:
    person_a, person_b, _evidence = selectors.get_pair_for_merge(request.user, a, b)
    try:
        run_action(request, lambda: merging.dismiss_pair(a=person_a, b=person_b, by=request.user),
                   success=_("Segnato: %(a)s e %(b)s non sono la stessa persona, la coppia non verrà più proposta.")
                   % {"a": person_a, "b": person_b})
    except DuplicateSubmission:
        messages.info(request, _("La coppia era già segnata come persone diverse."))
    return redirect("duplicate_list")
