"""The OpenAPI document in JSON and YAML, and its browsable page (Swagger UI, vendored) under the strict CSP."""

import json

import pytest
import yaml
from rest_framework.test import APIClient

from accounts.tests.test_browser_csp import watch_csp


@pytest.mark.parametrize("accept", ["*/*", "text/html", "application/vnd.oai.openapi", "application/yaml"])
def test_openapi_json_serves_json_whatever_the_client_accepts(world, accept):
    response = APIClient().get("/api/v1/openapi.json", HTTP_ACCEPT=accept)
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'inline; filename="Trama API.json"'
    assert "/api/v1/families/{id}/transition/" in json.loads(response.content)["paths"]


def test_openapi_yaml_serves_the_same_document_in_yaml(world):
    response = APIClient().get("/api/v1/openapi.yaml", HTTP_ACCEPT="application/json")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.oai.openapi")
    as_json = json.loads(APIClient().get("/api/v1/openapi.json").content)
    assert yaml.safe_load(response.content) == as_json


def test_the_documentation_page_loads_only_our_own_files(world, client):
    page = client.get("/api/v1/docs/")
    html = page.content.decode()
    assert page.status_code == 200 and "<style" not in html
    assert '<script src="/static/vendor/swagger-ui/swagger-ui-bundle.js">' in html
    assert "http://" not in html and "https://" not in html  # no CDN
    script = client.get("/api/v1/docs/?script=")
    assert script["Content-Type"] == "application/javascript"
    assert '"/api/v1/openapi.json"' in script.content.decode()


@pytest.mark.browser
def test_the_documentation_page_lists_the_operations_under_the_csp(page):
    violations = watch_csp(page)
    page.goto(f"{page.base_url}/api/v1/docs/")
    page.get_by_text("/api/v1/families/{id}/transition/").first.wait_for()
    assert page.locator(".opblock").count() >= 15
    assert not violations, violations
