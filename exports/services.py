"""Requesting a background export: the job is recorded, then queued once the transaction commits."""

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

from .models import ExportJob
from .registry import EXPORTERS
from .tasks import run_export

STALE_AFTER = timedelta(hours=1)  # far longer than any export takes (the region's report: seconds)


def export_request(*, user: User, kind: str, titolo: str, params: dict[str, Any], ambito_id: int | None = None) -> ExportJob:
    """Record and queue an export; the caller has already checked that `user` may ask for it.

    Asking again for the same export while it is being prepared (a double click, a reload) returns the
    pending job instead of queueing the same work twice. A job pending for longer than STALE_AFTER was lost
    (a worker stopped mid-way): it is marked as failed and the export is queued again, never refused."""
    if kind not in EXPORTERS:
        raise ValueError(kind)
    with transaction.atomic():
        # Serialise a user's requests, so that two simultaneous clicks cannot both miss the pending job.
        User.objects.select_for_update().filter(pk=user.pk).first()
        pending = ExportJob.objects.filter(user=user, kind=kind, stato__in=[ExportJob.Stato.IN_CODA,
                                                                              ExportJob.Stato.IN_CORSO])
        stale_before = timezone.now() - STALE_AFTER
        for job in pending:
            if job.params != params:
                continue
            if job.created_at >= stale_before:
                return job
            ExportJob.objects.filter(pk=job.pk).update(
                stato=ExportJob.Stato.ERRORE, finished_at=timezone.now(),
                errore=_("L'esportazione si è interrotta ed è stata richiesta di nuovo."))
        job = ExportJob.objects.create(user=user, kind=kind, titolo=titolo, params=params, ambito_id=ambito_id)

        def enqueue() -> None:
            result = run_export.enqueue(job.pk)
            ExportJob.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])

        transaction.on_commit(enqueue)
    return job
