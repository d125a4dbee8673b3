from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import AuditFilterForm
from .selectors import audit_entries_for, audit_page, open_alerts_for
from .services import alert_review


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = audit_entries_for(request.user, **{k: v for k, v in filters.items() if v not in (None, "")})
    page = audit_page(entries, before=request.GET.get("prima_di"), after=request.GET.get("dopo_di"))
    query = request.GET.copy()
    for key in ("prima_di", "dopo_di", "pagina"):
        query.pop(key, None)
    # Filters that make no sense (a date in year 1, «dal» after «al») answer 400 with the form's message.
    return render(request, "audit/audit_log.html", {"form": form, "page": page, "query": query.urlencode(),
                                                    "alerts": open_alerts_for(request.user)},
                  status=400 if form.is_bound and form.errors else 200)


@login_required
@require_POST
def alert_reviewed(request: HttpRequest, pk: int) -> HttpResponse:
    alert = open_alerts_for(request.user).filter(pk=pk).first()
    if alert is None:
        raise Http404
    alert_review(alert=alert, by=request.user)
    messages.success(request, _("Avviso segnato come verificato."))
    return redirect("audit_log")
