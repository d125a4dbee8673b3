"""The budget's aggregates are cached under the ambito's activity token: a second look runs no aggregate,
and every change to the records they come from shows at once."""

from datetime import time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.testing import today
from interventions import services
from interventions.activity import touch_activity
from interventions.budget import budget_report
from interventions.models import Facilitatore, Incontro, Intervento
from interventions.tests.test_budget import raw_hours, setup  # noqa: F401 - the fixture
from organisation.models import Ente


def hours(world, budget):
    budget.refresh_from_db()
    return budget_report(world.rt, budget).ore_usate


def test_a_second_look_runs_no_aggregate_over_the_visits(world, setup, login):  # noqa: F811
    client = login("rt")
    client.get("/interventi/budget/")
    with CaptureQueriesContext(connection) as warm:
        assert client.get("/interventi/budget/").status_code == 200
    assert not [q for q in warm.captured_queries if "interventions_intervento" in q["sql"]]


@pytest.mark.parametrize("change", ["new_visit", "deleted_visit", "longer_visit", "meeting_held", "facilitator_role",
                                    "facilitator_added", "ente_renamed", "other_ambito"])
def test_every_change_to_the_records_shows_at_once(world, setup, change):  # noqa: F811
    budget, ets = setup
    before = hours(world, budget)
    assert before == raw_hours(budget)
    visit = Intervento.objects.filter(ambito=world.ambito, operatore=world.educatore).order_by("data").last()
    meeting = Incontro.objects.get(numero=2)
    if change == "new_visit":
        services.intervento_create(family=world.family, by=world.educatore, data=today() - timedelta(days=7),
                                   ora_inizio=time(9, 0), ora_fine=time(12, 0))
    elif change == "deleted_visit":
        services.intervento_delete(visit=visit, by=world.educatore)
    elif change == "longer_visit":
        visit.durata_minuti += 60
        visit.save()
    elif change == "meeting_held":
        services.incontro_update(incontro=meeting, by=world.rt, data=today() - timedelta(days=1),
                                 ora_inizio=time(17, 0), ora_fine=time(19, 0), svolto=True)
    elif change == "facilitator_role":
        Facilitatore.objects.filter(ruolo="pedagogista").update(ruolo="psicologo")  # a bulk write...
        touch_activity(ambito_id=world.ambito.pk)  # ...touches the token itself
    elif change == "facilitator_added":
        Facilitatore.objects.create(gruppo=meeting.gruppo, user=world.coach, ruolo="pedagogista")
    elif change == "ente_renamed":
        ets.nome = "Cooperativa Il Girasole Nuovo"
        ets.save()
    elif change == "other_ambito":
        other = world.other_ambito_family
        Intervento.objects.create(family=other, ambito=other.ambito, operatore=world.educatore,
                                  data=today() - timedelta(days=2), ora_inizio=time(9, 0), ora_fine=time(10, 0),
                                  durata_minuti=60, servizio="educativa", ruolo="educatore")
    report = budget_report(world.rt, budget)
    assert report.ore_usate == raw_hours(budget)
    if change == "other_ambito":
        assert report.ore_usate == before
    elif change == "facilitator_role":
        assert any(r.ruolo == "psicologo" and r.ore_usate for r in report.roles)
    elif change == "ente_renamed":
        assert "Cooperativa Il Girasole Nuovo" in {e["ente"] for e in report.by_ente}
    else:
        assert report.ore_usate != before


def test_the_token_changes_with_the_record_in_one_transaction(world, setup):  # noqa: F811
    budget, _ets = setup
    token = type(world.ambito).objects.get(pk=world.ambito.pk).versione_attivita
    services.intervento_create(family=world.family, by=world.educatore, data=today() - timedelta(days=8),
                               ora_inizio=time(9, 0), ora_fine=time(10, 0))
    assert type(world.ambito).objects.get(pk=world.ambito.pk).versione_attivita != token
    assert Ente.objects.filter(pk=_ets.pk).exists()
