"""Time points as people say them: the pre-assessment is not "T0", and a T1/T2 right after the intervention
starts is flagged before it is sent."""

from datetime import timedelta

import time_machine
from django.utils import timezone

from assessments import services
from assessments.selectors import current_instrument_version
from core.testing import submit_mdb, submit_preassessment
from families.models import PathEvent, Stato


def start_t1(world):
    child = world.family.persone.get(nome="Luca")
    submit_mdb(world.family, child, world.casemanager, time_point="T0")
    return services.response_start(version=current_instrument_version("mondo_del_bambino"), family=world.family,
                                   by=world.casemanager, time_point="T1", perspective="operatore", person=child)


def began_intervention(world, days_ago: int):
    PathEvent.objects.create(family=world.family, from_state=Stato.PROGETTAZIONE, to_state=Stato.IN_CORSO,
                             by=world.casemanager, at=timezone.now() - timedelta(days=days_ago))


def test_the_pre_assessment_is_shown_as_before_inclusion_not_as_t0(world, login):
    response = submit_preassessment(world.family, world.casemanager)
    client = login("casemanager")
    detail = client.get(f"/famiglie/{world.family.pk}/valutazioni/{response.pk}/").content.decode()
    listing = client.get(f"/famiglie/{world.family.pk}/valutazioni/").content.decode()
    for page in (detail, listing):
        assert "Pre-assessment, prima dell&#x27;inclusione" in page or "Pre-assessment, prima dell'inclusione" in page
    assert "T0 — inizio" not in detail


def test_a_t1_on_the_day_the_intervention_starts_is_flagged(world, login):
    began_intervention(world, days_ago=0)
    draft = start_t1(world)
    page = login("casemanager").get(f"/famiglie/{world.family.pk}/valutazioni/{draft.pk}/").content.decode()
    assert "0 giorni prima della data di questa valutazione" in page


def test_a_t1_before_the_intervention_started_is_flagged(world, login):
    draft = start_t1(world)
    page = login("casemanager").get(f"/famiglie/{world.family.pk}/valutazioni/{draft.pk}/").content.decode()
    assert "non è ancora iniziato" in page


def test_a_t1_months_into_the_intervention_is_not_flagged(world, login):
    with time_machine.travel(timezone.now() - timedelta(days=200)):
        began_intervention(world, days_ago=0)
    draft = start_t1(world)
    page = login("casemanager").get(f"/famiglie/{world.family.pk}/valutazioni/{draft.pk}/").content.decode()
    assert "giorni prima della data" not in page and "non è ancora iniziato" not in page
