"""The API's activities (visits and sessions): the UI's rules, in JSON."""

import uuid
from datetime import timedelta

from core.testing import today
from interventions.models import Intervento
from interventions.testing import start_path


def activity(**overrides):
    data = {"data": today().isoformat(), "ora_inizio": "09:00", "ora_fine": "10:30", "servizio": "educativa",
            "luogo": "casa", "attivita": "Compiti con Luca", "creation_token": str(uuid.uuid4())}
    data.update(overrides)
    return data


def test_an_educator_logs_a_visit_through_the_api_once(world, token_client):
    family = start_path(world.family, included=today() - timedelta(days=30))
    client = token_client("educatore")
    luca = family.persone.get(nome="Luca")
    data = activity(presenti=[luca.pk])
    first = client.post(f"/api/v1/families/{family.pk}/activities/", data, format="json")
    assert first.status_code == 201 and first.json()["durata_minuti"] == 90
    again = client.post(f"/api/v1/families/{family.pk}/activities/", data, format="json")
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    visit = Intervento.objects.get()
    assert visit.operatore == world.educatore and list(visit.presenti.all()) == [luca]


def test_bad_visits_get_400_with_the_italian_message(world, token_client):
    family = start_path(world.family, included=today() - timedelta(days=30))
    response = token_client("educatore").post(f"/api/v1/families/{family.pk}/activities/",
                                              activity(ora_fine="08:00"), format="json")
    assert response.status_code == 400
    assert "dopo l'ora di inizio" in response.json()["errors"]["ora_fine"][0]
    assert not Intervento.objects.exists()


def test_teacher_may_not_log_and_reads_no_narrative_other_equipe_gets_404(world, token_client):
    family = start_path(world.family, included=today() - timedelta(days=30))
    assert token_client("educatore").post(f"/api/v1/families/{family.pk}/activities/", activity(),
                                          format="json").status_code == 201
    teacher = token_client("insegnante")
    assert teacher.post(f"/api/v1/families/{family.pk}/activities/", activity(), format="json").status_code == 403
    (row,) = teacher.get(f"/api/v1/families/{family.pk}/activities/").json()
    assert row["attivita"] is None and row["durata_minuti"] == 90
    assert token_client("casemanager").get(f"/api/v1/families/{family.pk}/activities/").json()[0]["attivita"]
    assert token_client("educatore2").get(f"/api/v1/families/{family.pk}/activities/").status_code == 404
    assert token_client("educatore2").post(f"/api/v1/families/{family.pk}/activities/", activity(),
                                           format="json").status_code == 404


def test_an_id_beyond_any_integer_in_presenti_gets_400_not_a_server_error(world, token_client):
    family = start_path(world.family, included=today() - timedelta(days=30))
    response = token_client("educatore").post(f"/api/v1/families/{family.pk}/activities/",
                                              activity(presenti=[99999999999999999999]), format="json")
    assert response.status_code == 400
    assert response.json()["errors"]["presenti.0"] == ["Assicurati che il valore sia minore o uguale a 9223372036854775807."]
    assert not Intervento.objects.exists()


def test_activity_times_come_back_as_the_schema_says(world, token_client):
    family = start_path(world.family, included=today() - timedelta(days=30))
    client = token_client("educatore")
    client.post(f"/api/v1/families/{family.pk}/activities/", activity(), format="json")
    row = client.get(f"/api/v1/families/{family.pk}/activities/").json()[0]
    assert (row["ora_inizio"], row["ora_fine"]) == ("09:00", "10:30")
