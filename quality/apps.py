from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityConfig(AppConfig):
    name = "quality"
    verbose_name = _("Qualità")

    def ready(self) -> None:
        # Models and the modules that use them can be imported only once the app registry is ready.
        from auditlog.registry import auditlog  # noqa: PLC0415

        from .models import Survey  # noqa: PLC0415

        auditlog.register(Survey)
