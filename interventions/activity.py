"""The ambito's activity token (Ambito.versione_attivita): replaced in the same transaction as any change to
the records the budget aggregates read, so that the cached aggregates keyed by it are never stale.

Every write of these models goes through Model.save()/delete() (services, admin, API, cascades from a family's
erasure); a bulk write (queryset.update(), bulk_create) must call touch_activity() itself.
"""

import uuid

from django.db.models.signals import post_delete, post_save

from organisation.models import Ambito, Ente

from .models import Facilitatore, Gruppo, Incontro, Intervento


def touch_activity(*, ambito_id: int | None) -> None:
    if ambito_id:
        Ambito.objects.filter(pk=ambito_id).update(versione_attivita=uuid.uuid4())


def _ambito_of(instance) -> int | None:
    """Visits, groups and organisations carry their ambito; meetings and facilitators reach it through the group."""
    if hasattr(instance, "gruppo_id"):
        return Gruppo.objects.filter(pk=instance.gruppo_id).values_list("ambito_id", flat=True).first()
    return instance.ambito_id


def _changed(sender, instance, **kwargs) -> None:
    touch_activity(ambito_id=_ambito_of(instance))


def connect() -> None:
    for model in (Intervento, Incontro, Facilitatore, Gruppo, Ente):
        post_save.connect(_changed, sender=model, dispatch_uid=f"activity-save-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"activity-delete-{model.__name__}")
