"""Test helper: run the queued background tasks now, as `manage.py db_worker --batch` does in production."""

from io import StringIO

from django.core.management import call_command


def run_queued_tasks() -> None:
    call_command("db_worker", batch=True, no_startup_delay=True, stdout=StringIO(), stderr=StringIO())
