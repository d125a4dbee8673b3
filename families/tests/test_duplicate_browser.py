"""The pages of duplicates in Chromium with a real pair on them: axe finds nothing, and nothing scrolls sideways
on a phone (the role × URL tour opens them too, but with no pair to list)."""

from datetime import date

import pytest

from core.browser import Visit, open_tour
from core.testing import EnteFactory, FamilyFactory, PersonFactory

pytestmark = pytest.mark.browser


def test_the_list_and_the_comparison_pass_axe_and_fit_a_phone(browser, live_server, transactional_db, settings,
                                                             tmp_path):
    with open_tour(browser, live_server.url, settings, tmp_path) as tour:
        world = tour.world
        born = date(1986, 11, 30)
        a = PersonFactory(family=world.family, nome="Khadija", cognome="Mohamed", data_nascita=born)
        family = FamilyFactory(ambito=world.ambito, comune=EnteFactory(ambito=world.ambito, nome="Comune di Giussano"),
                               equipe=world.equipe, nome="Famiglia Muhammad", codice="SER-00077")
        b = PersonFactory(family=family, nome="Kadija", cognome="Muhammad", data_nascita=born, lingue="arabo")
        failures = []
        for name, path in (("duplicate_list", "/famiglie/doppioni/"),
                           ("duplicate_merge", f"/famiglie/doppioni/{a.pk}-{b.pk}/")):
            page = tour.page_for("rt", 390)
            assert page.goto(live_server.url + path).status == 200
            assert page.get_by_text("Kadija").first.is_visible()
            visit = Visit(tour, name, "rt", path)
            failures += [f"{visit}: axe: {v}" for v in visit.axe_violations()]
            for width in (390, 360):
                page.set_viewport_size({"width": width, "height": 800})
                failures += [f"{visit} at {width}px: {p}" for p in visit.layout_problems(width)]
        assert not failures, "\n".join(failures)
