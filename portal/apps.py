from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portale della famiglia")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import Invitation, Message, PlanSummary, PortalProfile

        auditlog.register(Invitation, exclude_fields=["token_hash"])
        auditlog.register(Message)
        auditlog.register(PlanSummary)
        auditlog.register(PortalProfile)
