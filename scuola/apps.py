from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScuolaConfig(AppConfig):
    name = "scuola"
    verbose_name = _("Partenariato scuola-famiglia-servizi")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import Frequenza, IncontroScuola

        auditlog.register(Frequenza)
        auditlog.register(IncontroScuola, exclude_fields=["creation_token"])
