"""Health and judicial notes: one rule (families.sensitivity) on every surface."""

from io import StringIO

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from audit.models import AuditEntry
from families import services
from families.models import Family, Person
from families.services import PersonData
from vicinanza.testing import pairing

HEALTH = "Diabete di tipo 1, insulina due volte al giorno"
JUDICIAL = "Decreto del Tribunale per i Minorenni: affidamento al servizio sociale"
SEE = {"casemanager", "educatore", "rt"}
NEVER = {"insegnante", "coach"}


@pytest.fixture
def noted(world):
    Family.objects.filter(pk=world.family.pk).update(note_giudiziarie=JUDICIAL)
    Person.objects.filter(family=world.family, nome="Luca").update(note_sanitarie=HEALTH)
    return world.family


@pytest.mark.parametrize("persona", sorted(SEE | NEVER))
def test_the_family_page_shows_the_notes_only_to_who_may_see_them(world, noted, login, persona):
    page = login(persona).get(f"/famiglie/{noted.pk}/").content.decode()
    assert (HEALTH in page and JUDICIAL in page) == (persona in SEE)
    assert (HEALTH in page or JUDICIAL in page) == (persona in SEE)


def test_it_hides_health_notes_from_teachers_in_the_api(world, noted):
    def client(username):
        out = StringIO()
        call_command("create_api_token", username, stdout=out)
        c = APIClient()
        c.credentials(HTTP_AUTHORIZATION=f"Token {out.getvalue().strip()}")
        return c

    teacher = client("insegnante")
    data = teacher.get(f"/api/v1/families/{noted.pk}/").json()
    assert data["note_giudiziarie"] is None and all(p["note_sanitarie"] is None for p in data["persone"])
    assert all(p["note_sanitarie"] is None for p in teacher.get(f"/api/v1/families/{noted.pk}/persons/").json())
    educator = client("educatore").get(f"/api/v1/families/{noted.pk}/").json()
    assert educator["note_giudiziarie"] == JUDICIAL
    assert HEALTH in {p["note_sanitarie"] for p in educator["persone"]}
    assert HEALTH in str(client("casemanager").get(f"/api/v1/families/{noted.pk}/persons/").json())


def test_search_never_looks_into_the_notes(world, noted, login):
    for persona in ("insegnante", "casemanager"):
        assert list(login(persona).get("/famiglie/?q=Diabete").context["page"]) == []
        assert list(login(persona).get("/famiglie/?q=Tribunale").context["page"]) == []
    assert [f.nome for f in login("casemanager").get("/famiglie/?q=Luca").context["page"]] == ["Famiglia Bianchi"]


def test_the_audit_log_records_the_change_but_never_the_content(world, noted):
    luca = Person.objects.get(family=noted, nome="Luca")
    data = PersonData(cognome=luca.cognome, nome=luca.nome, sesso=luca.sesso, ruolo=luca.ruolo,
                      data_nascita=luca.data_nascita, target=True, note_sanitarie="Asma, ventolin al bisogno")
    services.person_update(person=luca, by=world.casemanager, version=luca.version, data=data)
    entry = AuditEntry.objects.filter(object_pk=str(luca.pk), action=AuditEntry.Action.UPDATE).latest("pk")
    assert "note_sanitarie" in entry.changes_dict
    assert "Asma" not in str(entry.changes) and "[riservato]" in str(entry.changes)
    assert Person.objects.get(pk=luca.pk).note_sanitarie == "Asma, ventolin al bisogno"


def test_the_case_manager_edits_the_notes_from_the_forms(world, login):
    client = login("casemanager")
    luca = Person.objects.get(family=world.family, nome="Luca")
    edit = client.get(f"/famiglie/{world.family.pk}/componenti/{luca.pk}/modifica/").content.decode()
    assert 'name="note_sanitarie"' in edit
    assert 'name="note_giudiziarie"' in client.get(f"/famiglie/{world.family.pk}/modifica/").content.decode()
    # The new-family rows stay short.
    assert 'note_sanitarie' not in client.get("/famiglie/nuova/").content.decode()


def test_the_portal_and_the_volunteer_never_see_them(world, noted, login):
    p = pairing(world, stato="attivo")
    for path in ("/famiglia/", "/famiglia/progetto/", "/famiglia/appuntamenti/"):
        page = login("genitore").get(path).content.decode()
        assert HEALTH not in page and JUDICIAL not in page
    page = login("volontario").get(f"/vicinanza/abbinamenti/{p.pk}/").content.decode()
    assert HEALTH not in page and JUDICIAL not in page
