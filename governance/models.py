"""The governance app's models, defined in its sub-packages and imported here so that Django finds them."""

from .bodies.models import Attendance, Body, BodyMember, Decision, FollowUp, Meeting
from .complaints.models import Complaint, ComplaintStep
from .projects.models import MacroAction, Project, ProjectIndicator, ProjectPartner
from .training.models import StaffMember, TrainingEvent, TrainingParticipant, TrainingSession, cv_upload_path

__all__ = [
    "Attendance", "Body", "BodyMember", "Decision", "FollowUp", "Meeting",
    "Complaint", "ComplaintStep",
    "MacroAction", "Project", "ProjectIndicator", "ProjectPartner",
    "StaffMember", "TrainingEvent", "TrainingParticipant", "TrainingSession",
    "cv_upload_path",  # the staff's upload path, as migration 0003 names it: governance.models.cv_upload_path
]
