"""In real Chromium: the pre-assessment decides the inclusion, and Il Mondo del Bambino is filled and drawn."""

import pytest

from core.browser import ARTIFACTS, log_in
from families.models import Consent, Family, Stato
from organisation.models import Implementazione

pytestmark = pytest.mark.browser


def test_preassessment_then_inclusion_then_mdb_t0_in_the_browser(page):
    family = Family.objects.get(nome="Famiglia Bianchi")
    Family.objects.filter(pk=family.pk).update(stato=Stato.PREASSESSMENT,
                                               implementazione=Implementazione.objects.get(nome="Seconda implementazione"))
    Consent.objects.create(family=family, person=family.persone.get(nome="Maria"),
                           finalita=Consent.Finalita.PARTECIPAZIONE, data=family.data_segnalazione)
    log_in(page, "casemanager")
    page.goto(f"{page.base_url}/famiglie/{family.pk}/")

    # Inclusion is refused until the pre-assessment is submitted.
    page.get_by_label("Nuovo stato").select_option(label="Inclusa")
    page.get_by_role("button", name="Conferma il passaggio").click()
    page.get_by_text("Compila e invia il pre-assessment").wait_for()

    page.goto(f"{page.base_url}/famiglie/{family.pk}/valutazioni/")
    page.get_by_label("Strumento").select_option(label="Pre-assessment (v1)")
    page.get_by_label("Momento").select_option(label="Altra data")
    page.get_by_role("button", name="Inizia").click()
    page.get_by_role("heading", name="Pre-assessment").wait_for()
    for label in ("4-6 anni", "Negligenza", "Mantenere il bambino in famiglia", "3 — Discreta",
                  "La famiglia è inclusa nel programma"):
        page.get_by_text(label, exact=True).click()
    page.get_by_label("Motivazioni").fill("Negligenza lieve; la famiglia chiede aiuto.")
    page.get_by_role("button", name="Invia e blocca").click()
    page.get_by_text("Valutazione inviata").wait_for()

    page.goto(f"{page.base_url}/famiglie/{family.pk}/")
    page.get_by_label("Nuovo stato").select_option(label="Inclusa")
    page.get_by_role("button", name="Conferma il passaggio").click()
    page.get_by_text("ora la famiglia è nello stato «Inclusa»").wait_for()

    # Il Mondo del Bambino T0 for Luca: every sub-dimension scored, one narrative.
    page.goto(f"{page.base_url}/famiglie/{family.pk}/valutazioni/")
    page.get_by_label("Strumento").select_option(label="Il Mondo del Bambino (v1)")
    page.get_by_label("Bambino/a (per gli strumenti sul singolo bambino)").select_option(label="Luca Bianchi")
    page.get_by_role("button", name="Inizia").click()
    page.get_by_role("heading", name="Il Mondo del Bambino — Luca").wait_for()
    groups = page.locator("fieldset fieldset")
    for index in range(groups.count()):
        groups.nth(index).get_by_text("4 — Adeguato", exact=True).click()
    page.get_by_label("Narrazione: Casa").fill("Casa piccola ma curata.")
    page.get_by_role("button", name="Salva la bozza").click()
    page.get_by_text("Bozza salvata.").wait_for()
    page.get_by_role("button", name="Invia e blocca").click()
    page.get_by_text("Valutazione inviata").wait_for()

    page.goto(f"{page.base_url}/famiglie/{family.pk}/")
    page.get_by_role("link", name="Il Mondo di Luca").click()
    page.locator("svg[role=img]").wait_for()
    assert page.get_by_role("cell", name="Casa piccola ma curata.").count() == 0  # narrative is in the row header
    assert "Casa piccola ma curata." in page.content()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "mondo-del-bambino.png"), full_page=True)
