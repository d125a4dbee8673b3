from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portale della famiglia")

    def ready(self) -> None:
        # Models and the modules that use them can be imported only once the app registry is ready.
        from auditlog.registry import auditlog  # noqa: PLC0415

        from . import panels  # noqa: PLC0415
        from .models import Invitation, Message, PlanSummary, PortalProfile  # noqa: PLC0415

        auditlog.register(Invitation, exclude_fields=["token_hash"])
        auditlog.register(Message)
        auditlog.register(PlanSummary)
        auditlog.register(PortalProfile)
        panels.register()
