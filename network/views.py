from collections.abc import Callable

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from audit.services import log_list_view, log_view
from common.views import run_service

from . import forms, policies, selectors, services
from .models import NEEDS, REFERRAL_TRANSITIONS, Intake, Protocol, Referral
from .services import SERVICE_FIELDS
from .svg import comuni_map


# --- directory -------------------------------------------------------------------------------
@login_required
def service_list(request: HttpRequest) -> HttpResponse:
    ambiti = policies.require_directory(request.user)
    form = forms.ServiceFilterForm(request.GET or None, ambiti=ambiti)
    filters = form.cleaned_data if form.is_valid() else {}
    services_qs = selectors.service_list(request.user, q=filters.get("q", ""), area=filters.get("area", ""),
                                         comune=getattr(filters.get("comune"), "pk", None),
                                         lingua=filters.get("lingua", ""))
    page = Paginator(services_qs, per_page=25).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {"form": form, "page": page, "query": query.urlencode(),
               "can_manage": policies.manages_network_somewhere(request.user)}
    if request.htmx:
        return render(request, "network/_service_table.html", context)
    context["map"] = comuni_map(ambito_ids=ambiti, services=services_qs)
    return render(request, "network/service_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def service_create(request: HttpRequest) -> HttpResponse:
    policies.require_add_services(request.user)
    ambito = selectors.network_ambito_for(request.user)
    form = forms.ServiceForm(request.POST or None, ambito=ambito)
    if request.method == "POST" and form.is_valid():
        call = run_service(
            request, form, lambda: services.service_create(
                by=request.user, ambito=ambito, creation_token=form.cleaned_data["form_token"], **form.values()),
            duplicate="", on_error=lambda error: forms.apply_errors(error, form=form))
        if call.done:
            messages.success(request, _("Servizio «%(nome)s» aggiunto alla mappatura.") % {"nome": call.result.nome})
        if call.finished:
            return redirect("service_detail", pk=call.record.pk)
    return render(request, "network/service_form.html", {"form": form}, status=422 if form.errors else 200)


@login_required
def service_detail(request: HttpRequest, pk: int) -> HttpResponse:
    service = selectors.get_service_for(request.user, pk)
    return render(request, "network/service_detail.html", {
        "service": service, "can_manage": policies.can_manage_network(request.user, service.ambito_id)})


@login_required
@require_http_methods(["GET", "POST"])
def service_edit(request: HttpRequest, pk: int) -> HttpResponse:
    service = selectors.get_service_for_change(request.user, pk)
    status = 200
    if request.method == "POST":
        form = forms.ServiceForm(request.POST, ambito=service.ambito)
        if form.is_valid():
            call = run_service(
                request, form, lambda: services.service_update(
                    service=service, by=request.user, version=form.cleaned_data["version"] or 0, **form.values()),
                success=_("Servizio aggiornato."),
                stale_message=_("Nel frattempo qualcun altro ha modificato questo servizio. I tuoi dati sono qui "
                                "sotto: controlla e salva di nuovo."),
                on_error=lambda error: forms.apply_errors(error, form=form))
            if call.finished:
                return redirect("service_detail", pk=call.record.pk)
            status = call.status
        status = status if status != 200 else 422
    else:
        form = forms.ServiceForm(ambito=service.ambito,
                                 initial={**{f: getattr(service, f) for f in SERVICE_FIELDS}, "version": service.version})
    form.fields.pop("form_token")
    return render(request, "network/service_form.html", {"form": form, "service": service}, status=status)


# --- intakes ---------------------------------------------------------------------------------
@login_required
def intake_list(request: HttpRequest) -> HttpResponse:
    policies.require_intakes(request.user)
    form = forms.IntakeFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    intakes = selectors.intake_list(request.user, q=filters.get("q", ""), stato=filters.get("stato", ""),
                                    bisogno=filters.get("bisogno", ""))
    page = Paginator(intakes, per_page=25).get_page(request.GET.get("pagina"))
    if page.object_list:
        log_list_view(user=request.user, model=Intake, object_ids=[i.pk for i in page.object_list],
                      description=_("Elenco dei contatti della tutor"),
                      ambito_id=selectors.single_ambito_of(request.user))
    query = request.GET.copy()
    query.pop("pagina", None)
    context = {"form": form, "page": page, "query": query.urlencode(),
               "can_create": selectors.network_ambito_for(request.user) is not None}
    template = "network/_intake_table.html" if request.htmx else "network/intake_list.html"
    return render(request, template, context)


def _duplicate_message(request: HttpRequest, duplicate: services.DuplicateIntake) -> str:
    if selectors.intakes_visible_to(request.user).filter(pk=duplicate.existing.pk).exists():
        return format_html('{} <a href="{}">{}</a>', duplicate.messages[0],
                           reverse("intake_detail", args=[duplicate.existing.pk]), _("Apri il contatto esistente."))
    return duplicate.messages[0] + " " + _("Lo segue un'altra tutor: chiedi al Referente Territoriale.")


def _intake_errors(request: HttpRequest, form: forms.IntakeForm,
                   children: list[django_forms.Form]) -> Callable[[ValidationError], None]:
    """An intake's errors: the person's existing intake as a link, the others on the fields and the children's rows."""
    def place(error: ValidationError) -> None:
        if isinstance(error, services.DuplicateIntake):
            form.add_error(None, _duplicate_message(request, error))
        else:
            forms.apply_errors(error, form=form, child_forms=children)
    return place


@login_required
@require_http_methods(["GET", "POST"])
def intake_create(request: HttpRequest) -> HttpResponse:
    policies.require_add_intakes(request.user)
    ambito = selectors.network_ambito_for(request.user)
    form = forms.IntakeForm(request.POST or None, ambito=ambito)
    form.fields.pop("stato")
    formset = forms.children_formset(request.POST or None)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        children = formset.filled_forms()
        call = run_service(
            request, form, lambda: services.intake_create(
                by=request.user, ambito=ambito, data=form.to_data([c.to_data() for c in children]),
                creation_token=form.cleaned_data["form_token"]),
            duplicate=_("Il modulo era già stato inviato: il contatto è registrato una volta sola."),
            on_error=_intake_errors(request, form, children))
        if call.done:
            messages.success(request, _("Contatto con %(nome)s registrato.") % {"nome": str(call.result)})
        if call.finished:
            return redirect("intake_detail", pk=call.record.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "network/intake_form.html", {"form": form, "formset": formset}, status=status)


@login_required
def intake_detail(request: HttpRequest, pk: int) -> HttpResponse:
    intake = selectors.get_intake_for(request.user, pk)
    log_view(user=request.user, obj=intake)
    needs = set(intake.bisogni.values_list("diritto", flat=True))
    referrals = list(intake.invii.select_related("service", "service__comune").order_by("data_invio", "pk"))
    rights = [{"label": d.label, "need": d in needs, "referrals": [r for r in referrals if r.area == d]} for d in NEEDS]
    return render(request, "network/intake_detail.html", {
        "intake": intake, "children": intake.figli.all(), "referrals": referrals, "rights": rights,
        "can_change": policies.can_change_intake(request.user, intake),
    })


@login_required
@require_http_methods(["GET", "POST"])
def intake_edit(request: HttpRequest, pk: int) -> HttpResponse:
    intake = selectors.get_intake_for_change(request.user, pk)
    status = 200
    if request.method == "POST":
        form = forms.IntakeForm(request.POST, ambito=intake.ambito)
        formset = forms.children_formset(request.POST)
        if form.is_valid() and formset.is_valid():
            children = formset.filled_forms()
            call = run_service(
                request, form, lambda: services.intake_update(
                    intake=intake, by=request.user, version=form.cleaned_data["version"] or 0,
                    data=form.to_data([c.to_data() for c in children]), stato=form.cleaned_data["stato"] or None),
                success=_("Contatto aggiornato."),
                stale_message=_("Nel frattempo qualcun altro ha modificato questo contatto. I tuoi dati sono qui "
                                "sotto: controlla e salva di nuovo."),
                on_error=_intake_errors(request, form, children))
            if call.finished:
                return redirect("intake_detail", pk=call.record.pk)
            status = call.status
        status = status if status != 200 else 422
    else:
        form = forms.IntakeForm(ambito=intake.ambito, initial=forms.IntakeForm.initial_from(intake))
        formset = forms.children_formset(initial=[{"nome": c.nome, "sesso": c.sesso, "data_nascita": c.data_nascita}
                                                  for c in intake.figli.all()], extra=2)
    form.fields.pop("form_token")
    return render(request, "network/intake_form.html", {"form": form, "formset": formset, "intake": intake},
                  status=status)


@login_required
@require_http_methods(["GET", "POST"])
def intake_convert(request: HttpRequest, pk: int) -> HttpResponse:
    intake = selectors.get_intake_for_change(request.user, pk)
    if intake.family_id:
        messages.info(request, _("Questo contatto è già diventato una famiglia segnalata."))
        return redirect("family_detail", pk=intake.family_id)
    errors: list[str] = []
    if request.method == "POST":
        # No form on this page: the service's messages are listed above the button.
        call = run_service(
            request, django_forms.Form(), lambda: services.intake_convert(
                intake=intake, by=request.user, motivo=request.POST.get("motivo", "")),
            duplicate="", on_error=lambda error: errors.extend(error.messages))
        if call.done:
            messages.success(request, _("Famiglia «%(nome)s» segnalata: i dati del contatto sono stati riportati.")
                             % {"nome": call.result.nome})
        if call.finished:
            return redirect("family_detail", pk=call.record.pk)
    return render(request, "network/intake_convert.html",
                  {"intake": intake, "children": intake.figli.all(), "errors": errors},
                  status=422 if errors else 200)


# --- referrals -------------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def referral_create(request: HttpRequest, pk: int) -> HttpResponse:
    intake = selectors.get_intake_for_change(request.user, pk)
    offered = selectors.services_visible_to(request.user).filter(ambito=intake.ambito, attivo=True) \
        .select_related("comune").order_by("area", "nome")
    initial = {}
    if request.GET.get("servizio", "").isdigit():
        initial["service"] = int(request.GET["servizio"])
    form = forms.ReferralForm(request.POST or None, service_queryset=offered, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        call = run_service(
            request, form, lambda: services.referral_create(
                intake=intake, by=request.user, service=data["service"], data_invio=data["data_invio"],
                follow_up_il=data["follow_up_il"], motivo=data["motivo"], creation_token=data["form_token"]),
            success=_("Invio registrato."),
            duplicate=_("Il modulo era già stato inviato: l'invio è registrato una volta sola."),
            on_error=lambda error: forms.apply_errors(error, form=form))
        if call.finished:
            return redirect("intake_detail", pk=intake.pk)
    return render(request, "network/referral_form.html", {"form": form, "intake": intake},
                  status=422 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    referral = selectors.get_referral_for(request.user, pk)
    targets = REFERRAL_TRANSITIONS[referral.stato]
    form = forms.ReferralStatusForm(request.POST or None, initial={"expected_state": referral.stato})
    form.fields["target"].widget.choices = [(referral.stato, _("Resta «%(s)s»") % {"s": referral.get_stato_display()})] + [
        (t, Referral.Stato(t).label) for t in targets]
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            call = run_service(
                request, form, lambda: services.referral_update_status(
                    referral=referral, by=request.user, target=data["target"], expected_state=data["expected_state"],
                    nota=data["nota"], follow_up_il=data["follow_up_il"]),
                success=_("Invio aggiornato."), on_error=lambda error: forms.apply_errors(error, form=form))
            if call.finished:
                return redirect("referral_detail", pk=referral.pk)
        status = 422
    log_view(user=request.user, obj=referral)
    return render(request, "network/referral_detail.html", {
        "referral": referral, "form": form, "events": referral.eventi.select_related("by"),
        "receiving_only": selectors.is_receiving_only(request.user, referral),
    }, status=status)


@login_required
def referral_list(request: HttpRequest) -> HttpResponse:
    policies.require_referrals(request.user)
    stato = request.GET.get("stato", "")
    stato = stato if stato in Referral.Stato.values else ""
    referrals = selectors.referral_list(request.user, stato=stato)
    page = Paginator(referrals, per_page=25).get_page(request.GET.get("pagina"))
    if page.object_list:
        log_list_view(user=request.user, model=Referral, object_ids=[r.pk for r in page.object_list],
                      description=_("Elenco degli invii"), ambito_id=selectors.single_ambito_of(request.user))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(request, "network/referral_list.html", {
        "page": page, "stato": stato, "states": Referral.Stato.choices, "query": query.urlencode()})


# --- the tutor's desk and the counts ---------------------------------------------------------
@login_required
def caseload(request: HttpRequest) -> HttpResponse:
    policies.require_caseload(request.user)
    desk = selectors.caseload(request.user)
    shown = [row["intake"].pk for row in desk["rows"]]
    if shown:
        log_list_view(user=request.user, model=Intake, object_ids=shown, description=_("Contatti aperti della tutor"),
                      ambito_id=selectors.single_ambito_of(request.user))
    period = forms.PeriodForm(request.GET or None)
    dal, al = period.period()
    context = {**desk, "period": period, "dal": dal, "al": al,
               "counts": selectors.network_counts(request.user, dal=dal, al=al),
               "expiring": selectors.protocols_expiring_for(request.user)}
    return render(request, "network/caseload.html", context, status=422 if period.errors else 200)


@login_required
def network_counts(request: HttpRequest) -> HttpResponse:
    policies.require_counts(request.user)
    period = forms.PeriodForm(request.GET or None)
    dal, al = period.period()
    counts = selectors.network_counts(request.user, dal=dal, al=al)
    template = "network/_counts.html" if request.htmx else "network/counts.html"
    return render(request, template, {"period": period, "dal": dal, "al": al, "counts": counts},
                  status=422 if period.errors else 200)


# --- protocols -------------------------------------------------------------------------------
@login_required
def protocol_list(request: HttpRequest) -> HttpResponse:
    policies.require_protocols(request.user)
    return render(request, "network/protocol_list.html", {
        "protocols": selectors.protocols_visible_to(request.user).prefetch_related("enti"),
        "expiring": selectors.protocols_expiring_for(request.user),
        "can_manage": selectors.network_ambito_for(request.user) is not None,
    })


@login_required
@require_http_methods(["GET", "POST"])
def protocol_create(request: HttpRequest) -> HttpResponse:
    policies.require_add_protocols(request.user)
    ambito = selectors.network_ambito_for(request.user)
    form = forms.ProtocolForm(request.POST or None, request.FILES or None, ambito=ambito)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        call = run_service(
            request, form, lambda: services.protocol_create(
                by=request.user, ambito=ambito, titolo=data["titolo"], oggetto=data["oggetto"], enti=data["enti"],
                altre_parti=data["altre_parti"], firmato_il=data["firmato_il"], scadenza=data["scadenza"],
                documento=data["documento"], creation_token=data["form_token"]),
            success=_("Protocollo registrato."), duplicate="",
            on_error=lambda error: forms.apply_errors(error, form=form))
        if call.finished:
            return redirect("protocol_detail", pk=call.record.pk)
    return render(request, "network/protocol_form.html", {"form": form}, status=422 if form.errors else 200)


@login_required
def protocol_detail(request: HttpRequest, pk: int) -> HttpResponse:
    protocol = selectors.get_protocol_for(request.user, pk)
    return render(request, "network/protocol_detail.html", {"protocol": protocol, "enti": protocol.enti.all()})


@login_required
def protocol_document(request: HttpRequest, pk: int) -> FileResponse:
    protocol: Protocol = selectors.get_protocol_for(request.user, pk)
    if not protocol.documento:
        raise Http404(_("Nessun documento caricato per questo protocollo."))
    try:
        handle = protocol.documento.open("rb")
    except FileNotFoundError as error:
        raise Http404(_("Il file del documento non è più disponibile.")) from error
    log_view(user=request.user, obj=protocol, reason=_("Apertura del documento del protocollo"))
    suffix = protocol.documento.name.rsplit(".", 1)[-1]
    return FileResponse(handle, as_attachment=True, filename=f"protocollo-{protocol.pk}.{suffix}")
