"""api.exceptions answers the services' exceptions for every view: the bodies clients rely on."""

import uuid
from datetime import timedelta

from django.core.exceptions import ValidationError
from rest_framework.test import APIRequestFactory

from api.exceptions import italian_exception_handler, validation_payload
from common.exceptions import DuplicateSubmission, StaleEdit
from core.testing import today
from interventions.testing import start_path
from plans import services as plan_services
from plans.models import RisultatoAtteso


def test_a_repeated_creation_token_answers_200_with_what_the_first_request_created(world, token_client):
    client = token_client("casemanager")
    family = {"nome": "Famiglia Api", "comune": world.comune.pk, "equipe": world.equipe.pk,
              "creation_token": str(uuid.uuid4()),
              "persone": [{"cognome": "Api", "nome": "Ada", "sesso": "F", "ruolo": "madre"}]}
    person = {"cognome": "Bianchi", "nome": "Marco", "sesso": "M", "ruolo": "padre", "creation_token": str(uuid.uuid4())}
    start_path(world.family, included=today() - timedelta(days=30))
    visit = {"data": today().isoformat(), "ora_inizio": "09:00", "ora_fine": "10:30", "creation_token": str(uuid.uuid4())}
    for url, body in (("/api/v1/families/", family), (f"/api/v1/families/{world.family.pk}/persons/", person),
                      (f"/api/v1/families/{world.family.pk}/activities/", visit)):
        first, again = client.post(url, body, format="json"), client.post(url, body, format="json")
        assert (first.status_code, again.status_code) == (201, 200), url
        assert again.json() == first.json(), url


def test_a_repeated_goal_answers_its_id(world, token_client):
    plan = plan_services.progetto_create(family=world.family, by=world.casemanager, analisi="Analisi")
    body = {"version": plan.version, "sottodimensione": "apprendimento", "descrizione": "Luca va a scuola",
            "creation_token": str(uuid.uuid4())}
    client = token_client("casemanager")
    first = client.post(f"/api/v1/families/{world.family.pk}/plan/goals/", body, format="json")
    again = client.post(f"/api/v1/families/{world.family.pk}/plan/goals/", body, format="json")
    assert first.status_code == 201 and first.json() == {"id": first.json()["id"], "azioni": []}
    assert again.status_code == 200 and again.json() == {"id": first.json()["id"]}
    assert RisultatoAtteso.objects.count() == 1


def test_a_stale_plan_answers_409_with_the_current_version(world, token_client):
    plan = plan_services.progetto_create(family=world.family, by=world.casemanager, analisi="Analisi")
    body = {"version": plan.version - 1, "sottodimensione": "apprendimento", "descrizione": "Luca va a scuola"}
    response = token_client("casemanager").post(f"/api/v1/families/{world.family.pk}/plan/goals/", body,
                                                format="json")
    assert response.status_code == 409
    assert response.json() == {"errors": {"version": [
        f"Nel frattempo il progetto è cambiato: rileggilo (versione {plan.version}) e riprova."]}}


def test_validation_errors_are_keyed_by_field_or_non_field_errors(world, token_client):
    client = token_client("casemanager")
    person = {"cognome": "Bianchi", "nome": "Marco", "sesso": "M", "ruolo": "padre", "codice_fiscale": "XYZ"}
    message = "Il codice fiscale «XYZ» non è valido: controlla le 16 lettere e cifre."
    # A family's members are numbered ("0:codice_fiscale"); a member added alone is not.
    family = {"nome": "Famiglia Api", "comune": world.comune.pk, "persone": [person]}
    assert client.post("/api/v1/families/", family, format="json").json() == {
        "errors": {"0:codice_fiscale": [message]}}
    response = client.post(f"/api/v1/families/{world.family.pk}/persons/", person, format="json")
    assert response.status_code == 400 and response.json() == {"errors": {"codice_fiscale": [message]}}
    response = client.post(f"/api/v1/families/{world.family.pk}/transition/", {"target": "chiusa"}, format="json")
    assert response.status_code == 400 and list(response.json()["errors"]) == ["non_field_errors"]


def test_an_action_date_that_is_not_iso_answers_400_and_keeps_nothing(world, token_client):
    plan = plan_services.progetto_create(family=world.family, by=world.casemanager, analisi="Analisi")
    body = {"version": plan.version, "sottodimensione": "apprendimento", "descrizione": "Luca va a scuola",
            "azioni": [{"descrizione": "Accompagnamento", "responsabile_tipo": "appoggio",
                        "responsabile_testo": "Famiglia Colombo", "data_inizio": "31/12/2026"}]}
    response = token_client("casemanager").post(f"/api/v1/families/{world.family.pk}/plan/goals/", body,
                                                format="json")
    assert response.status_code == 400
    assert response.json() == {"errors": {"azioni": ["Le date delle azioni vanno scritte come AAAA-MM-GG."]}}
    assert not RisultatoAtteso.objects.exists()


def test_a_service_refusal_answers_403_with_its_italian_message(world, token_client):
    body = {"instrument": "mondo_del_bambino", "time_point": "T0", "perspective": "operatore", "values": {}}
    response = token_client("insegnante").post(f"/api/v1/families/{world.family.pk}/assessments/", body,
                                               format="json")
    assert response.status_code == 403
    assert response.json() == {"detail": "Non puoi compilare valutazioni per questa famiglia."}


def test_the_handler_without_the_views_hooks(world):
    context = {"view": object(), "request": APIRequestFactory().get("/")}
    # No way to render what the first request created: left to the server error it always was.
    assert italian_exception_handler(DuplicateSubmission(world.family), context) is None
    stale = italian_exception_handler(StaleEdit(world.family), context)
    assert stale.status_code == 409 and f"versione {world.family.version}" in stale.data["errors"]["version"][0]
    assert validation_payload(ValidationError("Uno")) == {"errors": {"non_field_errors": ["Uno"]}}
    assert validation_payload(ValidationError({"a:b": "Due"}), field=str.upper) == {"errors": {"A:B": ["Due"]}}


def test_every_400_has_the_errors_shape_with_italian_messages(world, token_client):
    client = token_client("casemanager")
    # A body the serializer refuses, nested errors included: {"errors": {"a.0.b": [...]}}.
    response = client.post("/api/v1/families/", {"comune": 0, "nome": "", "persone": [{"nome": "Ada"}]},
                           format="json")
    errors = response.json()["errors"]
    assert response.status_code == 400
    assert errors["comune"] == ["Assicurati che il valore sia maggiore o uguale a 1."]
    assert errors["nome"] == ["Questo campo non può essere omesso."]
    assert errors["persone.0.cognome"] == ["Campo obbligatorio."]
    # The body from the issue: a documented 400 that says what to do, nothing created.
    response = client.post("/api/v1/families/", {"comune": world.comune.pk, "nome": "Famiglia X", "persone": []},
                           format="json")
    assert response.status_code == 400 and response.json() == {"errors": {"non_field_errors": [
        "Indica almeno un componente della famiglia."]}}
    # A body that is not JSON at all.
    response = client.generic("POST", "/api/v1/families/", "{not json", content_type="application/json")
    assert response.status_code == 400 and list(response.json()["errors"]) == ["non_field_errors"]


def test_an_address_under_the_api_that_names_no_operation_is_a_json_404(world, token_client):
    client = token_client("casemanager")
    for response in (client.get("/api/v1/families/-3/"), client.post("/api/v1/nessuna/", {}, format="json")):
        assert response.status_code == 404 and response.json() == {"detail": "Non trovato."}
