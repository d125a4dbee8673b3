import pytest

from plans.testing import agreed_plan, draft_plan


@pytest.fixture
def plan(world):
    """A draft plan for world.family with two goals (the first also with an action of the teacher)."""
    return draft_plan(world.family, world.casemanager, goals=2, teacher=world.insegnante)


@pytest.fixture
def agreed(world):
    return agreed_plan(world.family, world.casemanager, goals=2, teacher=world.insegnante)
