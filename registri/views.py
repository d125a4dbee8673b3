from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from audit.services import log_view
from common.tabular import XLSX_CONTENT_TYPE
from common.views import run_service

from . import forms, policies, selectors, services
from .fields import FIELD_BY_CODE
from .models import Importazione
from .template_xlsx import template_bytes


def _require_importer(request: HttpRequest) -> None:
    if not policies.can_import_any(request.user):
        raise PermissionDenied(_("Importano i registri il Referente Territoriale o un case manager per la sua "
                                 "équipe."))


@login_required
@require_http_methods(["GET", "POST"])
def import_list(request: HttpRequest) -> HttpResponse:
    _require_importer(request)
    kwargs = {"ambiti": selectors.ambiti_for_import(request.user), "comuni": selectors.comuni_for_import(request.user),
              "equipe": selectors.equipe_for_import(request.user)}
    form = forms.UploadForm(request.POST or None, request.FILES or None, **kwargs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        call = run_service(request, form, lambda: services.import_upload(
            by=request.user, ambito=data["ambito"], file=data["file"], comune=data["comune"], equipe=data["equipe"]))
        if call.finished:
            return redirect("import_mapping", pk=call.record.pk)
    imports = list(selectors.imports_visible_to(request.user)[:20])
    return render(request, "registri/import_list.html", {"form": form, "imports": imports})


@login_required
def import_template(request: HttpRequest) -> HttpResponse:
    _require_importer(request)
    response = HttpResponse(template_bytes(),
                            content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="modello-registro-trama.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_mapping(request: HttpRequest, pk: int) -> HttpResponse:
    importazione = selectors.get_import_for(request.user, pk)
    if importazione.stato not in (Importazione.Stato.CARICATA, Importazione.Stato.ANTEPRIMA):
        return redirect("import_detail", pk=pk)
    form = forms.MappingForm(request.POST or None, headers=importazione.intestazioni, mapping=importazione.mappatura)
    if request.method == "POST" and form.is_valid():
        call = run_service(request, form, lambda: services.import_set_mapping(
            importazione=importazione, by=request.user, mappatura=form.mapping(), salva=form.cleaned_data["salva"]),
            success=_("Colonne collegate: Trama controlla il file."))
        if call.finished:
            return redirect("import_detail", pk=pk)
    return render(request, "registri/import_mapping.html", {"form": form, "importazione": importazione})


@login_required
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    importazione = selectors.get_import_for(request.user, pk)
    log_view(user=request.user, obj=importazione, ambito_id=importazione.ambito_id,
             reason=_("Anteprima di un registro da importare"))
    preview = importazione.anteprima or {}
    context = {
        "importazione": importazione, "preview": preview, "form": forms.ConfirmForm(),
        "mapped": [(h, FIELD_BY_CODE[c].label) for h, c in zip(importazione.intestazioni, importazione.mappatura,
                                                                strict=False) if c and h],
        "families": preview.get("families", [])[:300], "problems": preview.get("problems", [])[:500],
    }
    template = "registri/_status.html" if request.headers.get("HX-Request") else "registri/import_detail.html"
    return render(request, template, context)


@login_required
@require_POST
def import_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    importazione = selectors.get_import_for(request.user, pk)
    form = forms.ConfirmForm(request.POST)
    form.is_valid()
    call = run_service(request, form, lambda: services.import_confirm(
        importazione=importazione, by=request.user, senza_errori=form.cleaned_data.get("senza_errori", False)),
        success=_("Importazione avviata: puoi seguire l'avanzamento qui."))
    if not call.finished:
        for error in form.errors.values():
            for message in error:
                messages.error(request, message)
    return redirect("import_detail", pk=pk)
