"""Writing to the audit trail what django-auditlog does not see: views of personal data."""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEntry


def log_view(*, user, obj: models.Model, family_id: int | None = None, ambito_id: int | None = None,
             reason: str = "") -> AuditEntry:
    """Record that `user` looked at `obj` (a family, a person, a document...)."""
    data = obj.get_additional_data() if hasattr(obj, "get_additional_data") else {}
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_pk=str(obj.pk),
        object_id=obj.pk if isinstance(obj.pk, int) else None,
        object_repr=str(obj)[:500],
        action=AuditEntry.Action.ACCESS,
        actor=user if getattr(user, "is_authenticated", False) else None,
        ambito_id=ambito_id or data.get("ambito"),
        family_id=family_id or data.get("family"),
        additional_data=data or None,
        reason=reason,
    )


def log_list_view(*, user, model: type[models.Model], object_ids: Iterable[int], description: str,
                  ambito_id: int | None = None) -> AuditEntry:
    """Record that `user` saw a list of records (which ones, so the access can be accounted for)."""
    ids = list(object_ids)
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(model),
        object_pk="",
        object_repr=description[:500],
        action=AuditEntry.Action.ACCESS,
        actor=user if getattr(user, "is_authenticated", False) else None,
        ambito_id=ambito_id,
        additional_data={"ids": ids},
    )
