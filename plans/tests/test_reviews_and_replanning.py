"""Reviews (verifiche) per expected outcome, and re-planning into a new version of the plan."""

import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from core.testing import today
from plans import services
from plans.models import Azione, EsitoVerifica, ProgettoQuadro, RisultatoAtteso, Verifica
from plans.selectors import current_plan, has_agreed_plan
from plans.testing import agree, draft_plan


def review(world, plan, outcomes, **overrides):
    plan.refresh_from_db()
    values = {"momento": Verifica.Momento.T1, "data": today(), "note": "Incontro con la famiglia."}
    values.update(overrides)
    return services.verifica_record(progetto=plan, by=world.casemanager, version=plan.version,
                                    esiti=[services.OutcomeData(pk, esito, "nota") for pk, esito in outcomes],
                                    **values)


def goals(plan):
    return list(plan.risultati.order_by("pk").values_list("pk", flat=True))


def test_a_review_records_an_outcome_per_goal(world, agreed):
    first, second = goals(agreed)
    saved = review(world, agreed, [(first, "raggiunto"), (second, "parziale")])
    assert dict(saved.esiti.values_list("risultato_id", "esito")) == {first: "raggiunto", second: "parziale"}


def test_a_review_must_give_every_goal_an_outcome(world, agreed):
    first, _second = goals(agreed)
    with pytest.raises(ValidationError) as error:
        review(world, agreed, [(first, "raggiunto")])
    assert "Indica l'esito di «Risultato atteso numero 2»" in error.value.messages[0]
    assert not Verifica.objects.exists() and not EsitoVerifica.objects.exists()


def test_a_review_of_a_goal_of_another_plan_is_refused(world, agreed):
    other = draft_plan(world.other_equipe_family, world.casemanager2)
    foreign = other.risultati.first().pk
    with pytest.raises(ValidationError) as error:
        review(world, agreed, [(pk, "raggiunto") for pk in goals(agreed)] + [(foreign, "raggiunto")])
    assert "non fa parte di questo progetto" in error.value.messages[0]
    assert not Verifica.objects.exists()


def test_a_review_of_a_goal_that_does_not_exist_is_refused(world, agreed):
    with pytest.raises(ValidationError) as error:
        review(world, agreed, [(pk, "raggiunto") for pk in goals(agreed)] + [(999999, "raggiunto")])
    assert "non fa parte di questo progetto" in error.value.messages[0]


def test_a_review_dated_in_the_future_is_refused(world, agreed):
    with pytest.raises(ValidationError) as error:
        review(world, agreed, [(pk, "raggiunto") for pk in goals(agreed)], data=today() + timedelta(days=2))
    assert "non può essere nel futuro" in error.value.message_dict["data"][0]
    assert not Verifica.objects.exists()


def test_a_review_before_the_agreement_is_refused(world, agreed):
    with pytest.raises(ValidationError) as error:
        review(world, agreed, [(pk, "raggiunto") for pk in goals(agreed)], data=today() - timedelta(days=5))
    assert "precedente all'accordo" in error.value.message_dict["data"][0]


def test_a_draft_plan_cannot_be_reviewed(world, plan):
    with pytest.raises(ValidationError) as error:
        review(world, plan, [(pk, "raggiunto") for pk in goals(plan)])
    assert "solo su un progetto concordato" in error.value.messages[0]


def test_an_unknown_outcome_is_refused(world, agreed):
    with pytest.raises(ValidationError) as error:
        review(world, agreed, [(pk, "forse") for pk in goals(agreed)])
    assert "raggiunto in parte" in error.value.messages[0]


def test_a_double_submitted_review_is_recorded_once(world, agreed):
    token = uuid.uuid4()
    outcomes = [(pk, "parziale") for pk in goals(agreed)]
    review(world, agreed, outcomes, creation_token=token)
    with pytest.raises(services.DuplicateSubmission):
        review(world, agreed, outcomes, creation_token=token)
    assert Verifica.objects.count() == 1


def test_replanning_copies_the_open_goals_and_resets_the_agreement(world, agreed):
    first, second = goals(agreed)
    review(world, agreed, [(first, "raggiunto"), (second, "non_raggiunto")])
    agreed.refresh_from_db()
    new = services.progetto_nuova_versione(progetto=agreed, by=world.casemanager, version=agreed.version)
    agreed.refresh_from_db()
    assert agreed.stato == ProgettoQuadro.Stato.SUPERATO
    assert new.numero == 2 and new.stato == ProgettoQuadro.Stato.BOZZA and new.precedente == agreed
    copied = list(new.risultati.all())
    assert [g.origine_id for g in copied] == [second]
    assert Azione.objects.filter(risultato__progetto=new).count() == 1
    assert not new.accordi.exists()
    assert current_plan(world.family) == new
    assert not has_agreed_plan(world.family)


def test_replanning_leaves_out_actions_already_done(world, agreed):
    Azione.objects.filter(risultato__progetto=agreed).update(stato=Azione.StatoAzione.SVOLTA)
    new = services.progetto_nuova_versione(progetto=agreed, by=world.casemanager, version=agreed.version)
    assert RisultatoAtteso.objects.filter(progetto=new).count() == 2
    assert not Azione.objects.filter(risultato__progetto=new).exists()


def test_a_draft_is_edited_not_replanned(world, plan):
    with pytest.raises(ValidationError) as error:
        services.progetto_nuova_versione(progetto=plan, by=world.casemanager, version=plan.version)
    assert "puoi modificarlo direttamente" in error.value.messages[0]


def test_a_replaced_version_cannot_be_changed(world, agreed):
    services.progetto_nuova_versione(progetto=agreed, by=world.casemanager, version=agreed.version)
    agreed.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        agree(agreed, world.casemanager)
    assert "sostituita" in error.value.messages[0]


def test_two_replannings_from_the_same_page_make_one_new_version(world, agreed):
    services.progetto_nuova_versione(progetto=agreed, by=world.casemanager, version=agreed.version)
    with pytest.raises(ValidationError):
        services.progetto_nuova_versione(progetto=agreed, by=world.rt, version=agreed.version)
    assert ProgettoQuadro.objects.filter(family=world.family).count() == 2
