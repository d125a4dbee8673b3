"""The background task: run one ExportJob (django-tasks; `manage.py db_worker` executes it)."""

import logging
from pathlib import Path

from django.core.files.base import ContentFile, File
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from .models import ExportJob
from .registry import get_runner

logger = logging.getLogger(__name__)


@task()
def run_export(job_id: int) -> str:
    job = ExportJob.objects.select_related("user").get(pk=job_id)
    if job.stato != ExportJob.Stato.IN_CODA:
        return job.stato  # already run (a retried task): nothing to do twice
    ExportJob.objects.filter(pk=job.pk).update(stato=ExportJob.Stato.IN_CORSO, started_at=timezone.now())

    def progress(percent: int) -> None:
        ExportJob.objects.filter(pk=job.pk).update(progresso=max(0, min(100, int(percent))))

    try:
        filename, content_type, data = get_runner(job.kind)(job=job, progress=progress)
    except Exception:
        logger.exception("export %s failed", job.pk)
        ExportJob.objects.filter(pk=job.pk).update(
            stato=ExportJob.Stato.ERRORE, finished_at=timezone.now(),
            errore=_("L'esportazione non è riuscita: riprova; se succede ancora, avvisa l'assistenza."))
        return ExportJob.Stato.ERRORE
    job.refresh_from_db()
    if isinstance(data, Path):
        # A streamed export: written to a temporary file by the exporter, copied to storage in chunks.
        try:
            with data.open("rb") as handle:
                job.file.save(filename, File(handle), save=False)
        finally:
            data.unlink(missing_ok=True)
    else:
        job.file.save(filename, ContentFile(data), save=False)
    job.filename, job.content_type = filename, content_type
    job.stato, job.progresso, job.finished_at = ExportJob.Stato.PRONTA, 100, timezone.now()
    job.save(update_fields=["file", "filename", "content_type", "stato", "progresso", "finished_at"])
    return job.stato
