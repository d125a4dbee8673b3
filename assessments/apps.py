from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Valutazioni e strumenti")

    def ready(self) -> None:
        # Models and the modules that use them can be imported only once the app registry is ready.
        from auditlog.registry import auditlog  # noqa: PLC0415

        from . import dashboard, path_rules  # noqa: PLC0415
        from .models import Answer, Response  # noqa: PLC0415

        auditlog.register(Response, exclude_fields=["version", "updated_at"])
        auditlog.register(Answer)
        post_migrate.connect(_load_shipped, sender=self)
        path_rules.register()
        dashboard.register()


def _load_shipped(sender, **kwargs) -> None:
    """The instruments shipped in assessments/instruments/ are in the database after every migrate."""
    # The services load the models, which this module (read before the app registry) cannot import at its top.
    from .services import instruments_sync_shipped  # noqa: PLC0415

    instruments_sync_shipped()
