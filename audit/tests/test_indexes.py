import pytest
from django.db import connection

from audit.models import AuditEntry


@pytest.mark.django_db
def test_the_log_has_no_single_column_index_that_a_composite_one_already_begins_with():
    """Every page view inserts an entry: each index costs every insert, and a plain index on the family made
    PostgreSQL read all of a family's entries instead of the recent ones for the bulk-access window."""
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, AuditEntry._meta.db_table)
    indexes = [c["columns"] for c in constraints.values() if c["index"] and not c["primary_key"]]
    leads = {columns[0] for columns in indexes if len(columns) > 1}
    assert {"family_id", "ambito_id", "actor_id"} <= leads
    assert [columns for columns in indexes if len(columns) == 1 and columns[0] in leads] == []
