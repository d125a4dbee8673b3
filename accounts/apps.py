from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Utenti")

    def ready(self) -> None:
        # Models and the modules that use them can be imported only once the app registry is ready.
        from auditlog.registry import auditlog  # noqa: PLC0415
        from django.contrib.auth.signals import user_logged_in  # noqa: PLC0415

        from .middleware import mark_activity  # noqa: PLC0415
        from .models import User  # noqa: PLC0415

        auditlog.register(User, exclude_fields=["password", "last_login"])
        # A new session starts its inactivity clock at login (no extra write on the first page).
        user_logged_in.connect(mark_activity, dispatch_uid="accounts.mark_activity")
