"""The API's Progetto Quadro: goals added all or nothing, actions' state guarded by the plan's version."""

import random

from plans import services as plan_services
from plans.demo import add_demo_plans
from plans.models import Azione, RisultatoAtteso


def test_an_action_state_changes_with_the_plan_version_guarding_concurrency(world, token_client):
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
