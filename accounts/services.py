"""Account operations: two-factor devices, recovery codes, logging out everywhere."""

from typing import cast

from django.conf import settings
from django.contrib.auth import logout
from django.db import transaction
from django.http import HttpRequest
from django.utils.crypto import get_random_string
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from .models import User

# Recovery codes: no letters that read alike (0/o, 1/l/i).
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
RECOVERY_DEVICE_NAME = "Codici di recupero"


def has_two_factor(user: User) -> bool:
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())  # django-otp is untyped


def pending_totp_device(user: User) -> TOTPDevice:
    """The device being enrolled: reused while the user has not confirmed it, so that a reload
    does not change the QR code they may already have scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    return device or TOTPDevice.objects.create(user=user, name="Telefono", confirmed=False)


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.lower() if ch.isalnum())


def confirm_totp_device(*, user: User, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm `device` with a code from the app; replaces earlier devices and recovery codes.
    Returns the new recovery codes (to be shown once), or None when the code is wrong."""
    if device.user_id != user.pk or device.confirmed or not device.verify_token(normalise_code(code)):
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        return new_recovery_codes(user=user)


def new_recovery_codes(*, user: User) -> list[str]:
    """Replace the user's recovery codes with TRAMA_RECOVERY_CODES new single-use ones."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
        codes = [get_random_string(10, RECOVERY_ALPHABET) for _ in range(settings.TRAMA_RECOVERY_CODES)]
        StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return [f"{code[:5]}-{code[5:]}" for code in codes]


def recovery_codes_left(user: User) -> int:
    return int(StaticToken.objects.filter(device__user=user, device__confirmed=True).count())


def log_out_everywhere(request: HttpRequest) -> None:
    """End every session of the user, on every device (this one included), and revoke their API token.

    The session hash mixes in `session_salt` (accounts.models.User): a new salt invalidates them all.
    """
    user = cast(User, request.user)  # the view is for logged-in users only
    with transaction.atomic():
        user.session_salt = get_random_string(32)
        user.save(update_fields=["session_salt"])
        Token.objects.filter(user=user).delete()
    logout(request)
