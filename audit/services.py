"""Writing to the audit trail what django-auditlog does not see: views of personal data."""

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, cast

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from .models import AccessAlert, AuditEntry

if TYPE_CHECKING:  # the stubs' alias for AUTH_USER_MODEL: audit sits beside accounts and does not import it
    from django.contrib.auth.models import _AnyUser, _User


def log_view(*, user: "_AnyUser", obj: models.Model, family_id: int | None = None, ambito_id: int | None = None,
             reason: str = "") -> AuditEntry:
    """Record that `user` looked at `obj` (a family, a person, a document...)."""
    data = obj.get_additional_data() if hasattr(obj, "get_additional_data") else {}
    actor = user if getattr(user, "is_authenticated", False) else None
    family = family_id or data.get("family")
    # Opening again a family already opened within the window adds no distinct family: no need to count.
    seen_before = bool(actor and family) and AuditEntry.objects.filter(
        actor=actor, action=AuditEntry.Action.ACCESS, family_id=family, timestamp__gte=_window_start()).exists()
    # django-auditlog's manager is untyped: name what it creates.
    entry = cast(AuditEntry, AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_pk=str(obj.pk),
        object_id=obj.pk if isinstance(obj.pk, int) else None,
        object_repr=str(obj)[:500],
        action=AuditEntry.Action.ACCESS,
        actor=actor,
        ambito_id=ambito_id or data.get("ambito"),
        family_id=family,
        additional_data=data or None,
        reason=reason,
    ))
    if entry.family_id and entry.actor is not None and entry.ambito_id and not seen_before:
        check_bulk_access(user=entry.actor, ambito_id=entry.ambito_id)  # the actor is `user`, signed in
    return entry


def _window_start() -> datetime:
    return timezone.now() - timedelta(minutes=settings.TRAMA_BULK_ACCESS_MINUTES)


def check_bulk_access(*, user: "_User", ambito_id: int) -> AccessAlert | None:
    """Alert the RT when `user` opened more distinct families than the threshold within the window."""
    minutes = settings.TRAMA_BULK_ACCESS_MINUTES
    since = _window_start()
    opened = (AuditEntry.objects.filter(actor=user, action=AuditEntry.Action.ACCESS, timestamp__gte=since,
                                        family__isnull=False)
              .values("family_id").distinct().count())
    if opened <= settings.TRAMA_BULK_ACCESS_THRESHOLD:
        return None
    if AccessAlert.objects.filter(actor=user, created_at__gte=since).exists():
        return None  # one alert per window is enough
    return AccessAlert.objects.create(ambito_id=ambito_id, actor=user, families=opened, minutes=minutes)


def alert_review(*, alert: AccessAlert, by: "_User") -> AccessAlert:
    if alert.reviewed_at is None:
        alert.reviewed_by, alert.reviewed_at = by, timezone.now()
        alert.save(update_fields=["reviewed_by", "reviewed_at"])
    return alert


def log_list_view(*, user: "_AnyUser", model: type[models.Model], object_ids: Iterable[int], description: str,
                  ambito_id: int | None = None) -> AuditEntry:
    """Record that `user` saw a list of records (which ones, so the access can be accounted for)."""
    ids = list(object_ids)
    return cast(AuditEntry, AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(model),
        object_pk="",
        object_repr=description[:500],
        action=AuditEntry.Action.ACCESS,
        actor=user if getattr(user, "is_authenticated", False) else None,
        ambito_id=ambito_id,
        additional_data={"ids": ids},
    ))
