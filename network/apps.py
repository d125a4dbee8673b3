from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("La rete: mappatura, contatti, invii e protocolli")

    def ready(self) -> None:
        # Models and the modules that use them can be imported only once the app registry is ready.
        from auditlog.registry import auditlog  # noqa: PLC0415

        from . import dashboard, models  # noqa: PLC0415

        auditlog.register(models.Service, exclude_fields=["version", "creation_token", "updated_at"])
        auditlog.register(models.Intake, exclude_fields=["version", "creation_token", "updated_at"])
        auditlog.register(models.IntakeNeed)
        auditlog.register(models.IntakeChild)
        auditlog.register(models.Referral, exclude_fields=["version", "creation_token", "updated_at", "stato_dal"])
        auditlog.register(models.ReferralEvent)
        # No m2m_fields for the parties: loaddata (manage.py restore) would log their m2m changes again.
        auditlog.register(models.Protocol, exclude_fields=["version", "creation_token", "updated_at"])
        dashboard.register()
