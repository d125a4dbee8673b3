"""Responses that carry personal data are never stored by a browser or a proxy cache."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse


class NoStoreMiddleware:
    """`Cache-Control: no-store` on every response to an authenticated user (staff pages, the family portal, the
    PDFs, spreadsheets and ZIPs, the API with a token): what a shared office computer's cache or a proxy kept could
    be read by the next person. Static files never get here (WhiteNoise answers them before), so they keep their
    cache lifetime; anonymous pages (the login, the public questionnaires) keep theirs too."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session_user = getattr(request, "user", None)
        response = self.get_response(request)
        # DRF puts its own user on the Django request: the token's (so the API is covered), or an anonymous one
        # on its public views, where the session's user still counts.
        users = (session_user, getattr(request, "user", None))
        if any(u is not None and u.is_authenticated for u in users) and "no-store" not in response.get(
                "Cache-Control", ""):
            response["Cache-Control"] = "no-store, private"
        return response
