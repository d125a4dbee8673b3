"""Plans of families outside the user's scope answer 404; parts of another family's plan too."""

import pytest

from core.testing import PERSONAS, member
from organisation.models import Equipe, Role
from plans.testing import draft_plan

SUFFIXES = ["", "nuovo/", "modifica/", "versioni/1/", "risultati/nuovo/", "accordo/", "verifica/",
            "nuova-versione/", "pdf/"]


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_the_plan_of_a_family_of_another_ambito_is_not_found(world, login, suffix):
    family = world.other_ambito_family
    cm = member(world.other_ambito, Role.CASE_MANAGER, username="cm_monza")
    family.equipe = Equipe.objects.create(ambito=world.other_ambito, nome="Équipe Monza", case_manager=cm)
    family.save()
    draft_plan(family, cm)
    for persona in PERSONAS:
        if persona == "rt_altro":
            continue
        response = login(persona).get(f"/famiglie/{family.pk}/progetto/{suffix}")
        assert response.status_code == 404, persona


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_the_plan_of_another_equipe_is_not_found_for_this_equipe(world, login, suffix):
    family = world.other_equipe_family
    draft_plan(family, world.casemanager2)
    for persona in ("casemanager", "educatore", "insegnante", "coach"):
        assert login(persona).get(f"/famiglie/{family.pk}/progetto/{suffix}").status_code == 404, persona
    assert login("casemanager2").get(f"/famiglie/{family.pk}/progetto/").status_code == 200


def test_goals_and_actions_of_another_familys_plan_are_not_found_through_mine(world, login, plan):
    other = draft_plan(world.other_equipe_family, world.casemanager2)
    goal = other.risultati.first()
    action = goal.azioni.first()
    client = login("casemanager")
    base = f"/famiglie/{world.family.pk}/progetto/"
    assert client.get(f"{base}risultati/{goal.pk}/modifica/").status_code == 404
    assert client.get(f"{base}risultati/{goal.pk}/azioni/nuova/").status_code == 404
    assert client.get(f"{base}azioni/{action.pk}/modifica/").status_code == 404
    assert client.post(f"{base}azioni/{action.pk}/modifica/", {"descrizione": "x"}).status_code == 404


def test_volunteers_and_parents_have_no_access_yet(world, login, plan):
    for persona in ("volontario", "genitore"):
        assert login(persona).get(f"/famiglie/{world.family.pk}/progetto/").status_code == 404
        assert login(persona).get(f"/famiglie/{world.family.pk}/progetto/pdf/").status_code == 404


def test_a_missing_version_is_not_found(world, login, plan):
    assert login("casemanager").get(f"/famiglie/{world.family.pk}/progetto/versioni/7/").status_code == 404
