from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, cast

from auditlog.models import _get_manager_from_settings  # the manager django-auditlog reads them with
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.encoding import smart_str

from .models import AccessAlert, AuditEntry, related_key
from .policies import audit_ambiti, require_audit_log_reader

if TYPE_CHECKING:  # the stubs' alias for AUTH_USER_MODEL: audit sits beside accounts and does not import it
    from django.contrib.auth.models import _AnyUser


def open_alerts_for(user: "_AnyUser") -> QuerySet[AccessAlert]:
    return AccessAlert.objects.filter(ambito_id__in=audit_ambiti(user), reviewed_at__isnull=True
                                      ).select_related("actor")


def audit_entries_for(user: "_AnyUser", *, utente: str = "", azione: int | None = None, famiglia: str = "",
                      dal: date | None = None, al: date | None = None) -> QuerySet[AuditEntry]:
    """The audit trail of the ambiti where `user` is Referente Territoriale."""
    entries = AuditEntry.objects.filter(ambito_id__in=require_audit_log_reader(user))
    if utente.strip():
        u = utente.strip()
        entries = entries.filter(Q(actor__username__iexact=u) | Q(actor__last_name__icontains=u))
    if azione is not None:
        entries = entries.filter(action=azione)
    if famiglia.strip():
        entries = entries.filter(family__codice__iexact=famiglia.strip())
    tz = timezone.get_current_timezone()
    if dal:
        entries = entries.filter(timestamp__gte=datetime.combine(dal, time.min, tzinfo=tz))
    if al:
        entries = entries.filter(timestamp__lt=datetime.combine(al + timedelta(days=1), time.min, tzinfo=tz))
    # django-auditlog's manager is untyped: name what it returns.
    return cast(QuerySet[AuditEntry],
                entries.select_related("actor", "content_type", "family").order_by("-timestamp", "-pk"))


PAGE_SIZE = 50
COUNT_CAP = 10_000


@dataclass
class LogPage:
    entries: list[AuditEntry]
    older: int | None  # the entry to pass as ?prima_di= for the next, older page
    newer: int | None  # the entry to pass as ?dopo_di= for the previous, more recent page
    count: int  # entries matching the filters, counted up to `cap` + 1
    cap: int = COUNT_CAP

    @property
    def count_capped(self) -> bool:
        return self.count > self.cap


def audit_page(entries: QuerySet[AuditEntry], *, before: str | None = None, after: str | None = None,
               size: int = PAGE_SIZE) -> LogPage:
    """A page of `entries` (newest first) by key rather than by offset: it starts from an entry of the page
    beside it, its timestamp and id, so that a page deep in years of log costs what the first one costs (an
    OFFSET makes the database walk every entry before it, and the log grows by one entry per page view).

    The entry named by `before`/`after` is looked up among `entries` themselves: one outside the user's scope
    or filters, or a malformed value, gives the first page."""
    cursor, newer_first = None, False
    for value, towards_newer in ((before, False), (after, True)):
        if value and value.isdigit():
            cursor = entries.filter(pk=int(value)).values_list("timestamp", "pk").first()
            newer_first = towards_newer
            break
    count = entries[: COUNT_CAP + 1].count()  # bounded: counting years of log would cost more than the page
    if cursor is None:
        rows = list(entries[: size + 1])
        page, more_older, more_newer = rows[:size], len(rows) > size, False
    elif not newer_first:
        timestamp, pk = cursor
        # The redundant `timestamp <= …` lets the (ambito, timestamp) index start at the cursor.
        rows = list(entries.filter(Q(timestamp__lt=timestamp) | Q(timestamp=timestamp, pk__lt=pk),
                                   timestamp__lte=timestamp)[: size + 1])
        page, more_older, more_newer = rows[:size], len(rows) > size, True
    else:
        timestamp, pk = cursor
        rows = list(entries.filter(Q(timestamp__gt=timestamp) | Q(timestamp=timestamp, pk__gt=pk),
                                   timestamp__gte=timestamp).order_by("timestamp", "pk")[: size + 1])
        page, more_older, more_newer = rows[:size][::-1], True, len(rows) > size
    attach_related_names(page)
    return LogPage(page, older=page[-1].pk if page and more_older else None,
                   newer=page[0].pk if page and more_newer else None, count=count, cap=COUNT_CAP)


def attach_related_names(entries: list[AuditEntry]) -> None:
    """Load in one query per model the objects that the entries' recorded changes point to (an équipe, a
    comune, a person...), so that showing a page of changes does not query them value by value."""
    wanted: dict[type[models.Model], set[str]] = {}
    for entry in entries:
        model = entry.content_type.model_class()
        if model is None or not entry.changes:
            continue
        for name, values in entry.changes_dict.items():
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if not (field.many_to_one or field.one_to_one) or field.related_model is None:
                continue
            for value in values:
                key = related_key(field, value)
                if key is not None:
                    wanted.setdefault(key[0], set()).add(key[1])
    names: dict[tuple[type[models.Model], str], str] = {}
    for model, pks in wanted.items():
        for pk, obj in _get_manager_from_settings(model).in_bulk(list(pks)).items():
            names[(model, str(pk))] = smart_str(obj)
    # A value whose object was deleted is not among the names: django-auditlog says so itself.
    for entry in entries:
        entry._related_names = names
