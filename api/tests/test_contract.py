"""Contract tests of the REST API with schemathesis: every GET operation of /api/v1/openapi.json, called
in-process with generated parameters by a case manager's token, answers within the schema, never 500,
and never with another scope's family."""

from io import StringIO

import pytest
import schemathesis
from django.core.management import call_command
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db(transaction=True)

EXAMPLES = 12


@pytest.fixture
def api(world):
    out = StringIO()
    call_command("create_api_token", "casemanager", stdout=out)
    app = get_wsgi_application()
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json?format=json", app)
    return schema, {"Authorization": f"Token {out.getvalue().strip()}"}


def test_every_get_operation_honours_the_schema_and_the_scope(world, api):
    schema, headers = api
    operations = [op.ok() for op in schema.get_all_operations() if op.ok().method.upper() == "GET"]
    assert len(operations) >= 6
    foreign_ids = {str(world.other_ambito_family.pk), str(world.other_equipe_family.pk)}
    calls = {"n": 0}

    for operation in operations:
        strategy = operation.as_strategy()
        if "{pk}" in operation.path:
            # Half of the cases aim at real families (mine and others'), half at generated ids.
            ids = st.sampled_from([world.family.pk, world.other_equipe_family.pk, world.other_ambito_family.pk])
            strategy = st.one_of(strategy, st.tuples(strategy, ids).map(lambda t: _with_pk(*t)))

        @settings(max_examples=EXAMPLES, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=strategy)
        def check(case):
            response = case.call(headers=headers)
            calls["n"] += 1
            assert response.status_code < 500, (case.path, case.path_parameters, response.text[:300])
            if case.path_parameters and str(case.path_parameters.get("pk")) in foreign_ids:
                assert response.status_code == 404, (case.path, response.status_code)
            if response.status_code == 200:
                case.validate_response(response, headers=headers)

        check()
    assert calls["n"] >= len(operations)


def _with_pk(case, pk):
    case.path_parameters = {**(case.path_parameters or {}), "pk": pk}
    return case
