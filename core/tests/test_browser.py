"""Real-browser tests: Debian's Chromium driven by Playwright (never a downloaded browser)."""

import os
from pathlib import Path

import pytest

from core.testing import PASSWORD, build_world

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

pytestmark = pytest.mark.browser

if not CHROMIUM.exists():
    if os.environ.get("CI"):
        raise RuntimeError("CI needs Debian's chromium at /usr/bin/chromium (.ci/run installs it).")
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM calls in the test are safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    build_world()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="it-IT")
    page = context.new_page()
    page.set_default_timeout(15000)
    page.base_url = live_server.url
    yield page
    context.close()


def log_in(page, username: str) -> None:
    page.goto(f"{page.base_url}/account/accesso/")
    page.get_by_label("Nome utente").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Accedi").click()
    page.wait_for_url(f"{page.base_url}/")


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


def test_case_manager_creates_a_family_finds_it_and_moves_it_along(page, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
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


def test_invalid_codice_fiscale_is_explained_in_the_browser(page, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    log_in(page, "casemanager")
    page.goto(f"{page.base_url}/famiglie/nuova/")
    page.get_by_label("Nome del nucleo").fill("Famiglia Errore")
    page.get_by_label("Comune di residenza").select_option(label="Comune di Seregno")
    fill_row(page, 0, cognome="Errore", nome="Ada", sesso="F", ruolo="madre", data_nascita="1990-01-01",
             codice_fiscale="RSSMRA90A41Z000")
    page.get_by_role("button", name="Registra la famiglia").click()
    page.get_by_text("non è valido").first.wait_for()
    assert "Famiglia Errore" in page.locator("[name='nome']").input_value()


def test_another_equipes_educator_gets_not_found(page, settings):
    from families.models import Family

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    family = Family.objects.get(nome="Famiglia Bianchi")
    log_in(page, "educatore2")
    response = page.goto(f"{page.base_url}/famiglie/{family.pk}/")
    assert response.status == 404
    page.get_by_text("Pagina non trovata").wait_for()
