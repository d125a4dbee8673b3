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


def test_an_assessment_is_filled_and_submitted_through_the_api(world, token_client):
    from assessments.models import Response
    from assessments.selectors import current_instrument_version

    luca = world.family.persone.get(nome="Luca")
    codes = [i.code for i in current_instrument_version("mondo_del_bambino").parsed.items]
    body = {"instrument": "mondo_del_bambino", "time_point": "T0", "perspective": "operatore", "person": luca.pk,
            "values": {c: "4" for c in codes}, "submit": True}
    response = token_client("casemanager").post(f"/api/v1/families/{world.family.pk}/assessments/", body,
                                                format="json")
    assert response.status_code == 201, response.content
    saved = Response.objects.get(pk=response.json()["id"])
    assert saved.status == Response.Status.SUBMITTED and saved.scores
    # Missing answers: 400 in Italian and nothing submitted; another family's child: 400.
    partial = dict(body, time_point="T1", values={codes[0]: "3"})
    bad = token_client("casemanager").post(f"/api/v1/families/{world.family.pk}/assessments/", partial, format="json")
    assert bad.status_code == 400 and "mancano" in str(bad.json())
    assert not Response.objects.filter(time_point="T1").exists()
    stranger = dict(body, person=world.other_ambito_family.persone.first().pk)
    assert token_client("casemanager").post(f"/api/v1/families/{world.family.pk}/assessments/", stranger,
                                            format="json").status_code == 400
    assert token_client("educatore2").post(f"/api/v1/families/{world.family.pk}/assessments/", body,
                                           format="json").status_code == 404


def test_a_referral_moves_on_through_the_api_with_the_ui_rules(world, token_client):
    referral = make_referral(world)
    client = token_client("tutor")
    moved = client.post(f"/api/v1/referrals/{referral.pk}/status/", {"target": "accolto"}, format="json")
    assert moved.status_code == 200 and moved.json()["stato"] == "accolto"
    back = client.post(f"/api/v1/referrals/{referral.pk}/status/", {"target": "inviato"}, format="json")
    assert back.status_code == 400 and "non può tornare" in str(back.json())
    assert token_client("rt_altro").post(f"/api/v1/referrals/{referral.pk}/status/", {"target": "accolto"},
                                         format="json").status_code == 404


def test_an_action_state_changes_with_the_plan_version_guarding_concurrency(world, token_client):
    import random

    from plans.demo import add_demo_plans
    from plans.models import Azione

    add_demo_plans(world.family, world.casemanager, random.Random(1))
    client = token_client("casemanager")
    plan = client.get(f"/api/v1/families/{world.family.pk}/plan/").json()
    action_id = plan["risultati_attesi"][0]["azioni"][0]["id"]
    url = f"/api/v1/families/{world.family.pk}/plan/actions/{action_id}/status/"
    done = client.post(url, {"stato": "svolta", "version": plan["version"]}, format="json")
    assert done.status_code == 200 and Azione.objects.get(pk=action_id).stato == "svolta"
    stale = client.post(url, {"stato": "non_svolta", "version": plan["version"]}, format="json")
    assert stale.status_code == 409 and Azione.objects.get(pk=action_id).stato == "svolta"
    assert token_client("educatore").post(url, {"stato": "svolta", "version": 1}, format="json").status_code == 403


def test_a_goal_with_its_actions_is_added_all_or_nothing(world, token_client):
    from plans import services as plan_services
    from plans.models import Azione, RisultatoAtteso

    plan = plan_services.progetto_create(family=world.family, by=world.casemanager, analisi="Analisi")
    client = token_client("casemanager")
    url = f"/api/v1/families/{world.family.pk}/plan/goals/"
    body = {"version": plan.version, "sottodimensione": "apprendimento", "descrizione": "Luca va a scuola ogni giorno",
            "azioni": [{"descrizione": "Accompagnamento a scuola", "responsabile_tipo": "appoggio",
                        "responsabile_testo": "Famiglia Colombo", "dispositivi": ["vicinanza"]}]}
    created = client.post(url, body, format="json")
    assert created.status_code == 201, created.content
    assert RisultatoAtteso.objects.get(pk=created.json()["id"]).azioni.count() == 1
    # A bad action: nothing of the goal is kept.
    plan.refresh_from_db()
    bad = dict(body, version=plan.version, descrizione="Altro", azioni=[{"descrizione": "", "responsabile_tipo": "x"}])
    assert client.post(url, bad, format="json").status_code == 400
    assert RisultatoAtteso.objects.count() == 1 and Azione.objects.count() == 1
    stale = dict(body, version=plan.version - 1)
    assert client.post(url, stale, format="json").status_code == 409
