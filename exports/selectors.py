from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from .models import ExportJob


def jobs_of(user) -> QuerySet[ExportJob]:
    """A user's own exports only: nobody else downloads them, not even the RT."""
    return ExportJob.objects.filter(user=user)


def get_job_for(user, pk: int) -> ExportJob:
    job = jobs_of(user).filter(pk=pk).first()
    if job is None:
        raise Http404(_("Esportazione non trovata."))
    return job
