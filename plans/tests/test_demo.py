"""Demo plans: plausible, agreed, deterministic, and written through the services."""

import random
from datetime import timedelta

from core.testing import today
from plans.demo import add_demo_family_version, add_demo_plans, add_demo_review
from plans.models import Accordo, Azione, ProgettoQuadro, Traduzione
from plans.selectors import has_agreed_plan


def test_a_demo_plan_is_agreed_by_the_mother_with_two_or_three_goals(world):
    plan = add_demo_plans(world.family, world.casemanager, random.Random(3), on=today() - timedelta(days=30))
    assert plan.stato == ProgettoQuadro.Stato.CONCORDATO and has_agreed_plan(world.family)
    assert 2 <= plan.risultati.count() <= 3
    assert all(goal.azioni.exists() for goal in plan.risultati.all())
    agreement = plan.accordi.get()
    assert agreement.persona.nome == "Maria" and agreement.esito == Accordo.Esito.CONCORDA
    assert agreement.data == today() - timedelta(days=30)


def test_demo_plans_are_deterministic(world):
    first = add_demo_plans(world.family, world.casemanager, random.Random(7))
    codes = list(first.risultati.order_by("pk").values_list("sottodimensione", flat=True))
    ProgettoQuadro.objects.all().delete()
    second = add_demo_plans(world.family, world.casemanager, random.Random(7))
    assert list(second.risultati.order_by("pk").values_list("sottodimensione", flat=True)) == codes


def test_a_family_with_a_plan_or_without_an_equipe_is_left_alone(world):
    add_demo_plans(world.family, world.casemanager, random.Random(1))
    assert add_demo_plans(world.family, world.casemanager, random.Random(1)) is None
    assert add_demo_plans(world.tutor_family, world.rt, random.Random(1)) is None


def test_a_demo_review_gives_every_goal_an_outcome(world):
    plan = add_demo_plans(world.family, world.casemanager, random.Random(2), on=today() - timedelta(days=200))
    add_demo_review(world.family, world.casemanager, random.Random(2), momento="T1", on=today() - timedelta(days=10))
    review = plan.verifiche.get()
    assert review.esiti.count() == plan.risultati.count()


def test_the_demo_parents_plan_gets_its_arabic_version_for_every_goal_and_action(world):
    plan = add_demo_plans(world.family, world.casemanager, random.Random(5))
    count = add_demo_family_version(world.genitore)
    items = plan.risultati.count() + Azione.objects.filter(risultato__progetto=plan).count()
    assert count == items == Traduzione.objects.filter(lingua="ar").count()
    assert not any(t.is_stale for t in Traduzione.objects.all())
    assert add_demo_family_version(world.users["casemanager"]) == 0  # not a family member: nothing
