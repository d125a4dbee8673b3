"""The API's persons, activities and referrals: the UI's rules, in JSON."""

import uuid
from datetime import timedelta

import pytest

from core.testing import today
from families.models import Person
from interventions.models import Intervento
from interventions.testing import start_path
from network.tests.factories import make_referral


@pytest.fixture
def token_client(world):
    from io import StringIO

    from django.core.management import call_command
    from rest_framework.test import APIClient

    def make(username: str) -> APIClient:
        out = StringIO()
        call_command("create_api_token", username, stdout=out)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {out.getvalue().strip()}")
        return client

    return make


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


def test_persons_are_added_with_the_codice_fiscale_checked(world, token_client):
    client = token_client("casemanager")
    bad = {"cognome": "Bianchi", "nome": "Marco", "sesso": "M", "ruolo": "padre", "data_nascita": "1985-03-02",
           "codice_fiscale": "BNCMRC85C02Z999X"}
    response = client.post(f"/api/v1/families/{world.family.pk}/persons/", bad, format="json")
    assert response.status_code == 400 and "codice_fiscale" in response.json()["errors"]
    assert not Person.objects.filter(nome="Marco").exists()
    good = dict(bad, codice_fiscale="")
    assert client.post(f"/api/v1/families/{world.family.pk}/persons/", good, format="json").status_code == 201
    names = {p["nome"] for p in client.get(f"/api/v1/families/{world.family.pk}/persons/").json()}
    assert names == {"Maria", "Luca", "Marco"}
    assert token_client("educatore").post(f"/api/v1/families/{world.family.pk}/persons/", good,
                                          format="json").status_code == 403


def test_referrals_are_listed_within_the_scope_without_names(world, token_client):
    referral = make_referral(world)
    rows = token_client("rt").get("/api/v1/referrals/").json()
    assert [r["id"] for r in rows] == [referral.pk]
    assert set(rows[0]) == {"id", "intake", "area", "servizio", "data_invio", "follow_up_il", "stato", "stato_dal"}
    assert token_client("rt_altro").get("/api/v1/referrals/").json() == []
    assert token_client("amministrativo").get("/api/v1/referrals/").status_code == 403
