"""Small helpers for login security: the client address seen by django-axes."""

from django.conf import settings


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or behind TRAMA_PROXY_COUNT trusted reverse proxies the
    address the outermost of them appended to X-Forwarded-For (earlier entries can be forged)."""
    count = getattr(settings, "TRAMA_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count > 0 and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= count:
            return hops[-count]
    return request.META.get("REMOTE_ADDR")
