from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Governance")

    def ready(self) -> None:
        # Imported here, not at the top: the models (of every sub-package) load once the app registry is ready.
        from auditlog.registry import auditlog

        from . import models

        for model in (models.Body, models.BodyMember, models.Meeting, models.Attendance, models.Decision,
                      models.FollowUp, models.Complaint, models.ComplaintStep, models.TrainingEvent,
                      models.TrainingSession, models.TrainingParticipant, models.StaffMember, models.Project,
                      models.ProjectPartner, models.MacroAction, models.ProjectIndicator):
            auditlog.register(model)
