from io import StringIO

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient


@pytest.fixture
def token_client(world):
    """token_client("casemanager") → an API client authenticated with that persona's token."""

    def make(username: str) -> APIClient:
        out = StringIO()
        call_command("create_api_token", username, stdout=out)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {out.getvalue().strip()}")
        return client

    return make
