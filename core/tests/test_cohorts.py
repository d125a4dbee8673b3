from datetime import date

from core.selectors import cohort_figures
from core.testing import FamilyFactory, PersonFactory
from families.models import Stato


def included_family(world, *, riunificazione=False, child_born=date(2020, 1, 1), stato=Stato.IN_CORSO):
    family = FamilyFactory(ambito=world.ambito, comune=world.comune, equipe=world.equipe,
                           implementazione=world.cohort, stato=stato, riunificazione=riunificazione)
    PersonFactory(family=family, ruolo="minore", sesso="M", data_nascita=child_born, target=True)
    return family


def test_shares_of_older_children_and_reunification_are_computed_from_the_records(world):
    # The cohort starts on 1 March 2026: a child born before 1 March 2015 is 11 or more at the start.
    included_family(world, child_born=date(2014, 5, 1))
    included_family(world, riunificazione=True)
    included_family(world, riunificazione=True, child_born=date(2015, 2, 28))
    for _ in range(7):
        included_family(world)
    included_family(world, stato=Stato.PREASSESSMENT, child_born=date(2013, 1, 1))  # not included: not counted
    row = next(r for r in cohort_figures([world.ambito.pk]) if r["cohort"] == world.cohort)
    assert row["families"] == 10
    assert row["share_older"] == 20 and not row["older_over"]
    assert row["share_reunification"] == 20 and not row["reunification_over"]
    included_family(world, riunificazione=True)
    row = next(r for r in cohort_figures([world.ambito.pk]) if r["cohort"] == world.cohort)
    assert row["share_reunification"] == 27 and row["reunification_over"]


def test_the_cohort_page_shows_no_names(world, login):
    included_family(world)
    html = login("amministrativo").get("/implementazioni/").content.decode()
    assert "Seconda implementazione" in html and "Bianchi" not in html and "Prova" not in html


def test_the_cohort_page_is_scoped_to_the_ambito(world, login):
    html = login("rt_altro").get("/implementazioni/").content.decode()
    assert "Seconda implementazione" not in html
