"""Demo plans: plausible, agreed, deterministic, and written through the services."""

import random
from datetime import timedelta

from core.testing import today
from plans.demo import add_demo_plans, add_demo_review
from plans.models import Accordo, ProgettoQuadro
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
