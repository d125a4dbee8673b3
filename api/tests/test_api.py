"""The API's doors: token authentication and the OpenAPI document."""

from io import StringIO

from django.core.management import call_command
from rest_framework.test import APIClient


def test_without_a_token_the_api_answers_401_in_italian(world):
    response = APIClient().get("/api/v1/families/")
    assert response.status_code == 401 and "Authorization: Token" in response.json()["detail"]


def test_the_openapi_document_lists_the_endpoints(world):
    schema = APIClient().get("/api/v1/openapi.json", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    text = schema.content.decode()
    assert "/api/v1/families/" in text and "/api/v1/families/{id}/transition/" in text


def test_rotating_a_token_revokes_the_old_one(world):
    out = StringIO()
    call_command("create_api_token", "rt", stdout=out)
    old = out.getvalue().strip()
    out = StringIO()
    call_command("create_api_token", "rt", "--rotate", stdout=out)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {old}")
    assert client.get("/api/v1/families/").status_code == 401
