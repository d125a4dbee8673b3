"""Real-browser tests: Debian's Chromium driven by Playwright (never a downloaded browser)."""

import pytest

from core.browser import ARTIFACTS, log_in
from families.models import Family

pytestmark = pytest.mark.browser


def fill_row(page, index: int, **values) -> None:
    for field, value in values.items():
        locator = page.locator(f"[name='persone-{index}-{field}']")
        if field in {"sesso", "ruolo"}:
            locator.select_option(value)
        elif field in {"target", "partecipa_equipe", "mediazione_culturale"}:
            # Bootstrap Italia draws the box on the label, as a user sees and clicks it.
            page.locator(f"label[for='id_persone-{index}-{field}']").click()
            assert locator.is_checked()
        else:
            locator.fill(value)


def test_case_manager_creates_a_family_finds_it_and_moves_it_along(page):
    log_in(page, "casemanager")
    page.get_by_role("link", name="Famiglie", exact=True).click()
    page.get_by_role("link", name="Registra una famiglia").click()

    page.get_by_label("Nome del nucleo").fill("Famiglia Fontana")
    page.get_by_label("Comune di residenza").select_option(label="Comune di Seregno")
    fill_row(page, 0, cognome="Fontana", nome="Irene", sesso="F", ruolo="madre", data_nascita="1989-04-12",
             partecipa_equipe=True)
    fill_row(page, 1, cognome="Fontana", nome="Marco", sesso="M", ruolo="padre", data_nascita="1986-10-03")
    fill_row(page, 2, cognome="Fontana", nome="Sofia", sesso="F", ruolo="minore", data_nascita="2018-02-14",
             target=True)
    fill_row(page, 3, cognome="Fontana", nome="Leo", sesso="M", ruolo="minore", data_nascita="2021-07-30")
    # A fifth row arrives through htmx and is counted by the formset.
    page.get_by_role("button", name="Aggiungi un'altra persona").click()
    page.locator("[name='persone-4-cognome']").wait_for()
    page.get_by_role("button", name="Registra la famiglia").click()
    page.wait_for_url("**/famiglie/*/")
    page.get_by_text("Famiglia «Famiglia Fontana» registrata.").wait_for()
    for name in ("Irene Fontana", "Marco Fontana", "Sofia Fontana", "Leo Fontana"):
        assert page.get_by_role("cell", name=name).count() >= 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "family-detail.png"), full_page=True)

    # The path: segnalata → pre-assessment from the family page.
    page.get_by_label("Nuovo stato").select_option(label="Pre-assessment")
    page.get_by_role("button", name="Conferma il passaggio").click()
    page.get_by_text("ora la famiglia è nello stato «Pre-assessment»").wait_for()

    # Found again through the list's search.
    page.get_by_role("link", name="Famiglie", exact=True).click()
    page.get_by_label("Cerca per nome o codice fiscale").fill("Sofia")
    page.get_by_role("button", name="Cerca").click()
    page.wait_for_url("**q=Sofia**")
    page.get_by_text("1 famiglia trovata.").wait_for()
    page.get_by_role("link", name="Famiglia Fontana").wait_for()
    assert page.locator("#family-table tbody tr").count() == 1


def test_invalid_codice_fiscale_is_explained_in_the_browser(page):
    log_in(page, "casemanager")
    page.goto(f"{page.base_url}/famiglie/nuova/")
    page.get_by_label("Nome del nucleo").fill("Famiglia Errore")
    page.get_by_label("Comune di residenza").select_option(label="Comune di Seregno")
    fill_row(page, 0, cognome="Errore", nome="Ada", sesso="F", ruolo="madre", data_nascita="1990-01-01",
             codice_fiscale="RSSMRA90A41Z000")
    page.get_by_role("button", name="Registra la famiglia").click()
    page.get_by_text("non è valido").first.wait_for()
    assert "Famiglia Errore" in page.locator("[name='nome']").input_value()


def test_another_equipes_educator_gets_not_found(page):
    family = Family.objects.get(nome="Famiglia Bianchi")
    log_in(page, "educatore2")
    response = page.goto(f"{page.base_url}/famiglie/{family.pk}/")
    assert response.status == 404
    page.get_by_text("Pagina non trovata").wait_for()
