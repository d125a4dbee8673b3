import importlib
import io
import types

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection, models
from django.test.utils import CaptureQueriesContext

from audit.chain import GENESIS, LEGACY, NO_AMBITO, digest, verify, verify_chains
from audit.models import AccessAlert, AuditEntry, ChainHead
from audit.services import log_list_view, log_view
from core.testing import FamilyFactory
from families.services import family_update
from organisation.models import Ambito


def make_entries(world, n=5):
    for _ in range(n):
        log_view(user=world.casemanager, obj=world.family)


def test_an_untouched_log_verifies(world, login):
    make_entries(world)
    login("casemanager").get(f"/famiglie/{world.family.pk}/")  # through the middleware: actor and address set
    assert list(verify()) == []
    call_command("audit_verify")


def test_an_altered_entry_is_detected(world):
    make_entries(world)
    victim = AuditEntry.objects.order_by("pk")[2]
    AuditEntry.objects.filter(pk=victim.pk).update(reason="nessuno ha visto niente")
    breaks = list(verify())
    assert breaks and breaks[0].entry_id == victim.pk and "alterato" in breaks[0].problem
    with pytest.raises(CommandError, match="NON integro"):
        call_command("audit_verify")


def test_a_removed_entry_is_detected(world):
    make_entries(world)
    AuditEntry.objects.filter(pk=AuditEntry.objects.order_by("pk")[1].pk)._raw_delete("default")
    assert any("interrotto" in b.problem for b in verify())


def test_a_removed_last_entry_is_detected(world):
    make_entries(world)
    AuditEntry.objects.filter(pk=AuditEntry.objects.order_by("-pk")[0].pk)._raw_delete("default")
    assert any("in fondo" in b.problem for b in verify())


def test_bulk_access_raises_one_alert_for_the_rt(world, login, settings):
    settings.TRAMA_BULK_ACCESS_THRESHOLD = 3
    families = [FamilyFactory(ambito=world.ambito, comune=world.comune, equipe=world.equipe) for _ in range(5)]
    client = login("casemanager")
    for family in families[:3]:
        client.get(f"/famiglie/{family.pk}/")
    assert not AccessAlert.objects.exists()
    for family in families[3:]:
        client.get(f"/famiglie/{family.pk}/")
    alert = AccessAlert.objects.get()
    assert alert.actor == world.casemanager and alert.families == 4
    html = login("rt").get("/registro-accessi/").content.decode()
    assert "Accessi massivi da verificare" in html and "ha aperto 4 famiglie" in html
    assert "Accessi massivi" not in login("rt_altro").get("/registro-accessi/").content.decode()
    assert login("rt_altro").post(f"/registro-accessi/avvisi/{alert.pk}/verificato/").status_code == 404
    assert login("rt").post(f"/registro-accessi/avvisi/{alert.pk}/verificato/").status_code == 302
    alert.refresh_from_db()
    assert alert.reviewed_by == world.rt


def test_entries_hashed_before_the_insert_verify_from_what_the_database_holds(world, login):
    """The hash is computed in memory just before the INSERT: changes, extra data and an IPv6 address (that
    Django normalises on the way in) must hash the same when read back."""
    client = login("casemanager")
    client.get(f"/famiglie/{world.family.pk}/", REMOTE_ADDR="0:0:0:0:0:0:0:1")
    family_update(family=world.family, by=world.casemanager, version=world.family.version,
                  nome="Famiglia «Bianchi» — 1.5 €")
    log_view(user=world.casemanager, obj=world.family, reason="prova")
    assert AuditEntry.objects.filter(remote_addr="::1").exists()
    assert AuditEntry.objects.exclude(changes=None).exists()
    assert list(verify()) == []
    assert AuditEntry.objects.filter(hash="").count() == 0


def test_reopening_the_same_family_counts_once_and_skips_the_count(world, login, settings):
    settings.TRAMA_BULK_ACCESS_THRESHOLD = 1
    client = login("casemanager")
    with CaptureQueriesContext(connection) as first:
        client.get(f"/famiglie/{world.family.pk}/")
    with CaptureQueriesContext(connection) as again:
        for _ in range(5):
            client.get(f"/famiglie/{world.family.pk}/")
    def counts(ctx):
        return [q for q in ctx.captured_queries if 'SELECT DISTINCT "audit_auditentry"."family_id"' in q["sql"]]

    assert len(counts(first)) == 1 and counts(again) == []
    assert not AccessAlert.objects.exists()  # one family, however many times
    assert client.get(f"/famiglie/{world.other_equipe_family.pk}/").status_code == 404
    assert not AccessAlert.objects.exists()  # not in scope (404): nothing opened


# One chain per ambito.

def chains_of(world, n=3):
    """Views in the ambito SER, in the ambito MON and with no ambito (a list of ambiti)."""
    for _ in range(n):
        log_view(user=world.casemanager, obj=world.family)
        log_view(user=world.rt_altro, obj=world.other_ambito_family)
        log_list_view(user=world.casemanager, model=Ambito, object_ids=[world.ambito.pk], description="ambiti")


def test_each_entry_is_linked_in_the_chain_of_its_ambito(world):
    chains_of(world)
    assert not AuditEntry.objects.filter(chain__isnull=True).exists()
    assert not AuditEntry.objects.exclude(ambito=None).exclude(chain=models.F("ambito")).exists()
    assert set(AuditEntry.objects.filter(ambito=None).values_list("chain", flat=True)) == {NO_AMBITO}
    reports = verify_chains()
    assert {world.ambito.pk, world.other_ambito.pk, NO_AMBITO} <= set(reports)
    assert all(r.intact for r in reports.values())
    for key, report in reports.items():
        head = ChainHead.objects.get(chain=key)
        assert head.count == report.entries == AuditEntry.objects.filter(chain=key).count()
        assert head.last_hash == AuditEntry.objects.filter(chain=key).order_by("-pk")[0].hash
        first = AuditEntry.objects.filter(chain=key).order_by("pk")[0]
        assert first.prev_hash == "0" * 64  # each chain starts from the genesis


def test_tampering_in_one_ambito_is_reported_for_that_chain_only(world):
    chains_of(world)
    victim = AuditEntry.objects.filter(chain=world.ambito.pk).order_by("pk")[1]
    AuditEntry.objects.filter(pk=victim.pk).update(object_repr="un'altra famiglia")
    reports = verify_chains()
    assert [(b.entry_id, b.chain) for b in reports[world.ambito.pk].breaks] == [(victim.pk, world.ambito.pk)]
    assert "alterato" in reports[world.ambito.pk].breaks[0].problem
    assert reports[world.other_ambito.pk].intact and reports[NO_AMBITO].intact
    assert [b.entry_id for b in verify()] == [victim.pk]

    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match=r"NON integro: 1 problemi in 1 catene .*\(Ambito SER \(Ambito di Seregno\)\)"):
        call_command("audit_verify", stdout=out, stderr=err)
    assert f"Voce {victim.pk}: contenuto alterato" in err.getvalue()
    assert "Ambito MON (Ambito di Monza): " in out.getvalue() and "Senza ambito: " in out.getvalue()
    out = io.StringIO()
    call_command("audit_verify", ambito="MON", stdout=out)  # the other ambito's chain alone verifies
    assert "Ambito MON (Ambito di Monza): " in out.getvalue() and "1 catene di hash verificate" in out.getvalue()
    assert "SER" not in out.getvalue()
    with pytest.raises(CommandError, match="NON integro"):
        call_command("audit_verify", ambito="SER", stdout=io.StringIO(), stderr=io.StringIO())
    with pytest.raises(CommandError, match="Nessun ambito con codice XYZ"):
        call_command("audit_verify", ambito="XYZ")


def test_truncating_one_chains_tail_is_detected_by_its_head(world):
    chains_of(world)
    mon = AuditEntry.objects.filter(chain=world.other_ambito.pk).order_by("-pk")
    AuditEntry.objects.filter(pk__in=[e.pk for e in mon[:2]])._raw_delete("default")
    reports = verify_chains()
    problems = [b.problem for b in reports[world.other_ambito.pk].breaks]
    assert any("in fondo" in p for p in problems) and any("la catena ne attende" in p for p in problems)
    assert all(r.intact for k, r in reports.items() if k != world.other_ambito.pk)
    # Removing the head too does not hide it.
    ChainHead.objects.filter(chain=world.other_ambito.pk).delete()
    assert [b.problem for b in verify_chains([world.other_ambito.pk])[world.other_ambito.pk].breaks] == [
        "manca la testa della catena"]
    # A whole chain removed, entries and all, is seen from its head.
    ChainHead.objects.create(chain=world.other_ambito.pk, last_hash="f" * 64, count=3)
    AuditEntry.objects.filter(chain=world.other_ambito.pk)._raw_delete("default")
    report = verify_chains([world.other_ambito.pk])[world.other_ambito.pk]
    assert report.entries == 0 and any("in fondo" in b.problem for b in report.breaks)


def test_an_entry_moved_to_another_chain_is_detected_in_both(world):
    chains_of(world)
    moved = AuditEntry.objects.filter(chain=world.ambito.pk).order_by("pk")[1]
    AuditEntry.objects.filter(pk=moved.pk).update(chain=world.other_ambito.pk)
    reports = verify_chains()
    assert any("interrotto" in b.problem for b in reports[world.ambito.pk].breaks)
    assert (moved.pk, "la voce non appartiene alla catena del suo ambito") in [
        (b.entry_id, b.problem) for b in reports[world.other_ambito.pk].breaks]


def _as_before_the_split():
    """The database as migration 0005 finds it: every entry in one chain, in order, under one head."""
    previous, count = GENESIS, 0
    for entry in AuditEntry.objects.order_by("pk"):
        entry.prev_hash = previous
        AuditEntry.objects.filter(pk=entry.pk).update(chain=None, prev_hash=previous, hash=digest(previous, entry))
        previous, count = digest(previous, entry), count + 1
    ChainHead.objects.all().delete()
    ChainHead.objects.create(pk=1, last_hash=previous, count=count)
    return count


def _migrate_0005():
    migration = importlib.import_module("audit.migrations.0005_chain_per_ambito")
    migration.freeze_the_single_chain(apps, types.SimpleNamespace(connection=connection))


def test_the_entries_written_before_the_split_keep_verifying_as_their_own_chain(world):
    make_entries(world)
    legacy = _as_before_the_split()
    if connection.vendor == "postgresql":
        # As the old code left it: its head always had the explicit id 1, the sequence never moved.
        with connection.cursor() as cursor:
            cursor.execute("SELECT setval(pg_get_serial_sequence('audit_chainhead', 'id'), 1, false)")
    _migrate_0005()
    assert ChainHead.objects.get(chain=LEGACY).count == legacy  # kept, untouched
    chains_of(world)  # new entries go to the chains of their ambiti
    assert AuditEntry.objects.filter(chain=LEGACY).count() == legacy
    reports = verify_chains()
    assert reports[LEGACY].entries == legacy and all(r.intact for r in reports.values())
    out = io.StringIO()
    call_command("audit_verify", stdout=out)
    assert f"Catena unica precedente alle catene per ambito: {legacy} voci, integra." in out.getvalue()

    victim = AuditEntry.objects.filter(chain=LEGACY).order_by("pk")[3]
    AuditEntry.objects.filter(pk=victim.pk).update(reason="nessuno ha visto niente")
    reports = verify_chains()
    assert [b.entry_id for b in reports[LEGACY].breaks] == [victim.pk]
    assert all(r.intact for k, r in reports.items() if k is not LEGACY)
    AuditEntry.objects.filter(pk=AuditEntry.objects.filter(chain=LEGACY).order_by("-pk")[0].pk)._raw_delete("default")
    assert any("in fondo" in b.problem for b in verify_chains([LEGACY])[LEGACY].breaks)


def test_a_new_database_gets_no_legacy_chain(db):
    ChainHead.objects.all().delete()
    ChainHead.objects.create(pk=1)  # what 0002 leaves in an empty database
    _migrate_0005()
    assert not ChainHead.objects.exists()
    ChainHead.objects.create(pk=1, last_hash="a" * 64, count=4)  # its entries gone: kept, to be reported
    _migrate_0005()
    assert [b.problem for b in verify()] == ["mancano voci in fondo al registro",
                                             "il registro ha 0 voci, la catena ne attende 4"]
