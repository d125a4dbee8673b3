from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Progetto Quadro")

    def ready(self) -> None:
        # Models and the modules that use them can be imported only once the app registry is ready.
        from auditlog.registry import auditlog  # noqa: PLC0415

        from . import dashboard, panels, path_rules  # noqa: PLC0415
        from .models import (  # noqa: PLC0415
            Accordo,
            Azione,
            EsitoVerifica,
            ProgettoQuadro,
            RisultatoAtteso,
            Traduzione,
            Verifica,
        )

        auditlog.register(ProgettoQuadro, exclude_fields=["version", "creation_token", "updated_at"])
        auditlog.register(RisultatoAtteso, exclude_fields=["creation_token"])
        auditlog.register(Azione, exclude_fields=["creation_token"])
        auditlog.register(Verifica, exclude_fields=["creation_token"])
        auditlog.register(EsitoVerifica)
        auditlog.register(Accordo, exclude_fields=["creation_token"])
        auditlog.register(Traduzione, exclude_fields=["version", "creation_token"])
        path_rules.register()
        panels.register()
        dashboard.register()
