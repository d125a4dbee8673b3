"""Session expiry after inactivity, and two-factor authentication before any page."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .policies import needs_two_factor
from .services import has_two_factor

LAST_SEEN = "trama_last_seen"


def mark_activity(sender, request, user, **kwargs) -> None:
    """user_logged_in receiver: the session's last activity is its login."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN] = int(time.time())


class IdleTimeoutMiddleware:
    """Log out a session that made no request for TRAMA_SESSION_IDLE_MINUTES (0 turns it off).

    The time of the last request is kept in the session, written at most once a minute."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.TRAMA_SESSION_IDLE_MINUTES * 60
        if limit and request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get(LAST_SEEN)
            if last is not None and now - last > limit:
                logout(request)
                messages.info(request, _("Sei stato disconnesso dopo %(minuti)d minuti di inattività: accedi di nuovo.")
                              % {"minuti": settings.TRAMA_SESSION_IDLE_MINUTES})
            elif last is None or now - last >= 60:
                request.session[LAST_SEEN] = now
        return self.get_response(request)


# Pages reachable before the second factor: logging in and out, the 2FA pages themselves,
# the password reset (for people who are not logged in anyway), the health check.
EXEMPT_URL_NAMES = {
    "login", "logout", "healthz", "two_factor_verify", "two_factor_setup",
    "password_reset", "password_reset_done", "password_reset_confirm", "password_reset_complete",
}


class TwoFactorMiddleware:
    """A user who enrolled must type a code after the password; when TRAMA_REQUIRE_2FA is on, a user
    with a staff role must enrol before any page. After django_otp's OTPMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and not self._exempt(request.path_info):
            if has_two_factor(user):
                return self._send(request, "two_factor_verify",
                                  _("Inserisci il codice della tua app di autenticazione per continuare."))
            if settings.TRAMA_REQUIRE_2FA and needs_two_factor(user):
                return self._send(request, "two_factor_setup",
                                  _("Per usare Trama attiva prima la verifica in due passaggi."))
        return self.get_response(request)

    @staticmethod
    def _exempt(path: str) -> bool:
        if path.startswith(settings.STATIC_URL):
            return True
        try:
            return resolve(path).url_name in EXEMPT_URL_NAMES
        except Resolver404:
            return False

    @staticmethod
    def _send(request, url_name: str, message: str):
        target = reverse(url_name)
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = target
            return response
        messages.info(request, message)
        return redirect(target)
