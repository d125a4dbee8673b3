from datetime import date

import pytest

from audit.models import AuditEntry
from audit.services import log_view
from families.services import PersonData, family_update, person_add


def test_rt_browses_the_log_of_their_ambito_only(world, login):
    login("casemanager").get(f"/famiglie/{world.family.pk}/")
    login("rt_altro").get(f"/famiglie/{world.other_ambito_family.pk}/")
    entries = list(login("rt").get("/registro-accessi/").context["page"].entries)
    assert entries and all(e.ambito_id == world.ambito.pk for e in entries)
    assert any(e.family_id == world.family.pk and e.actor == world.casemanager for e in entries)
    assert not any(e.family_id == world.other_ambito_family.pk for e in entries)


def test_rt_filters_by_user_action_and_family(world, login):
    login("casemanager").get(f"/famiglie/{world.family.pk}/")
    login("educatore").get(f"/famiglie/{world.family.pk}/")
    client = login("rt")
    by_user = client.get("/registro-accessi/", {"utente": "educatore"}).context["page"].entries
    assert by_user and {e.actor.username for e in by_user} == {"educatore"}
    by_family = client.get("/registro-accessi/", {"famiglia": "SER-00001", "azione": 3}).context["page"].entries
    assert by_family and {e.family_id for e in by_family} == {world.family.pk}


def test_an_inverted_date_range_is_explained(world, login):
    response = login("rt").get("/registro-accessi/", {"dal": "2026-11-10", "al": "2026-11-01"})
    # A filter that cannot be answered is a bad request, explained in Italian (issue 24: never a 500).
    assert response.status_code == 400 and "deve precedere" in response.content.decode()


@pytest.mark.parametrize("persona", ["casemanager", "amministrativo", "coach", "educatore"])
def test_only_the_rt_reads_the_log(world, login, persona):
    assert login(persona).get("/registro-accessi/").status_code == 403


def test_entries_are_append_only(world):
    entry = log_view(user=world.casemanager, obj=world.family)
    entry.reason = "cambiato"
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()


def test_creating_a_person_logs_the_new_values_and_the_reason(world):
    person = person_add(family=world.family, by=world.casemanager,
                        data=PersonData(cognome="Bianchi", nome="Nina", sesso="F", ruolo="minore",
                                        data_nascita=date(2021, 1, 1)))
    entry = AuditEntry.objects.get(action=AuditEntry.Action.CREATE, object_pk=str(person.pk),
                                   content_type__model="person")
    assert entry.family_id == world.family.pk and entry.changes["nome"] == [None, "Nina"]
    assert entry.reason == "Aggiunta di un componente"


def test_changes_are_shown_with_field_labels(world, login):
    family_update(family=world.family, by=world.casemanager, version=world.family.version, nome="Famiglia Bianco")
    html = login("rt").get("/registro-accessi/", {"azione": 1}).content.decode()
    assert "nome del nucleo" in html and "Famiglia Bianchi → Famiglia Bianco" in html
