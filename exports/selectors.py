from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import User

from .models import ExportJob
from .policies import owns_export


def jobs_of(user: User) -> QuerySet[ExportJob]:
    """A user's own exports only: nobody else downloads them, not even the RT."""
    return ExportJob.objects.filter(user=user)


def get_job_for(user: User, pk: int) -> ExportJob:
    """The user's export `pk`; 404 for anyone else's, as for one that does not exist."""
    job = ExportJob.objects.filter(pk=pk).first()
    if job is None or not owns_export(user, job):
        raise Http404(_("Esportazione non trovata."))
    return job
