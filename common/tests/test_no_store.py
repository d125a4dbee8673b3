"""`Cache-Control: no-store` on every response with personal data (common.middleware.NoStoreMiddleware), over
every GET URL of the role × URL matrix, as a persona who may open it."""

from io import StringIO

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from core.testing import PERSONAS
from families.tests.test_access_matrix import MATRIX

GET_ROWS = sorted(name for name, (method, _build, _expected) in MATRIX.items() if method == "get")


def test_every_get_url_of_the_matrix_is_never_stored_for_who_may_open_it(world, login):
    clients = {}
    failures, checked = [], 0
    for name in GET_ROWS:
        _method, build, expected = MATRIX[name]
        persona = next((p for p in PERSONAS if expected[p] == 200), None)
        if persona is None:
            continue
        client = clients.setdefault(persona, login(persona))
        response = client.get(build(world))
        checked += 1
        # The rows share one database here, so a page may already redirect (a plan created by an earlier row).
        if response.status_code >= 400 or "no-store" not in response.get("Cache-Control", ""):
            failures.append(f"{name} as {persona}: {response.status_code} {response.get('Cache-Control')!r}")
    assert not failures, failures
    assert checked > 150


@pytest.mark.parametrize("path", ["/famiglie/", "/registro-accessi/"])
def test_a_logged_in_page_says_no_store_and_private(world, login, path):
    assert login("rt").get(path)["Cache-Control"] == "no-store, private"


def test_the_api_with_a_token_is_never_stored(world):
    out = StringIO()
    call_command("create_api_token", "casemanager", stdout=out)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {out.getvalue().strip()}")
    response = client.get(f"/api/v1/families/{world.family.pk}/")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]


def test_anonymous_responses_are_left_as_they_are(world, client):
    assert "no-store" not in APIClient().get("/api/v1/openapi.json").get("Cache-Control", "")
