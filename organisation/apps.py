from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "organisation"
    verbose_name = _("Organizzazione")

    def ready(self) -> None:
        # Models can be imported only once the app registry is ready.
        from auditlog.registry import auditlog  # noqa: PLC0415

        from . import models  # noqa: PLC0415

        for model in (models.Ambito, models.Ente, models.Membership, models.Equipe, models.EquipeMember,
                      models.Implementazione):
            auditlog.register(model)
