import pytest
from django.core.management import CommandError, call_command

from audit.chain import verify
from audit.models import AuditEntry
from audit.services import log_view


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
    from audit.models import AccessAlert
    from core.testing import FamilyFactory

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
    from families.services import family_update

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
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from audit.models import AccessAlert

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
