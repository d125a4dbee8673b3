"""The root conftest's --today: the instant a wall-clock time of Europe/Rome names, and every test starting there."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from conftest import today_instant

ROME = ZoneInfo("Europe/Rome")


@pytest.mark.parametrize(("value", "expected", "note"), [
    ("2027-01-01T00:10", datetime(2027, 1, 1, 0, 10, tzinfo=ROME), ""),
    ("2027-01-01", datetime(2027, 1, 1, 12, 0, tzinfo=ROME), ""),  # a plain date: its noon
    ("2027-01-01T00:30Z", datetime(2027, 1, 1, 1, 30, tzinfo=ROME), ""),
    # The night DST starts 02:00-03:00 is skipped: 02:30 moves forward by the gap.
    ("2027-03-28T02:30", datetime(2027, 3, 28, 3, 30, tzinfo=ROME), "does not exist"),
    # The night it ends 02:00-03:00 comes twice: the first (CEST).
    ("2027-10-31T02:30", datetime(2027, 10, 31, 2, 30, fold=0, tzinfo=ROME), "occurs twice"),
])
def test_today_names_a_wall_clock_time_of_the_project_s_time_zone(value, expected, note):
    instant, text = today_instant(value, ROME)
    assert (instant.timestamp(), instant.utcoffset(), note in text) == (expected.timestamp(), expected.utcoffset(), True)


def test_a_bad_today_is_a_usage_error():
    with pytest.raises(pytest.UsageError, match="not an ISO date"):
        today_instant("domani", ROME)


def test_each_test_starts_at_the_instant_of_today(request):
    """However far into the session this test runs (and on whichever xdist worker), it starts at --today."""
    if request.config.getoption("today"):
        instant, _ = today_instant(request.config.getoption("today"), ROME)
        assert instant <= timezone.now() < instant + timedelta(minutes=1)
    else:
        assert not time_machine.escape_hatch.is_travelling()
