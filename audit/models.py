from auditlog.models import AbstractLogEntry
from django.db import models
from django.utils.translation import gettext_lazy as _

from organisation.models import Ambito


class AuditEntry(AbstractLogEntry):
    """One line of the audit trail: every create, update, delete and view of a family's record.

    django-auditlog writes the changes (old → new); we add the ambito and the family so the
    Referente Territoriale can browse their own ambito only, and the reason given for the act.
    Entries are append-only: they are never updated or deleted by the application.
    """

    ambito = models.ForeignKey(
        Ambito, on_delete=models.DO_NOTHING, db_constraint=False, null=True, blank=True, related_name="+"
    )
    family = models.ForeignKey(
        "families.Family", on_delete=models.DO_NOTHING, db_constraint=False, null=True, blank=True,
        related_name="+",
    )
    reason = models.CharField(_("motivo"), max_length=500, blank=True)

    class Meta(AbstractLogEntry.Meta):
        verbose_name = _("voce del registro")
        verbose_name_plural = _("registro degli accessi")
        indexes = [
            models.Index(fields=["ambito", "-timestamp"]),
            models.Index(fields=["family", "-timestamp"]),
            models.Index(fields=["actor", "-timestamp"]),
        ]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit entries are append-only.")
        data = self.additional_data or {}
        if self.ambito_id is None and data.get("ambito"):
            self.ambito_id = data["ambito"]
        if self.family_id is None and data.get("family"):
            self.family_id = data["family"]
        if not self.reason:
            from .context import current_reason

            self.reason = current_reason()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit entries are append-only.")
