from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterventionsConfig(AppConfig):
    name = "interventions"
    verbose_name = _("Dispositivi e ore")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import (
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

        from .activity import connect

        connect()
