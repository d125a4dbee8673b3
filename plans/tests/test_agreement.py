"""The family's agreement: who may give it, when, and what it does to the plan."""

import uuid
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from core.testing import PersonFactory, today
from families.models import Person
from plans import services
from plans.models import Accordo, ProgettoQuadro
from plans.testing import adult_of


def record(world, plan, **overrides):
    plan.refresh_from_db()
    values = {"persona": adult_of(world.family), "data": today(), "esito": Accordo.Esito.CONCORDA,
              "commento": "Ci proviamo insieme."}
    values.update(overrides)
    return services.accordo_record(progetto=plan, by=world.casemanager, version=plan.version, **values)


def test_the_mothers_agreement_locks_the_plan(world, plan):
    agreement = record(world, plan)
    plan.refresh_from_db()
    assert plan.stato == ProgettoQuadro.Stato.CONCORDATO and plan.concordato_il == today()
    assert agreement.registrato_da == world.casemanager and agreement.commento == "Ci proviamo insieme."


def test_asking_for_changes_keeps_the_plan_a_draft(world, plan):
    record(world, plan, esito=Accordo.Esito.MODIFICHE, commento="Vorrei meno visite.")
    plan.refresh_from_db()
    assert plan.stato == ProgettoQuadro.Stato.BOZZA and plan.accordi.count() == 1


@pytest.mark.parametrize("who", ["child", "stranger", "minor_by_age"])
def test_agreement_by_someone_who_is_not_an_adult_of_the_family_is_refused(world, plan, who):
    person = {
        "child": lambda: world.family.persone.get(ruolo=Person.Ruolo.MINORE),
        "stranger": lambda: world.other_ambito_family.persone.first(),
        "minor_by_age": lambda: PersonFactory(family=world.family, ruolo=Person.Ruolo.ALTRO,
                                              data_nascita=today() - timedelta(days=365 * 15)),
    }[who]()
    with pytest.raises(ValidationError) as error:
        record(world, plan, persona=person)
    assert "Scegli un adulto di questa famiglia" in error.value.message_dict["persona"][0]
    assert not Accordo.objects.exists()
    assert ProgettoQuadro.objects.get(pk=plan.pk).stato == ProgettoQuadro.Stato.BOZZA


def test_an_agreement_dated_in_the_future_is_refused(world, plan):
    with pytest.raises(ValidationError) as error:
        record(world, plan, data=today() + timedelta(days=1))
    assert "nel futuro" in error.value.message_dict["data"][0]


def test_a_plan_without_goals_cannot_be_agreed(world):
    plan = services.progetto_create(family=world.family, by=world.casemanager)
    with pytest.raises(ValidationError) as error:
        record(world, plan)
    assert "almeno uno" in error.value.messages[0]
    assert not Accordo.objects.exists()


def test_a_double_submitted_agreement_is_recorded_once(world, plan):
    token = uuid.uuid4()
    record(world, plan, creation_token=token)
    with pytest.raises(services.DuplicateSubmission):
        record(world, plan, creation_token=token)
    assert Accordo.objects.count() == 1


def test_the_father_may_agree_too_after_the_mother(world, agreed):
    father = PersonFactory(family=world.family, nome="Paolo", sesso="M", ruolo=Person.Ruolo.PADRE,
                           data_nascita=date(1985, 1, 1))
    record(world, agreed, persona=father)
    assert agreed.accordi.count() == 2
