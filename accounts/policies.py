"""Who must protect their account with a second factor, and who may renew their recovery codes."""

from django.contrib.auth.models import AnonymousUser

from organisation.models import Role
from organisation.scope import get_scope

from .models import User
from .services import has_two_factor


def needs_two_factor(user: User | AnonymousUser) -> bool:
    """Staff roles (every role but "famiglia") and administrators; a parent's account does not."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or user.is_staff:
        return True
    return bool(get_scope(user).roles - {Role.FAMIGLIA})


def can_renew_recovery_codes(user: User) -> bool:
    """New recovery codes are for a user who has a second factor and verified with it in this session."""
    # is_verified() is set on the request's user by django-otp's OTPMiddleware, which the stubs do not know.
    return has_two_factor(user) and user.is_verified()  # type: ignore[attr-defined]
