"""Test helper: run the queued background tasks now, as `manage.py db_worker --batch` does in production."""

from io import StringIO
from unittest import mock

from django.core.management import call_command


def run_queued_tasks() -> None:
    # The worker drops "old" connections between tasks; inside a test's transaction (autocommit off) that
    # would close the test's own connection on PostgreSQL, so it is kept for the duration of the call.
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", batch=True, no_startup_delay=True, stdout=StringIO(), stderr=StringIO())
