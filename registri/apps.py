from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistriConfig(AppConfig):
    name = "registri"
    verbose_name = _("Importazione dei registri")

    def ready(self) -> None:
        from auditlog.registry import auditlog  # noqa: PLC0415 — the app registry is ready only here

        from .models import Importazione, MappaturaRegistro, RiferimentoRegistro  # noqa: PLC0415 — as above

        auditlog.register(Importazione, include_fields=["stato", "comune", "equipe", "mappatura", "utente"])
        auditlog.register(MappaturaRegistro, exclude_fields=["updated_at"])
        auditlog.register(RiferimentoRegistro)
