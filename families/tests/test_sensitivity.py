"""Health and judicial notes: one rule (families.sensitivity) on every surface."""

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from rest_framework.test import APIClient

from audit.models import AuditEntry
from core.testing import PersonFactory
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


@pytest.fixture
def tutors_noted(world):
    """The family the tutor registered, with notes written since by the RT."""
    family = world.tutor_family
    Family.objects.filter(pk=family.pk).update(note_giudiziarie=JUDICIAL, motivo_segnalazione="Sfratto imminente")
    child = PersonFactory(family=family, cognome="Neri", nome="Ada", note_sanitarie=HEALTH)
    family.refresh_from_db()
    return family, child


def _api(username):
    out = StringIO()
    call_command("create_api_token", username, stdout=out)
    c = APIClient()
    c.credentials(HTTP_AUTHORIZATION=f"Token {out.getvalue().strip()}")
    return c


def test_it_hides_health_and_judicial_notes_from_the_tutor_who_registered_the_family(world, tutors_noted, login):
    family, child = tutors_noted
    client = login("tutor")
    for path in (f"/famiglie/{family.pk}/", f"/famiglie/{family.pk}/modifica/",
                 f"/famiglie/{family.pk}/componenti/{child.pk}/modifica/", f"/famiglie/{family.pk}/componenti/nuovo/"):
        response = client.get(path)
        page = response.content.decode()
        assert response.status_code == 200, path
        assert HEALTH not in page and JUDICIAL not in page, path
        assert 'name="note_giudiziarie"' not in page and 'name="note_sanitarie"' not in page, path
    # The tutor keeps the referral reasons they wrote.
    assert "Sfratto imminente" in client.get(f"/famiglie/{family.pk}/").content.decode()
    data = _api("tutor").get(f"/api/v1/families/{family.pk}/").json()
    assert data["note_giudiziarie"] is None and [p["note_sanitarie"] for p in data["persone"]] == [None]
    assert data["motivo_segnalazione"] == "Sfratto imminente"
    assert [p["note_sanitarie"] for p in _api("tutor").get(f"/api/v1/families/{family.pk}/persons/").json()] == [None]
    # The RT of the ambito still sees them.
    assert JUDICIAL in login("rt").get(f"/famiglie/{family.pk}/").content.decode()
    assert _api("rt").get(f"/api/v1/families/{family.pk}/").json()["note_giudiziarie"] == JUDICIAL


def test_the_tutors_edits_keep_the_notes_they_cannot_see(world, tutors_noted, login):
    family, child = tutors_noted
    client = login("tutor")
    response = client.post(f"/famiglie/{family.pk}/modifica/", {
        "nome": "Famiglia Neri Rossi", "comune": family.comune_id, "motivo_segnalazione": "Sfratto",
        "data_segnalazione": family.data_segnalazione.isoformat(), "note_giudiziarie": "", "version": family.version})
    assert response.status_code == 302
    family.refresh_from_db()
    assert family.nome == "Famiglia Neri Rossi" and family.note_giudiziarie == JUDICIAL
    response = client.post(f"/famiglie/{family.pk}/componenti/{child.pk}/modifica/", {
        "cognome": "Neri", "nome": "Adele", "sesso": child.sesso, "ruolo": child.ruolo, "note_sanitarie": "",
        "version": child.version})
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.nome == "Adele" and child.note_sanitarie == HEALTH


def test_the_tutor_may_not_write_the_notes(world, tutors_noted):
    family, child = tutors_noted
    with pytest.raises(ValidationError) as refused:
        services.family_update(family=family, by=world.users["tutor"], version=family.version,
                               note_giudiziarie="Altro decreto")
    assert "Referente Territoriale" in refused.value.message_dict["note_giudiziarie"][0]
    data = PersonData(cognome="Neri", nome="Ada", sesso=child.sesso, ruolo=child.ruolo, note_sanitarie="Asma")
    with pytest.raises(ValidationError):
        services.person_update(person=child, by=world.users["tutor"], version=child.version, data=data)
    with pytest.raises(ValidationError):
        services.person_add(family=family, by=world.users["tutor"], data=data)
    with pytest.raises(ValidationError):
        services.family_create(by=world.users["tutor"], ambito=world.ambito, nome="Famiglia Nuova",
                               comune=world.comune, people=[data])
    family.refresh_from_db()
    child.refresh_from_db()
    assert family.note_giudiziarie == JUDICIAL and child.note_sanitarie == HEALTH
    assert family.persone.count() == 1 and not Family.objects.filter(nome="Famiglia Nuova").exists()


def test_the_new_family_form_offers_the_judicial_notes_to_the_case_manager_not_the_tutor(world, login):
    assert 'name="note_giudiziarie"' in login("casemanager").get("/famiglie/nuova/").content.decode()
    assert 'name="note_giudiziarie"' not in login("tutor").get("/famiglie/nuova/").content.decode()
