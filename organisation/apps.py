from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "organisation"
    verbose_name = _("Organizzazione")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        for model in (models.Ambito, models.Ente, models.Membership, models.Equipe, models.EquipeMember,
                      models.Implementazione):
            auditlog.register(model)
        from accounts.models import User

        auditlog.register(User, exclude_fields=["password", "last_login"])
