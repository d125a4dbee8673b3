"""Writers appending to the same audit chain at the same time must queue on its head, never fork it; writers of
different ambiti's chains must not wait on each other."""

import threading

import pytest
from django.db import OperationalError, connection, connections, transaction

from audit.chain import NO_AMBITO, verify, verify_chains
from audit.models import AuditEntry, ChainHead
from audit.services import log_list_view, log_view
from organisation.models import Ambito

pytestmark = pytest.mark.django_db(transaction=True)

WRITERS = 4
ENTRIES_EACH = 15


def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every writer: the race exists on PostgreSQL only")


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


def test_concurrent_writers_keep_one_unbroken_chain_per_ambito():
    _postgresql_only()
    ambiti = [Ambito.objects.create(nome=f"Ambito di prova {n}", codice=f"PROVA{n}") for n in range(2)]
    before = {a.pk: AuditEntry.objects.filter(chain=a.pk).count() for a in ambiti}  # each creation is audited
    assert before == {a.pk: 1 for a in ambiti}
    barrier = threading.Barrier(WRITERS * len(ambiti))
    errors: list = []
    threads = [threading.Thread(target=_write, args=(a.pk, barrier, errors)) for a in ambiti for _ in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    for ambito in ambiti:
        total = before[ambito.pk] + WRITERS * ENTRIES_EACH
        entries = AuditEntry.objects.filter(chain=ambito.pk)
        assert entries.count() == total
        assert ChainHead.objects.get(chain=ambito.pk).count == total
        # Every entry links to a different predecessor: no two writers of the chain read the same head.
        assert entries.values("prev_hash").distinct().count() == total
    assert list(verify()) == []
    reports = verify_chains([a.pk for a in ambiti])
    assert all(r.intact and r.entries == before[k] + WRITERS * ENTRIES_EACH for k, r in reports.items())


def test_a_writer_in_one_ambito_does_not_wait_for_a_transaction_holding_another():
    """A transaction that has written in ambito A holds A's head until it ends: a write in ambito B, or with no
    ambito, goes through at once; a write in A waits (here: fails on the short lock timeout instead of hanging)."""
    _postgresql_only()
    a = Ambito.objects.create(nome="Ambito A", codice="A")
    b = Ambito.objects.create(nome="Ambito B", codice="B")
    holding, release = threading.Event(), threading.Event()
    errors: list = []

    def hold_a():
        try:
            with transaction.atomic():
                log_view(user=None, obj=Ambito.objects.get(pk=a.pk), reason="tiene la testa di A")
                holding.set()
                assert release.wait(timeout=60)
        except Exception as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)
        finally:
            holding.set()
            connections.close_all()

    thread = threading.Thread(target=hold_a)
    thread.start()
    try:
        assert holding.wait(timeout=30) and errors == []
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '2s'")
            log_view(user=None, obj=b, reason="scrive in B mentre A è occupato")
            log_list_view(user=None, model=Ambito, object_ids=[a.pk, b.pk], description="senza ambito")
        with pytest.raises(OperationalError, match="lock timeout"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '200ms'")
            log_view(user=None, obj=a, reason="aspetta la testa di A")
    finally:
        release.set()
        thread.join(timeout=60)
    assert errors == []
    assert AuditEntry.objects.filter(chain=a.pk).count() == 2  # the creation and the held transaction's view
    assert AuditEntry.objects.filter(chain=b.pk).count() == 2
    assert AuditEntry.objects.filter(chain=NO_AMBITO, ambito__isnull=True).count() == 1
    assert list(verify()) == []


def test_the_first_entry_of_an_empty_database_creates_the_head_of_its_chain():
    ChainHead.objects.all().delete()
    ambito = Ambito.objects.create(nome="Ambito di prova", codice="PROVA")
    log_view(user=None, obj=ambito)
    head = ChainHead.objects.get(chain=ambito.pk)
    assert head.count == 2  # the ambito's creation, then the view
    assert head.last_hash == AuditEntry.objects.order_by("-pk").first().hash
    assert ChainHead.objects.count() == 1
    log_list_view(user=None, model=Ambito, object_ids=[ambito.pk], description="elenco")
    assert ChainHead.objects.get(chain=NO_AMBITO).count == 1
    assert list(verify()) == []
