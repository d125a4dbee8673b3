from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScuolaConfig(AppConfig):
    name = "scuola"
    verbose_name = _("Partenariato scuola-famiglia-servizi")

    def ready(self) -> None:
        # Models and the modules that use them can be imported only once the app registry is ready.
        from auditlog.registry import auditlog  # noqa: PLC0415

        from . import dashboard, interventions_hooks, panels  # noqa: PLC0415
        from .models import Frequenza, IncontroScuola  # noqa: PLC0415

        auditlog.register(Frequenza)
        auditlog.register(IncontroScuola, exclude_fields=["creation_token"])
        interventions_hooks.register()
        panels.register()
        dashboard.register()
