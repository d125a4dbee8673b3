import pytest
from django.test import Client

from accounts.models import User
from core.testing import build_world


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Hashing strength is not under test; PBKDF2 would make every persona's login slow.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "consensi").mkdir(parents=True)
    (tmp_path / "media" / "consensi" / "prova.pdf").write_bytes(b"%PDF-1.4 prova")
    return build_world()


@pytest.fixture
def login():
    """login("casemanager") → a test client logged in as that persona."""

    def _login(username: str) -> Client:
        client = Client()
        client.force_login(User.objects.get(username=username))
        return client

    return _login


@pytest.fixture(scope="session")
def browser():
    import os

    from core.browser import ARGS, CHROMIUM, require_chromium

    require_chromium()
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM calls in the test are safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, transactional_db, settings, tmp_path):
    """A Chromium page on the live server, with the personas of build_world() in the database."""
    settings.MEDIA_ROOT = tmp_path
    build_world()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="it-IT")
    page = context.new_page()
    page.set_default_timeout(15000)
    page.base_url = live_server.url
    yield page
    context.close()
