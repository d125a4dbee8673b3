"""An educator logs a visit from a phone, in the real browser (Debian's Chromium)."""

from datetime import timedelta

import pytest

from core.browser import log_in
from core.testing import today
from families.models import Family
from interventions.models import Intervento
from interventions.testing import start_path

pytestmark = pytest.mark.browser


def test_educator_logs_a_visit_from_a_phone_and_sees_it_in_the_week(page):
    family = start_path(Family.objects.get(codice="SER-00001"), included=today() - timedelta(days=60))
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, "educatore")
    page.goto(page.base_url + "/interventi/registra/")
    # The form proposes now and the only family the educator follows: times and place are enough.
    page.locator("[name=ora_inizio]").fill("08:00")
    page.locator("[name=ora_fine]").fill("09:30")
    page.locator("label", has_text="Scuola").first.click()
    page.get_by_label("Che cosa avete fatto").fill("Accompagnamento a scuola")
    page.get_by_role("button", name="Salva").click()
    page.get_by_text("Intervento registrato").wait_for()
    visit = Intervento.objects.get(family=family)
    assert (visit.durata_minuti, visit.luogo, visit.operatore.username) == (90, "scuola", "educatore")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing to scroll sideways

