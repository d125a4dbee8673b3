"""The path: the intervention starts (in corso) only with a plan agreed with the family."""

import pytest
from django.core.exceptions import ValidationError

from families.models import Family, Stato
from families.services import family_transition
from plans import services
from plans.testing import agree, draft_plan


def start_intervention(world):
    family = Family.objects.get(pk=world.family.pk)
    return family_transition(family=family, by=world.casemanager, target=Stato.IN_CORSO)


@pytest.fixture
def in_progettazione(world):
    Family.objects.filter(pk=world.family.pk).update(stato=Stato.PROGETTAZIONE)


MESSAGE = "Il Progetto Quadro deve essere concordato con la famiglia prima dell'avvio dell'intervento."


def test_without_a_plan_the_intervention_does_not_start(world, in_progettazione):
    with pytest.raises(ValidationError) as error:
        start_intervention(world)
    assert MESSAGE in error.value.messages
    assert Family.objects.get(pk=world.family.pk).stato == Stato.PROGETTAZIONE


def test_a_draft_plan_is_not_enough(world, in_progettazione):
    draft_plan(world.family, world.casemanager)
    with pytest.raises(ValidationError) as error:
        start_intervention(world)
    assert MESSAGE in error.value.messages


def test_an_agreed_plan_starts_the_intervention(world, in_progettazione):
    agree(draft_plan(world.family, world.casemanager), world.casemanager)
    assert start_intervention(world).stato == Stato.IN_CORSO


def test_a_replanned_draft_after_agreement_does_not_count(world, in_progettazione):
    plan = agree(draft_plan(world.family, world.casemanager), world.casemanager)
    services.progetto_nuova_versione(progetto=plan, by=world.casemanager, version=plan.version)
    with pytest.raises(ValidationError):
        start_intervention(world)
