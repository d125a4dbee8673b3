from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Progetto Quadro")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import Accordo, Azione, EsitoVerifica, ProgettoQuadro, RisultatoAtteso, Verifica

        auditlog.register(ProgettoQuadro, exclude_fields=["version", "creation_token", "updated_at"])
        auditlog.register(RisultatoAtteso, exclude_fields=["creation_token"])
        auditlog.register(Azione, exclude_fields=["creation_token"])
        auditlog.register(Verifica, exclude_fields=["creation_token"])
        auditlog.register(EsitoVerifica)
        auditlog.register(Accordo, exclude_fields=["creation_token"])
