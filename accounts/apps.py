from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Utenti")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .middleware import mark_activity

        # A new session starts its inactivity clock at login (no extra write on the first page).
        user_logged_in.connect(mark_activity, dispatch_uid="accounts.mark_activity")
