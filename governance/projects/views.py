from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from common.pdf import pdf_response
from common.views import run_service
from organisation.selectors import letterhead_for

from . import good_practice, policies, selectors, services
from .forms import IndicatorForm, MacroForm, PartnerForm, ProjectForm, good_practice_form


@login_required
@require_http_methods(["GET", "POST"])
def project_list(request: HttpRequest) -> HttpResponse:
    policies.require_reader(request.user)
    form = ProjectForm(request.POST or None)
    if request.method == "POST":
        ambito = selectors.get_ambito_for_new_project(request.user)
        if form.is_valid():
            call = run_service(request, form, lambda: services.project_create(ambito=ambito, by=request.user,
                                                                             **form.cleaned_data))
            if call.done:
                return redirect("project_detail", pk=call.record.pk)
    return render(request, "governance/project_list.html", {
        "projects": selectors.projects_for(request.user), "form": form,
        "manage": bool(policies.managed_ambiti(request.user))},
        status=422 if form.errors else 200)


FORMS = {"partner": (PartnerForm, services.partner_add), "macro": (MacroForm, services.macro_add),
         "indicatore": (IndicatorForm, services.indicator_set)}


@login_required
@require_http_methods(["GET", "POST"])
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.get_project_for(request.user, pk)
    manage = policies.can_manage(request.user, project)
    bound = {name: form_class() for name, (form_class, _service) in FORMS.items()}
    status = 200
    if request.method == "POST":
        policies.require_manager(request.user, project)
        action = request.POST.get("azione")
        if action in FORMS:
            form_class, service = FORMS[action]
            bound[action] = form = form_class(request.POST)
            if form.is_valid():
                call = run_service(request, form, lambda: service(project=project, by=request.user,
                                                                  **form.cleaned_data))
                if call.done:
                    return redirect("project_detail", pk=project.pk)
            status = 422
    return render(request, "governance/project_detail.html", {
        "project": project, "manage": manage, "forms": bound, "timeline": selectors.timeline(project),
        "months": range(1, project.months + 1), "partners": project.partner.all(),
        "indicators": project.indicatori.all()}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def good_practice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = selectors.get_project_for(request.user, pk)
    manage = policies.can_manage(request.user, project)
    values = {**good_practice.prefill(project), **project.buona_prassi}
    form = good_practice_form(request.POST or None, initial={**values, "version": project.version})
    status = 200
    if request.method == "POST":
        policies.require_manager(request.user, project, _("Solo il Referente Territoriale compila la Buona Prassi."))
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            call = run_service(
                request, form, lambda: services.good_practice_save(
                    project=project, by=request.user, version=form.cleaned_data["version"], values=data),
                success=_("Buona Prassi salvata."),
                stale_message=_("Nel frattempo qualcun altro ha salvato la Buona Prassi: i tuoi testi sono qui "
                                "sotto, salva di nuovo."))
            if call.done:
                return redirect("good_practice", pk=project.pk)
            status = call.status if call.stale else 422
        else:
            status = 422
    sections = [(s, [form[f.code] for f in good_practice.FIELDS if f.section == s]) for s in good_practice.SECTIONS]
    return render(request, "governance/good_practice.html", {"project": project, "form": form, "sections": sections,
                                                             "manage": manage}, status=status)


@login_required
def good_practice_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in {"pdf", "docx"}:
        raise Http404
    project = selectors.get_project_for(request.user, pk)
    values = {**good_practice.prefill(project), **project.buona_prassi}
    if fmt == "docx":
        response = HttpResponse(good_practice.to_docx(values), content_type=(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
        response["Content-Disposition"] = f'attachment; filename="buona-prassi-{project.pk}.docx"'
        return response
    html = render_to_string("governance/good_practice_pdf.html", {
        "project": project, "sections": [(s, [(f, values.get(f.code, "")) for f in good_practice.FIELDS
                                              if f.section == s]) for s in good_practice.SECTIONS],
        "letterhead": letterhead_for(project.ambito)})
    return pdf_response(html, f"buona-prassi-{project.pk}.pdf")
