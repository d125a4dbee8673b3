from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FamiliesConfig(AppConfig):
    name = "families"
    verbose_name = _("Famiglie")

    def ready(self) -> None:
        # Models and the modules that use them can be imported only once the app registry is ready.
        from auditlog.registry import auditlog  # noqa: PLC0415

        from . import dashboard  # noqa: PLC0415
        from .models import Consent, DismissedPair, Family, PathEvent, Person, PersonMerge  # noqa: PLC0415

        # Health and judicial notes: the log says they changed, never what they say (families.sensitivity).
        auditlog.register(Family, exclude_fields=["version", "creation_token", "updated_at", "stato_dal"],
                          mask_fields=["note_giudiziarie"], mask_callable="families.sensitivity.audit_mask")
        auditlog.register(Person, exclude_fields=["version", "creation_token", "updated_at"],
                          mask_fields=["note_sanitarie"], mask_callable="families.sensitivity.audit_mask")
        auditlog.register(Consent, exclude_fields=["creation_token"])
        auditlog.register(PathEvent)
        auditlog.register(DismissedPair)
        auditlog.register(PersonMerge)
        dashboard.register()
