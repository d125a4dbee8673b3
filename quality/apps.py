from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityConfig(AppConfig):
    name = "quality"
    verbose_name = _("Qualità")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import Survey

        auditlog.register(Survey)
