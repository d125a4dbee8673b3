"""The school partnership pages of a family. Glue only: the family through families.selectors."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from audit.services import log_view
from common.views import run_service
from families.models import Family
from families.policies import can_see_case_notes
from families.selectors import get_family_for

from . import forms, policies, selectors, services


def _to_page(family: Family) -> HttpResponse:
    return redirect("scuola_family", pk=family.pk)


@login_required
def school_page(request: HttpRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk)
    log_view(user=request.user, obj=family, reason=_("Partenariato con la scuola"))
    return render(request, "scuola/family.html", {
        "family": family, "frequenze": selectors.frequenze_of(family), "meetings": selectors.meetings_of(family),
        "can_edit": policies.can_edit_school(request.user, family),
        "can_record": policies.can_record_meeting(request.user, family),
        "can_see_notes": can_see_case_notes(request.user, family),
        "is_rt": policies.is_rt_of(request.user, family),
    })


@login_required
@require_http_methods(["GET", "POST"])
def frequenza_edit(request: HttpRequest, pk: int, frequenza_pk: int | None = None) -> HttpResponse:
    family = get_family_for(request.user, pk)
    frequenza = get_object_or_404(family.frequenze, pk=frequenza_pk) if frequenza_pk else None
    policies.require_edit_school(request.user, family)
    initial = None
    if frequenza is not None:
        initial = {"person": frequenza.person, "scuola": frequenza.scuola, "anno_scolastico": frequenza.anno_scolastico,
                   "classe": frequenza.classe, "insegnante": frequenza.insegnante,
                   "insegnante_nome": frequenza.insegnante_nome, "version": frequenza.version}
    form = forms.FrequenzaForm(request.POST or None, initial=initial, children=selectors.children_of(family),
                               schools=selectors.schools_of(family), teachers=selectors.teachers_of(family))
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        call = run_service(
            request, form, lambda: services.frequenza_save(
                family=family, by=request.user, person=data["person"], scuola=data["scuola"],
                anno_scolastico=data["anno_scolastico"], classe=data["classe"], insegnante=data["insegnante"],
                insegnante_nome=data["insegnante_nome"], add_teacher_to_equipe=data["add_teacher_to_equipe"],
                frequenza=frequenza, version=data["version"]),
            success=_("Scuola salvata."))
        if call.finished:
            return _to_page(family)
        status = call.status
    return render(request, "scuola/frequenza_form.html",
                  {"form": form, "family": family, "frequenza": frequenza}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_add(request: HttpRequest, pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk)
    policies.require_record_meeting(request.user, family)
    form = forms.IncontroScuolaForm(request.POST or None, schools=selectors.schools_of(family))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        call = run_service(
            request, form, lambda: services.incontro_scuola_create(
                family=family, by=request.user, scuola=data["scuola"], data=data["data"],
                ora_inizio=data["ora_inizio"], ora_fine=data["ora_fine"], tema=data["tema"],
                partecipanti=data["partecipanti"], esito=data["esito"], prossimi_passi=data["prossimi_passi"],
                creation_token=data["form_token"]),
            success=_("Incontro con la scuola registrato."),
            duplicate=_("Il modulo era già stato inviato: l'incontro è registrato una volta sola."))
        if call.finished:
            return _to_page(family)
    return render(request, "scuola/meeting_form.html", {"form": form, "family": family})


@login_required
@require_http_methods(["GET", "POST"])
def meeting_outcome(request: HttpRequest, pk: int, meeting_pk: int) -> HttpResponse:
    family = get_family_for(request.user, pk)
    meeting = get_object_or_404(family.incontri_scuola.select_related("scuola"), pk=meeting_pk)
    policies.require_record_meeting(request.user, family)
    form = forms.EsitoForm(request.POST or None, initial={
        "esito": meeting.esito, "prossimi_passi": meeting.prossimi_passi, "version": meeting.version})
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        call = run_service(
            request, form, lambda: services.incontro_scuola_esito(
                incontro=meeting, by=request.user, version=data["version"], esito=data["esito"],
                prossimi_passi=data["prossimi_passi"]),
            success=_("Esito dell'incontro salvato."))
        if call.finished:
            return _to_page(family)
        status = call.status
    return render(request, "scuola/outcome_form.html", {"form": form, "family": family, "meeting": meeting},
                  status=status)
