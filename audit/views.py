from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .forms import AuditFilterForm
from .selectors import audit_entries_for


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = audit_entries_for(request.user, **{k: v for k, v in filters.items() if v not in (None, "")})
    page = Paginator(entries, per_page=50).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(request, "audit/audit_log.html", {"form": form, "page": page, "query": query.urlencode()})
