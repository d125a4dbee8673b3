"""Writers appending to the audit chain at the same time must queue on the head, never fork the chain."""

import threading

import pytest
from django.db import connection, connections

from audit.chain import verify
from audit.models import AuditEntry, ChainHead
from audit.services import log_view
from organisation.models import Ambito

pytestmark = pytest.mark.django_db(transaction=True)

WRITERS = 4
ENTRIES_EACH = 15


def _write(ambito_pk: int, barrier: threading.Barrier, errors: list) -> None:
    try:
        ambito = Ambito.objects.get(pk=ambito_pk)
        barrier.wait(timeout=30)
        for _ in range(ENTRIES_EACH):
            log_view(user=None, obj=ambito, reason="prova di concorrenza")
    except Exception as error:  # noqa: BLE001 - reported by the main thread
        errors.append(error)
    finally:
        connections.close_all()


def test_concurrent_writers_keep_one_unbroken_chain():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every writer: the race exists on PostgreSQL only")
    ambito = Ambito.objects.create(nome="Ambito di prova", codice="PROVA")
    before = AuditEntry.objects.count()  # the ambito's creation is audited too
    barrier = threading.Barrier(WRITERS)
    errors: list = []
    threads = [threading.Thread(target=_write, args=(ambito.pk, barrier, errors)) for _ in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    total = before + WRITERS * ENTRIES_EACH
    assert AuditEntry.objects.count() == total
    assert ChainHead.objects.get(pk=1).count == total
    # Every entry links to a different predecessor: no two writers read the same head.
    assert AuditEntry.objects.values("prev_hash").distinct().count() == total
    assert list(verify()) == []


def test_the_first_entry_of_an_empty_database_creates_the_head():
    ChainHead.objects.all().delete()
    ambito = Ambito.objects.create(nome="Ambito di prova", codice="PROVA")
    log_view(user=None, obj=ambito)
    head = ChainHead.objects.get(pk=1)
    assert head.count == 2  # the ambito's creation, then the view
    assert head.last_hash == AuditEntry.objects.order_by("-pk").first().hash
    assert list(verify()) == []
