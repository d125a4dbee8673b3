from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterventionsConfig(AppConfig):
    name = "interventions"
    verbose_name = _("Dispositivi e ore")

    def ready(self) -> None:
        # Models and the modules that use them can be imported only once the app registry is ready.
        from auditlog.registry import auditlog  # noqa: PLC0415

        from . import activity, dashboard, panels  # noqa: PLC0415
        from .models import (  # noqa: PLC0415
            Assegnazione,
            Budget,
            BudgetLine,
            CalendarToken,
            Gruppo,
            Incontro,
            Intervento,
            Iscrizione,
            Presenza,
        )

        auditlog.register(Assegnazione, exclude_fields=["creation_token"])
        auditlog.register(Intervento, exclude_fields=["creation_token"])
        auditlog.register(Budget)
        auditlog.register(BudgetLine)
        auditlog.register(Gruppo, exclude_fields=["creation_token"])
        auditlog.register(Iscrizione)
        auditlog.register(Incontro)
        auditlog.register(Presenza)
        auditlog.register(CalendarToken, exclude_fields=["token"])

        activity.connect()
        panels.register()
        dashboard.register()
