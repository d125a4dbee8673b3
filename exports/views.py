from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from audit.services import log_view

from . import selectors


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    jobs = list(selectors.jobs_of(request.user)[:30])
    template = "exports/_jobs.html" if request.headers.get("HX-Request") else "exports/job_list.html"
    return render(request, template, {"jobs": jobs, "pending": any(j.pending for j in jobs)})


@login_required
def job_download(request: HttpRequest, pk: int) -> FileResponse:
    job = selectors.get_job_for(request.user, pk)
    if job.stato != job.Stato.PRONTA or not job.file:
        raise Http404(_("L'esportazione non è ancora pronta."))
    log_view(user=request.user, obj=job, reason=_("Scaricamento di un'esportazione"))
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.filename,
                        content_type=job.content_type or "application/octet-stream")
