"""The audit trail as hash chains, one per ambito: altering, removing or reordering an entry breaks every
hash after it in its chain.

An entry belongs to the chain of its ambito (its `chain` column holds the ambito's id), or to the chain of
the entries with no ambito (key 0: logins, users, configuration that belongs to no ambito). Each chain has
its own head row (ChainHead): a writer locks only the head of its own chain, so that writers in different
ambiti never wait on each other, while writers in the same ambito queue and never fork it. The entries
written before the chains were split keep their single chain, with NULL as its key (LEGACY): it is
verified as before and nothing is appended to it any more (audit/migrations/0005_chain_per_ambito.py).

A transaction that writes entries in two chains holds both heads until it ends: two such transactions
taking them in opposite orders can deadlock, and PostgreSQL then aborts one of them (an error, never a
hang). The application's writes stay within one ambito each, plus at most the no-ambito chain.
"""

import dataclasses
import hashlib
import json
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, models, transaction

GENESIS = "0" * 64
LEGACY = None  # the key of the single chain of the entries written before the chains were per ambito
NO_AMBITO = 0  # the key of the chain of the entries with no ambito


def chain_for(entry) -> int:
    """The key of the chain a new entry is appended to: its ambito's id, or NO_AMBITO."""
    return int(entry.ambito_id) if entry.ambito_id else NO_AMBITO


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
    """Save `entry` as the next link of its ambito's chain.

    On PostgreSQL one statement locks the chain's head, hashes, inserts and moves the head (`insert_linked`):
    an audited page pays one round trip instead of five. Elsewhere (SQLite) three statements under the head's
    lock in a transaction; AuditEntry._do_insert computes the hash once django-auditlog's pre_save signal
    has filled the actor and the address."""
    from .models import ChainHead  # noqa: PLC0415 - audit.models imports this module

    entry.chain = chain_for(entry)
    if connections[using].vendor == "postgresql":
        entry._chain_in_sql = True
        try:
            save()
        finally:
            entry._chain_in_sql = False
        return
    with transaction.atomic(using=using):
        head, _created = ChainHead.objects.using(using).select_for_update().get_or_create(chain=entry.chain)
        entry._chain_prev = head.last_hash or GENESIS
        try:
            save()
        finally:
            entry._chain_prev = None
        ChainHead.objects.using(using).filter(pk=head.pk).update(last_hash=entry.hash,
                                                                 count=models.F("count") + 1)


# The head row of the entry's chain is locked by the first CTE: a concurrent writer of the same chain waits
# there and then reads the hash this one wrote (READ COMMITTED re-reads a locked row), so the chain never
# forks; a writer of another chain locks another row and does not wait. The entry's id is drawn from its
# sequence after the lock, so ids follow each chain's order. PostgreSQL hashes exactly what digest()
# hashes: the previous hash, a newline and the entry's canonical text, in UTF-8.
_LINKED_INSERT = """
WITH old AS MATERIALIZED (
    SELECT id, COALESCE(NULLIF(last_hash, ''), %s) AS prev FROM {head} WHERE {chain} = %s FOR UPDATE
), new AS MATERIALIZED (
    SELECT id, prev, encode(sha256(convert_to(prev || E'\\n' || %s::text, 'UTF8')), 'hex') AS h FROM old
), moved AS (
    UPDATE {head} SET last_hash = new.h, count = {head}.count + 1 FROM new WHERE {head}.id = new.id
)
INSERT INTO {table} ({columns}) SELECT {values} FROM new RETURNING {returning}
"""


def insert_linked(entry, *, using: str, fields: list, returning_fields: list) -> list[tuple] | None:
    """INSERT `entry` with its link in its chain computed by PostgreSQL in the same statement (see
    _LINKED_INSERT). Returns the returning fields' row, as Model._do_insert does, or None when the chain has
    no head yet."""
    from .models import ChainHead  # noqa: PLC0415 - audit.models imports this module

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
    params = [GENESIS, entry.chain, content_of(entry), *values]
    returned = [*returning_fields, entry._meta.get_field("prev_hash"), entry._meta.get_field("hash")]
    sql = _LINKED_INSERT.format(
        head=quote(ChainHead._meta.db_table), chain=quote(ChainHead._meta.get_field("chain").column),
        table=quote(entry._meta.db_table), columns=", ".join(columns),
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
    chain: int | None = LEGACY  # the key of the chain that breaks there


@dataclass
class ChainReport:
    """What the verification found in one chain."""

    chain: int | None
    entries: int = 0
    last_pk: int = 0
    breaks: list[Break] = dataclasses.field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.breaks


def _only(queryset, chains: Collection[int | None] | None):
    if chains is None:
        return queryset
    keys = [key for key in chains if key is not LEGACY]
    condition = models.Q(chain__in=keys)
    if LEGACY in chains:
        condition |= models.Q(chain__isnull=True)
    return queryset.filter(condition)


class _Walk:
    """The state of one verification: the reports by chain and the last hash seen in each chain."""

    def __init__(self, chains: Collection[int | None] | None, reports: dict[int | None, ChainReport]) -> None:
        self.chains = chains
        self.reports = reports
        self.previous: dict[int | None, str] = {}
        for key in chains or ():
            self.report_of(key)

    def report_of(self, key: int | None) -> ChainReport:
        if key not in self.reports:
            self.reports[key] = ChainReport(key)
        return self.reports[key]

    def broken(self, report: ChainReport, entry_id: int, problem: str) -> Break:
        found = Break(entry_id, problem, report.chain)
        report.breaks.append(found)
        return found

    def entries(self, batch: int) -> Iterator[Break]:
        """Each entry, in the order they were written, compared with the previous entry of its own chain."""
        from .models import AuditEntry  # noqa: PLC0415 - audit.models imports this module

        last_pk = 0
        while True:
            entries = list(_only(AuditEntry.objects.filter(pk__gt=last_pk), self.chains).order_by("pk")[:batch])
            if not entries:
                break
            for entry in entries:
                yield from self.entry(entry)
                last_pk = entry.pk

    def entry(self, entry) -> Iterator[Break]:
        """One AuditEntry compared with the previous entry of its chain."""
        report = self.report_of(entry.chain)
        report.entries += 1
        if entry.chain is not LEGACY and entry.chain != chain_for(entry):
            # The ambito is hashed, the chain's key is not: an entry moved to another chain shows here.
            yield self.broken(report, entry.pk, "la voce non appartiene alla catena del suo ambito")
        if entry.prev_hash != self.previous.get(entry.chain, GENESIS):
            yield self.broken(report, entry.pk,
                              "collegamento con la voce precedente interrotto (voce rimossa o riordinata)")
        elif entry.hash != digest(entry.prev_hash, entry):
            yield self.broken(report, entry.pk, "contenuto alterato")
        self.previous[entry.chain] = entry.hash
        report.last_pk = entry.pk

    def heads(self) -> Iterator[Break]:
        """Each chain's end compared with its head; then the chains with entries and no head."""
        from .models import ChainHead  # noqa: PLC0415 - audit.models imports this module

        headed = set()
        for head in _only(ChainHead.objects.all(), self.chains).order_by("pk"):
            report = self.report_of(head.chain)
            if head.chain in headed:
                yield self.broken(report, report.last_pk, "la catena ha più di una testa")
                continue
            headed.add(head.chain)
            if (head.last_hash or GENESIS) != self.previous.get(head.chain, GENESIS):
                yield self.broken(report, report.last_pk, "mancano voci in fondo al registro")
            if head.count != report.entries:
                yield self.broken(report, report.last_pk,
                                  f"il registro ha {report.entries} voci, la catena ne attende {head.count}")
        for key, report in self.reports.items():
            if key not in headed and report.entries:
                # Without its head, the removal of the chain's last entries could not be seen.
                yield self.broken(report, report.last_pk, "manca la testa della catena")


def _walk(chains: Collection[int | None] | None, batch: int,
          reports: dict[int | None, ChainReport]) -> Iterator[Break]:
    """One pass over the entries in the order they were written, each compared with the previous entry of
    its own chain; then each chain's end compared with its head. Fills `reports`, yields the breaks."""
    walk = _Walk(chains, reports)
    yield from walk.entries(batch)
    yield from walk.heads()


def verify(batch: int = 2000, *, chains: Collection[int | None] | None = None) -> Iterator[Break]:
    """Walk every chain (or only those whose keys are in `chains`); yield where they break, in the order
    of the entries, then the chains' ends (nothing when the log is intact)."""
    yield from _walk(chains, batch, {})


def verify_chains(chains: Collection[int | None] | None = None, *, batch: int = 2000) -> dict[int | None, ChainReport]:
    """Verify every chain (or those in `chains`): a report per chain, by its key."""
    reports: dict[int | None, ChainReport] = {}
    for _found in _walk(chains, batch, reports):
        pass
    return reports
