"""Small helpers for login security: the client address seen by django-axes, and its per-address limit."""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone


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


class AddressThrottleHandler(AxesDatabaseHandler):
    """django-axes' database handler (AXES_HANDLER) with a second, higher limit per client address.

    The lock-out by username + address (AXES_FAILURE_LIMIT) never locks a colleague out; this one stops password
    spraying, many usernames tried from one address: TRAMA_ADDRESS_FAILURE_LIMIT failed logins from one address
    within AXES_COOLOFF_TIME lock that address out for every username. A successful login resets only its own
    username's failures, so a sprayer's own valid account does not reset the address's count."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        failures = super().get_failures(request, credentials)
        if address_failures(getattr(request, "axes_ip_address", None)) >= settings.TRAMA_ADDRESS_FAILURE_LIMIT:
            return max(failures, get_failure_limit(request, credentials))
        return failures

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(username=username, ip_address=request.axes_ip_address).delete()
        return count


def address_failures(ip_address: str | None) -> int:
    """Failed logins from one address, whatever the username, within the cool-off window."""
    if not ip_address:
        return 0
    attempts = AccessAttempt.objects.filter(ip_address=ip_address)
    if settings.AXES_COOLOFF_TIME:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME)
    return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0


def address_locked_out(request) -> bool:
    """Whether the lock-out is the address's (TRAMA_ADDRESS_FAILURE_LIMIT) rather than one username's."""
    return address_failures(getattr(request, "axes_ip_address", None)) >= settings.TRAMA_ADDRESS_FAILURE_LIMIT
