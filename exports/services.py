"""Requesting a background export: the job is recorded, then queued once the transaction commits."""

from django.db import transaction

from .models import ExportJob
from .registry import EXPORTERS


def export_request(*, user, kind: str, titolo: str, params: dict, ambito_id: int | None = None) -> ExportJob:
    """Record and queue an export; the caller has already checked that `user` may ask for it."""
    if kind not in EXPORTERS:
        raise ValueError(kind)
    with transaction.atomic():
        job = ExportJob.objects.create(user=user, kind=kind, titolo=titolo, params=params, ambito_id=ambito_id)

        def enqueue():
            from .tasks import run_export

            result = run_export.enqueue(job.pk)
            ExportJob.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])

        transaction.on_commit(enqueue)
    return job
