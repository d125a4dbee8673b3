from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VicinanzaConfig(AppConfig):
    name = "vicinanza"
    verbose_name = _("Vicinanza solidale")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import Abbinamento, AttivitaVicinanza, Sostenitore

        auditlog.register(Sostenitore, exclude_fields=["creation_token"])
        auditlog.register(Abbinamento, exclude_fields=["creation_token"])
        auditlog.register(AttivitaVicinanza, exclude_fields=["creation_token"])
