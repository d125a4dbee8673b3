"""Abstract models: the columns and the audit filing that many tables share. No concrete model lives here."""

from operator import attrgetter
from typing import ClassVar

from django.db import models


class Versioned(models.Model):
    """Optimistic locking: an edit form sends the version it was read at; the service raises
    `common.exceptions.StaleEdit` when the row moved on meanwhile, and bumps the version when it saves."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class CreatedOnce(models.Model):
    """Idempotent creation: the create form's one-time token is stored here, so the same form posted twice
    makes one record (the service raises `common.exceptions.DuplicateSubmission` with the first)."""

    creation_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        abstract = True


class AuditFiled(models.Model):
    """A record the audit trail files under an ambito and, when it belongs to one, a family.

    `audit_ambito` and `audit_family` are attribute paths from the record ("family.ambito_id"); the audit log
    (django-auditlog's `get_additional_data`) copies them into its indexed columns, which is how the Referente
    Territoriale filters the log by ambito and family."""

    audit_ambito: ClassVar[str] = "ambito_id"
    audit_family: ClassVar[str | None] = None

    class Meta:
        abstract = True

    def get_additional_data(self) -> dict:
        data = {"ambito": attrgetter(self.audit_ambito)(self)}
        if self.audit_family:
            data["family"] = attrgetter(self.audit_family)(self)
        return data
