from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VicinanzaConfig(AppConfig):
    name = "vicinanza"
    verbose_name = _("Vicinanza solidale")

    def ready(self) -> None:
        # Models and the modules that use them can be imported only once the app registry is ready.
        from auditlog.registry import auditlog  # noqa: PLC0415

        from . import interventions_hooks, panels  # noqa: PLC0415
        from .models import Abbinamento, AttivitaVicinanza, Sostenitore  # noqa: PLC0415

        auditlog.register(Sostenitore, exclude_fields=["creation_token"])
        auditlog.register(Abbinamento, exclude_fields=["creation_token"])
        auditlog.register(AttivitaVicinanza, exclude_fields=["creation_token"])
        interventions_hooks.register()
        panels.register()
