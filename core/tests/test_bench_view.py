"""The benchmark's bare view exists only with bench.settings' URLs, never in Trama's own."""

import pytest
from django.test import override_settings


@pytest.mark.django_db
def test_the_bare_view_answers_a_constant_without_queries(client, django_assert_num_queries):
    with override_settings(ROOT_URLCONF="bench.urls"), django_assert_num_queries(0):
        response = client.get("/bench/bare/")
    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.django_db
def test_trama_itself_has_no_bare_view(client):
    assert client.get("/bench/bare/").status_code == 404
