"""The audit trail as a hash chain: altering, removing or reordering an entry breaks every hash after it."""

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, models, transaction

GENESIS = "0" * 64


def _as_stored(value):
    """A JSON value as the database gives it back (what verify() will read): tuples become lists,
    dates and decimals become text."""
    if value is None:
        return None
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _address(entry) -> str | None:
    # As stored: Django normalises an IPv6 address on the way in.
    return type(entry)._meta.get_field("remote_addr").get_prep_value(entry.remote_addr)


def content_of(entry) -> str:
    """The canonical text of an entry: what the hash protects."""
    from django.contrib.contenttypes.models import ContentType

    # Milliseconds: Django's serialisation (backup) keeps no more than that.
    timestamp = entry.timestamp.isoformat(timespec="milliseconds") if entry.timestamp else ""
    # The content type by name, not by id: ids change when a backup is restored into a new database.
    content_type = ContentType.objects.get_for_id(entry.content_type_id)
    return json.dumps({
        "ts": timestamp, "actor": entry.actor_id, "action": entry.action,
        "ct": f"{content_type.app_label}.{content_type.model}",
        "pk": str(entry.object_pk), "repr": entry.object_repr, "changes": _as_stored(entry.changes),
        "data": _as_stored(entry.additional_data), "ambito": entry.ambito_id, "family": entry.family_id,
        "reason": entry.reason, "addr": _address(entry),
    }, sort_keys=True, default=str, ensure_ascii=False)


def digest(prev_hash: str, entry) -> str:
    return hashlib.sha256((prev_hash + "\n" + content_of(entry)).encode()).hexdigest()


def append(entry, save: Callable[[], None], *, using: str = "default") -> None:
    """Save `entry` as the chain's next link.

    On PostgreSQL one statement locks the head, hashes, inserts and moves the head (`insert_linked`): an
    audited page pays one round trip instead of five. Elsewhere (SQLite) three statements under the head's
    lock in a transaction; AuditEntry._do_insert computes the hash once django-auditlog's pre_save signal
    has filled the actor and the address."""
    from .models import ChainHead

    if connections[using].vendor == "postgresql":
        entry._chain_in_sql = True
        try:
            save()
        finally:
            entry._chain_in_sql = False
        return
    with transaction.atomic(using=using):
        head, _created = ChainHead.objects.using(using).select_for_update().get_or_create(pk=1)
        entry._chain_prev = head.last_hash or GENESIS
        try:
            save()
        finally:
            entry._chain_prev = None
        ChainHead.objects.using(using).filter(pk=1).update(last_hash=entry.hash, count=models.F("count") + 1)


# The head row is locked by the first CTE: a concurrent writer waits there and then reads the hash this
# one wrote (READ COMMITTED re-reads a locked row), so the chain never forks. PostgreSQL hashes exactly
# what digest() hashes: the previous hash, a newline and the entry's canonical text, in UTF-8.
_LINKED_INSERT = """
WITH old AS MATERIALIZED (
    SELECT COALESCE(NULLIF(last_hash, ''), %s) AS prev FROM {head} WHERE id = 1 FOR UPDATE
), new AS MATERIALIZED (
    SELECT prev, encode(sha256(convert_to(prev || E'\\n' || %s::text, 'UTF8')), 'hex') AS h FROM old
), moved AS (
    UPDATE {head} SET last_hash = new.h, count = {head}.count + 1 FROM new WHERE {head}.id = 1
)
INSERT INTO {table} ({columns}) SELECT {values} FROM new RETURNING {returning}
"""


def insert_linked(entry, *, using: str, fields: list, returning_fields: list) -> list[tuple] | None:
    """INSERT `entry` with its link computed by PostgreSQL in the same statement (see _LINKED_INSERT).
    Returns the returning fields' row, as Model._do_insert does, or None when the chain has no head yet."""
    from .models import ChainHead

    connection = connections[using]
    quote = connection.ops.quote_name
    linked = {"prev_hash": "new.prev", "hash": "new.h"}  # computed by PostgreSQL in the statement
    columns, placeholders, values = [], [], []
    for field in fields:
        columns.append(quote(field.column))
        placeholders.append(linked.get(field.attname, "%s"))
        if field.attname not in linked:
            values.append(field.get_db_prep_save(field.pre_save(entry, True), connection=connection))
    # After pre_save: the canonical text is what the row will hold.
    params = [GENESIS, content_of(entry), *values]
    returned = [*returning_fields, entry._meta.get_field("prev_hash"), entry._meta.get_field("hash")]
    sql = _LINKED_INSERT.format(
        head=quote(ChainHead._meta.db_table), table=quote(entry._meta.db_table), columns=", ".join(columns),
        values=", ".join(placeholders), returning=", ".join(quote(f.column) for f in returned))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    entry.prev_hash, entry.hash = row[-2], row[-1]
    return [tuple(row[: len(returning_fields)])]


@dataclass
class Break:
    entry_id: int
    problem: str


def verify(batch: int = 2000) -> Iterator[Break]:
    """Walk the chain in order; yield where it breaks (nothing when the log is intact)."""
    from .models import AuditEntry, ChainHead

    previous = GENESIS
    count = 0
    last_pk = 0
    while True:
        entries = list(AuditEntry.objects.filter(pk__gt=last_pk).order_by("pk")[:batch])
        if not entries:
            break
        for entry in entries:
            count += 1
            if entry.prev_hash != previous:
                yield Break(entry.pk, "collegamento con la voce precedente interrotto (voce rimossa o riordinata)")
            elif entry.hash != digest(entry.prev_hash, entry):
                yield Break(entry.pk, "contenuto alterato")
            previous = entry.hash
            last_pk = entry.pk
    head = ChainHead.objects.filter(pk=1).first()
    if head is not None and (head.last_hash or GENESIS) != previous:
        yield Break(last_pk, "mancano voci in fondo al registro")
    if head is not None and head.count != count:
        yield Break(last_pk, f"il registro ha {count} voci, la catena ne attende {head.count}")
