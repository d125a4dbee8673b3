from auditlog.models import AbstractLogEntry
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from organisation.models import Ambito

from .chain import append, digest, insert_linked
from .context import current_reason


class ChainHead(models.Model):
    """The last hash of one audit chain: one row per chain, locked while an entry is appended to it, so
    that concurrent writers of the same chain queue instead of forking it, and writers of different
    chains do not wait on each other.

    `chain` is the chain's key (audit.chain): the ambito's id, 0 for the entries with no ambito, NULL for
    the single chain of the entries written before the chains were split (frozen: nothing is appended to
    it any more, it only verifies)."""

    chain = models.BigIntegerField(null=True, unique=True)
    last_hash = models.CharField(max_length=64, blank=True)
    count = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("testa della catena del registro")

    def __str__(self) -> str:
        return f"{self.chain}: {self.count}: {self.last_hash[:12]}"


class AuditEntry(AbstractLogEntry):
    """One line of the audit trail: every create, update, delete and view of a family's record.

    django-auditlog writes the changes (old → new); we add the ambito and the family so the
    Referente Territoriale can browse their own ambito only, and the reason given for the act.
    Entries are append-only: they are never updated or deleted by the application.
    """

    # django-auditlog's single-column indexes on the actor, the action and the correlation id, and ours on the
    # ambito, the family and the hash, are left out: the composite indexes below begin with the same columns,
    # and no query looks up the others. Each of them was paid by every INSERT (one per page view), and
    # PostgreSQL preferred the family's plain index to (family, timestamp) for the bulk-access window,
    # reading every entry ever written about a family that is opened often.
    action = models.PositiveSmallIntegerField(choices=AbstractLogEntry.Action.choices, verbose_name=_("action"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, blank=True, null=True,
                              related_name="+", verbose_name=_("actor"), db_index=False)
    cid = models.CharField(max_length=255, blank=True, null=True, verbose_name=_("Correlation ID"))  # noqa: DJ001 - as django-auditlog declares it
    ambito = models.ForeignKey(
        Ambito, on_delete=models.DO_NOTHING, db_constraint=False, null=True, blank=True, related_name="+",
        db_index=False,
    )
    family = models.ForeignKey(
        "families.Family", on_delete=models.DO_NOTHING, db_constraint=False, null=True, blank=True,
        related_name="+", db_index=False,
    )
    reason = models.CharField(_("motivo"), max_length=500, blank=True)
    # Tamper evidence: each entry's hash covers its content and the previous entry's hash in its own chain,
    # one per ambito (`manage.py audit_verify` recomputes the chains). `chain` is the chain's key, set when
    # the entry is appended (audit.chain.chain_for); NULL for the entries of the single chain written
    # before the chains were per ambito.
    chain = models.BigIntegerField(null=True, blank=True, editable=False)
    prev_hash = models.CharField(max_length=64, blank=True, editable=False)
    hash = models.CharField(max_length=64, blank=True, editable=False)

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
            self.reason = current_reason()
        append(self, lambda: super(AuditEntry, self).save(*args, **kwargs), using=kwargs.get("using") or "default")

    def _do_insert(self, manager, using, fields, returning_fields, raw):
        # The last moment before the INSERT: django-auditlog's pre_save signal has set the actor and the
        # address, so the hash goes in with the row instead of being written by a second statement.
        if getattr(self, "_chain_in_sql", False):
            rows = insert_linked(self, using=using, fields=fields, returning_fields=returning_fields)
            if rows is None:  # the first entry of its chain: create the chain's head, then link to it
                ChainHead.objects.using(using).get_or_create(chain=self.chain)
                rows = insert_linked(self, using=using, fields=fields, returning_fields=returning_fields)
            return rows
        if getattr(self, "_chain_prev", None) is not None:
            self.prev_hash = self._chain_prev
            self.hash = digest(self.prev_hash, self)
        return super()._do_insert(manager, using, fields, returning_fields, raw)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit entries are append-only.")

    def _get_changes_display_for_fk_field(self, field, value) -> str:
        # The names of the objects a page of changes refers to, loaded together by
        # audit.selectors.attach_related_names; django-auditlog would query them one value at a time.
        names = getattr(self, "_related_names", None)
        if names is not None:
            key = related_key(field, value)
            if key in names:
                return names[key]
        return super()._get_changes_display_for_fk_field(field, value)


def related_key(field, value) -> tuple[type[models.Model], str] | None:
    """How a foreign key's recorded value is looked up among the names loaded for a page."""
    if value in (None, "None"):
        return None
    try:
        return field.related_model, str(field.related_model._meta.pk.to_python(value))
    except ValidationError:
        return None


class AccessAlert(models.Model):
    """Raised when one user opens many families in a short time: the RT looks into it."""

    ambito = models.ForeignKey(Ambito, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+", verbose_name=_("utente"))
    families = models.PositiveIntegerField(_("famiglie aperte"))
    minutes = models.PositiveIntegerField(_("in minuti"))
    created_at = models.DateTimeField(_("quando"), auto_now_add=True)
    reviewed_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("avviso di accesso massivo")
        verbose_name_plural = _("avvisi di accesso massivo")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["ambito", "reviewed_at"])]

    def __str__(self) -> str:
        return f"{self.actor}: {self.families} famiglie in {self.minutes} minuti"
