from datetime import date, timedelta

from django.utils import timezone

from audit.models import AuditEntry
from core.testing import cf_for, member
from families.models import Family
from network.models import Intake

from .factories import make_intake


def intake_post(world, **overrides) -> dict:
    data = {"form_token": "6b1f0a52-8a3e-4c51-9a0e-3f1b7c2d9e10", "cognome": "Diop", "nome": "Awa", "sesso": "F",
            "data_nascita": "1992-07-01", "comune": world.comune.pk, "lingue": "wolof, francese",
            "bisogni": ["salute", "genitorialita"], "accompagnamento": "on",
            "figli-TOTAL_FORMS": "3", "figli-INITIAL_FORMS": "0", "figli-MIN_NUM_FORMS": "0", "figli-MAX_NUM_FORMS": "12",
            "figli-0-nome": "Fatou", "figli-0-sesso": "F", "figli-0-data_nascita": "2025-09-01"}
    data.update(overrides)
    return data


def test_tutor_records_an_intake_from_the_form(world, login):
    response = login("tutor").post("/rete/contatti/nuovo/", intake_post(world))
    intake = Intake.objects.get(cognome="Diop")
    assert response.status_code == 302 and response["Location"] == f"/rete/contatti/{intake.pk}/"
    assert intake.accompagnamento and intake.figli.get().nome == "Fatou"
    assert sorted(intake.bisogni.values_list("diritto", flat=True)) == ["genitorialita", "salute"]


def test_double_submitted_intake_form_creates_one_intake(world, login):
    client = login("tutor")
    client.post("/rete/contatti/nuovo/", intake_post(world))
    response = client.post("/rete/contatti/nuovo/", intake_post(world))
    assert response.status_code == 302 and Intake.objects.count() == 1


def test_invalid_codice_fiscale_is_explained_on_the_field(world, login):
    response = login("tutor").post("/rete/contatti/nuovo/", intake_post(world, codice_fiscale="ABCDEF12G34H567I"))
    assert response.status_code == 422
    assert "non è valido" in response.content.decode() and not Intake.objects.exists()


def test_duplicate_intake_links_to_the_existing_one(world, login):
    cf = cf_for("Diop", "Awa", "F", date(1992, 7, 1))
    existing = make_intake(world, cognome="Diop", nome="Awa", data_nascita=date(1992, 7, 1), codice_fiscale=cf)
    response = login("tutor").post("/rete/contatti/nuovo/", intake_post(world, codice_fiscale=cf, nome="Ava"))
    body = response.content.decode()
    assert response.status_code == 422 and "ha già un contatto" in body
    assert f'href="/rete/contatti/{existing.pk}/"' in body
    assert Intake.objects.count() == 1


def test_child_born_in_the_future_is_refused_on_its_row(world, login):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = login("tutor").post("/rete/contatti/nuovo/", intake_post(world, **{"figli-0-data_nascita": tomorrow}))
    assert response.status_code == 422 and "non può essere nel futuro" in response.content.decode()
    assert not Intake.objects.exists()


def test_viewing_an_intake_is_audit_logged(world, login):
    intake = make_intake(world)
    assert login("tutor").get(f"/rete/contatti/{intake.pk}/").status_code == 200
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS, object_pk=str(intake.pk)).latest("timestamp")
    assert entry.actor == world.tutor and entry.ambito_id == world.ambito.pk


def test_creating_an_intake_is_audit_logged_with_its_ambito_and_reason(world, login):
    login("tutor").post("/rete/contatti/nuovo/", intake_post(world))
    intake = Intake.objects.get()
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.CREATE, object_pk=str(intake.pk),
                                      content_type__model="intake").get()
    assert entry.ambito_id == world.ambito.pk and entry.reason


def test_another_tutor_does_not_find_my_intake(world, login):
    member(world.ambito, "tutor", username="tutor2")
    intake = make_intake(world)
    client = login("tutor2")
    assert client.get(f"/rete/contatti/{intake.pk}/").status_code == 404
    assert "El Amrani" not in client.get("/rete/contatti/").content.decode()
    assert "El Amrani" not in client.get("/rete/").content.decode()


def test_intake_of_another_ambito_is_not_found(world, login):
    intake = make_intake(world)
    assert login("rt_altro").get(f"/rete/contatti/{intake.pk}/").status_code == 404


def test_converting_an_intake_opens_the_new_family(world, login):
    intake = make_intake(world)
    client = login("tutor")
    response = client.post(f"/rete/contatti/{intake.pk}/famiglia/", {"motivo": "Madre sola con neonata."})
    family = Family.objects.get(nome="Famiglia El Amrani")
    assert response["Location"] == f"/famiglie/{family.pk}/"
    assert family.motivo_segnalazione == "Madre sola con neonata." and family.persone.count() == 2
    assert client.get(f"/famiglie/{family.pk}/").status_code == 200
    # A second click lands on the same family.
    assert client.post(f"/rete/contatti/{intake.pk}/famiglia/")["Location"] == f"/famiglie/{family.pk}/"
    assert Family.objects.filter(nome="Famiglia El Amrani").count() == 1


def test_editing_an_intake_keeps_the_user_input_on_a_stale_version(world, login):
    intake = make_intake(world)
    data = intake_post(world, cognome="El Amrani", nome="Fatima", data_nascita="1994-03-12", version=intake.version,
                       note="Prima versione")
    data.pop("form_token")
    client = login("tutor")
    assert client.post(f"/rete/contatti/{intake.pk}/modifica/", {**data, "stato": "aperto"}).status_code == 302
    response = client.post(f"/rete/contatti/{intake.pk}/modifica/", {**data, "stato": "aperto", "note": "Seconda"})
    assert response.status_code == 409 and "Seconda" in response.content.decode()
