"""The portal's language and session rules, scoped to /famiglia/.

Staff pages stay Italian whatever the browser asks: LocaleMiddleware would follow Accept-Language now that
settings.LANGUAGES lists the portal's languages, so this middleware (after AuthenticationMiddleware) puts
Italian back outside the portal. Inside the portal it activates the member's language: their profile when
logged in, else the language chosen on the login or invitation page (a cookie), else the browser's first
language among the portal's nine (Accept-Language, on first contact), else Italian.

Portal users get short sessions: PORTAL_SESSION_SECONDS of inactivity.
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

from common.i18n import language_from_accept

from .models import PORTAL_LANGUAGE_CODES
from .policies import is_portal_only
from .selectors import language_of

PORTAL_PREFIX = "/famiglia/"
LANGUAGE_COOKIE = "trama_portale_lingua"


def portal_session_seconds() -> int:
    return getattr(settings, "PORTAL_SESSION_SECONDS", 30 * 60)


class PortalLocaleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        in_portal = request.path.startswith(PORTAL_PREFIX)
        language = settings.LANGUAGE_CODE
        user = getattr(request, "user", None)
        is_member = False
        if user is not None and user.is_authenticated:
            is_member = is_portal_only(user)
            if is_member:
                # Short sessions for family members: every request restarts the inactivity countdown.
                request.session.set_expiry(portal_session_seconds())
            if in_portal:
                language = language_of(user) or self._not_chosen_yet(request) or language
        if in_portal and (user is None or not user.is_authenticated):
            language = self._not_chosen_yet(request) or language
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        request.portal_member = is_member
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        if in_portal:
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    @staticmethod
    def _not_chosen_yet(request) -> str | None:
        """The language chosen before logging in (the cookie), else the browser's."""
        chosen = request.COOKIES.get(LANGUAGE_COOKIE, "")
        if chosen in PORTAL_LANGUAGE_CODES:
            return chosen
        return language_from_accept(request.headers.get("Accept-Language", ""), PORTAL_LANGUAGE_CODES)
