from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FamiliesConfig(AppConfig):
    name = "families"
    verbose_name = _("Famiglie")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import Consent, Family, PathEvent, Person

        auditlog.register(Family, exclude_fields=["version", "creation_token", "updated_at", "stato_dal"])
        auditlog.register(Person, exclude_fields=["version", "creation_token", "updated_at"])
        auditlog.register(Consent, exclude_fields=["creation_token"])
        auditlog.register(PathEvent)
