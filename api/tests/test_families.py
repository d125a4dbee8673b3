"""The API's families: the list, the record, registration and the path."""

import json
import uuid

from families.models import Family, Stato


def test_a_token_sees_the_same_families_as_the_ui(world, token_client):
    names = {f["nome"] for f in token_client("casemanager").get("/api/v1/families/").json()["results"]}
    assert names == {"Famiglia Bianchi"}
    assert token_client("educatore2").get(f"/api/v1/families/{world.family.pk}/").status_code == 404


def test_the_family_detail_hides_the_narrative_from_teachers(world, token_client):
    data = token_client("insegnante").get(f"/api/v1/families/{world.family.pk}/").json()
    assert data["motivo_segnalazione"] is None and {p["nome"] for p in data["persone"]} == {"Maria", "Luca"}
    assert token_client("educatore").get(f"/api/v1/families/{world.family.pk}/").json()["motivo_segnalazione"]


def test_creating_a_family_follows_the_rules_and_is_idempotent(world, token_client):
    client = token_client("casemanager")
    body = {"nome": "Famiglia Api", "comune": world.comune.pk, "equipe": world.equipe.pk,
            "creation_token": str(uuid.uuid4()),
            "persone": [{"cognome": "Api", "nome": "Ada", "sesso": "F", "ruolo": "madre", "data_nascita": "1990-01-01"}]}
    first = client.post("/api/v1/families/", body, format="json")
    second = client.post("/api/v1/families/", body, format="json")
    assert first.status_code == 201 and second.status_code == 200
    assert first.json()["id"] == second.json()["id"] and Family.objects.filter(nome="Famiglia Api").count() == 1
    bad = dict(body, creation_token=str(uuid.uuid4()), persone=[dict(body["persone"][0], codice_fiscale="XYZ")])
    response = client.post("/api/v1/families/", bad, format="json")
    assert response.status_code == 400 and "non è valido" in json.dumps(response.json(), ensure_ascii=False)
    foreign = dict(body, creation_token=str(uuid.uuid4()), comune=world.other_ambito_family.comune_id)
    assert client.post("/api/v1/families/", foreign, format="json").status_code == 400


def test_transitions_apply_the_path_rules(world, token_client):
    client = token_client("casemanager")
    url = f"/api/v1/families/{world.family.pk}/transition/"
    assert client.post(url, {"target": Stato.PREASSESSMENT}, format="json").status_code == 200
    response = client.post(url, {"target": Stato.INCLUSA}, format="json")
    assert response.status_code == 400 and "pre-assessment" in json.dumps(response.json(), ensure_ascii=False)
    assert token_client("educatore").post(url, {"target": Stato.INCLUSA}, format="json").status_code == 403
