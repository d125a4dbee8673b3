"""The case manager's overview: each family's dispositivi and intensity over the last weeks."""

from datetime import time, timedelta
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.testing import FamilyFactory, today
from interventions.models import Assegnazione, Intervento
from interventions.selectors import week_start
from interventions.testing import parents_group, start_path
from scuola.tests.helpers import frequenza
from vicinanza.testing import pairing


def hours(family, by, day, minutes):
    start = time(9, 0)
    end = time(9 + minutes // 60, minutes % 60)
    return Intervento.objects.create(family=family, ambito=family.ambito, operatore=by, data=day, ora_inizio=start,
                                     ora_fine=end, durata_minuti=minutes, servizio="educativa", ruolo="educatore")


def test_overview_shows_dispositivi_and_weekly_hours(world, login):
    family = start_path(world.family, included=today() - timedelta(days=120))
    Assegnazione.objects.create(family=family, operatore=world.educatore, ore_settimanali=Decimal("10"),
                                data_inizio=today() - timedelta(days=90))
    last_monday = week_start(today()) - timedelta(days=7)
    hours(family, world.educatore, last_monday, 180)
    hours(family, world.educatore, last_monday + timedelta(days=2), 150)
    parents_group(world)
    frequenza(world)
    pairing(world, stato="attivo")
    response = login("casemanager").get("/interventi/famiglie/")
    (row,) = response.context["rows"]
    assert row.family == family and row.family.planned_weekly == Decimal("10")
    assert row.last_week == 5.5 and row.below
    assert set(row.dispositivi) == {"educativa", "gruppi", "scuola", "vicinanza"}
    page = response.content.decode()
    assert "Partenariato scuola-famiglia-servizi" in page and "sotto le 8 ore" in page
    # Other équipe's families are not there.
    start_path(world.other_equipe_family, included=today() - timedelta(days=30))
    assert len(login("casemanager").get("/interventi/famiglie/").context["rows"]) == 1


def test_overview_query_count_is_constant(world, login):
    client = login("rt")
    start_path(world.family, included=today() - timedelta(days=60))
    client.get("/interventi/famiglie/")
    with CaptureQueriesContext(connection) as few:
        client.get("/interventi/famiglie/")
    for n in range(10):
        f = start_path(FamilyFactory(ambito=world.ambito, comune=world.comune, equipe=world.equipe,
                                     codice=f"SER-9{n:04d}"), included=today() - timedelta(days=60))
        hours(f, world.educatore, today() - timedelta(days=n), 60)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/interventi/famiglie/")
    assert len(response.context["rows"]) == 11
    assert len(many) == len(few)
