from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from common.views import run_service

from . import policies, selectors, services
from .forms import ComplaintAnswerForm, ComplaintForm, ComplaintStepForm


@login_required
@require_http_methods(["GET", "POST"])
def complaint_list(request: HttpRequest) -> HttpResponse:
    policies.require_handler(request.user)
    form = ComplaintForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        call = run_service(request, form, lambda: services.complaint_register(
            ambito=selectors.get_ambito_for_new_complaint(request.user), by=request.user,
            ricevuto_il=data["ricevuto_il"], canale=data["canale"], categoria=data["categoria"],
            servizio=data["servizio"], descrizione=data["descrizione"], creation_token=data["form_token"]))
        if call.finished:
            complaint = call.record
            messages.success(request, _("%(c)s registrato: risposta entro il %(d)s.")
                             % {"c": complaint, "d": complaint.risposta_entro.strftime("%d/%m/%Y")})
            return redirect("complaint_detail", pk=complaint.pk)
    complaints = selectors.complaints_for(request.user).order_by("-ricevuto_il", "-numero")[:200]
    return render(request, "governance/complaint_list.html", {
        "form": form, "complaints": complaints, "due": selectors.due_soon(request.user), "today": timezone.localdate(),
        "year": timezone.localdate().year}, status=422 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def complaint_detail(request: HttpRequest, pk: int) -> HttpResponse:
    complaint = selectors.get_complaint_for(request.user, pk)
    step = ComplaintStepForm(initial={"data": timezone.localdate()})
    answer = ComplaintAnswerForm(initial={"risposto_il": timezone.localdate()})
    status = 200
    if request.method == "POST":
        if request.POST.get("azione") == "passo":
            step = ComplaintStepForm(request.POST)
            if step.is_valid():
                call = run_service(request, step, lambda: services.complaint_step(
                    complaint=complaint, by=request.user, **step.cleaned_data))
                if call.done:
                    return redirect("complaint_detail", pk=complaint.pk)
        else:
            answer = ComplaintAnswerForm(request.POST)
            if answer.is_valid():
                call = run_service(request, answer, lambda: services.complaint_answer(
                    complaint=complaint, by=request.user, **answer.cleaned_data), success=_("Risposta registrata."))
                if call.done:
                    return redirect("complaint_detail", pk=complaint.pk)
        status = 422
    return render(request, "governance/complaint_detail.html", {
        "complaint": complaint, "steps": complaint.passi.select_related("by"), "step": step, "answer": answer},
        status=status)


@login_required
def complaint_summary(request: HttpRequest) -> HttpResponse:
    try:
        year = int(request.GET.get("anno", timezone.localdate().year))
    except ValueError:
        year = timezone.localdate().year
    if not 2000 <= year <= timezone.localdate().year:
        messages.error(request, _("Scegli un anno tra il 2000 e quello in corso."))
        year = timezone.localdate().year
    return render(request, "governance/complaint_summary.html", {"s": selectors.annual_summary(request.user, year)})
