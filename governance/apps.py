from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Governance")

    def ready(self) -> None:
        # Models and the modules that use them can be imported only once the app registry is ready.
        from auditlog.registry import auditlog  # noqa: PLC0415

        from . import dashboard, models  # noqa: PLC0415

        for model in (models.Body, models.BodyMember, models.Meeting, models.Attendance, models.Decision,
                      models.FollowUp, models.Complaint, models.ComplaintStep, models.TrainingEvent,
                      models.TrainingSession, models.TrainingParticipant, models.StaffMember, models.Project,
                      models.ProjectPartner, models.MacroAction, models.ProjectIndicator):
            auditlog.register(model)
        dashboard.register()
