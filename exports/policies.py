"""Who may have an export: its requester only. Whether a user may ask for one is the exporting app's rule,
checked before `services.export_request` and again when the exporter runs."""

from accounts.models import User

from .models import ExportJob


def owns_export(user: User, job: ExportJob) -> bool:
    """A user's exports are theirs only: nobody else downloads them, not even the RT."""
    return job.user_id == user.pk
