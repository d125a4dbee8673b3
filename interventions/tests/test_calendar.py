"""Week and month calendars, and the tokenised iCalendar feed."""

from datetime import time, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core.testing import today
from interventions import services
from interventions.models import CalendarToken
from interventions.testing import parents_group, start_path


@pytest.fixture
def family(world):
    return start_path(world.family, included=today() - timedelta(days=90))


def visit(family, by, day, start=(9, 0), end=(10, 0)):
    return services.intervento_create(family=family, by=by, data=day, ora_inizio=time(*start), ora_fine=time(*end))


def test_operator_week_shows_own_visits_and_groups_only(world, family, login):
    other = start_path(world.other_equipe_family, included=today() - timedelta(days=30))
    visit(family, world.educatore, today())
    visit(other, world.educatore2, today())
    parents_group(world, start=today() - timedelta(days=today().weekday()))
    page = login("educatore").get("/interventi/calendario/")
    body = page.content.decode()
    assert "Educativa domiciliare e territoriale SER-00001" in body and "SER-00002" not in body
    assert "Gruppo «Genitori al centro», incontro 1" in body
    assert "Bianchi" not in body and "Maria" not in body
    assert page.context["cal"]["count"] == 2


def test_family_calendar_month(world, family, login):
    visit(family, world.educatore, today())
    parents_group(world, start=today())
    page = login("casemanager").get(f"/famiglie/{family.pk}/interventi/calendario/?vista=mese")
    assert page.status_code == 200 and page.context["cal"]["view"] == "mese"
    assert page.context["cal"]["count"] >= 2
    assert login("educatore2").get(f"/famiglie/{family.pk}/interventi/calendario/").status_code == 404


def test_calendar_query_count_is_constant(world, family, login):
    client = login("educatore")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/interventi/calendario/?vista=mese&data={today():%Y-%m-%d}").status_code == 200
        return len(ctx.captured_queries)

    visit(family, world.educatore, today())
    small = count()
    for days in range(1, 12):
        if (today() - timedelta(days=days)).month == today().month:
            visit(family, world.educatore, today() - timedelta(days=days))
    parents_group(world, start=today().replace(day=1))
    assert count() == small


def test_ical_feed_with_revocable_token(world, family, login):
    visit(family, world.educatore, today(), (15, 0), (16, 30))
    client = login("educatore")
    client.post("/interventi/calendario/feed/", {"azione": "rinnova"})
    token = CalendarToken.objects.get(user=world.educatore).token
    page = client.get("/interventi/calendario/feed/").content.decode()
    assert f"/interventi/ical/{token}.ics" in page
    anonymous = Client()
    feed = anonymous.get(f"/interventi/ical/{token}.ics")
    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    assert feed["Cache-Control"] == "no-store, private"  # no login, but the events name families' codes
    body = feed.content.decode()
    assert body.startswith("BEGIN:VCALENDAR") and body.count("BEGIN:VEVENT") == 1
    assert "SER-00001" in body and "Bianchi" not in body
    # A new address retires the old one; revoking retires both.
    client.post("/interventi/calendario/feed/", {"azione": "rinnova"})
    assert anonymous.get(f"/interventi/ical/{token}.ics").status_code == 404
    new = CalendarToken.objects.get(user=world.educatore).token
    assert anonymous.get(f"/interventi/ical/{new}.ics").status_code == 200
    client.post("/interventi/calendario/feed/", {"azione": "revoca"})
    assert anonymous.get(f"/interventi/ical/{new}.ics").status_code == 404
    assert anonymous.get("/interventi/ical/indovinato.ics").status_code == 404


def test_ical_feed_has_only_the_operators_own_events(world, family):
    visit(family, world.casemanager, today(), (11, 0), (12, 0))
    token = CalendarToken.objects.create(user=world.educatore).token
    assert "BEGIN:VEVENT" not in Client().get(f"/interventi/ical/{token}.ics").content.decode()
