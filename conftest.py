import os
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.test.utils import override_settings
from playwright.sync_api import sync_playwright

from accounts.models import User
from core.browser import ARGS, CHROMIUM, require_chromium
from core.testing import build_world

# --- The clock: `pytest --today=2027-01-01T00:30` runs the whole session at that instant ---------------------
_TODAY = pytest.StashKey[tuple[datetime, str]]()
_TRAVELLER = pytest.StashKey[tuple[time_machine.travel, time_machine.Traveller]]()


def pytest_addoption(parser):
    parser.addoption("--today", metavar="INSTANT", default=None,
                     help="run the session at this local time of TIME_ZONE (Europe/Rome): 2027-01-01T00:30, or a "
                          "date (its noon); a time the clocks skip (02:30 the night DST starts) moves forward by "
                          "the gap, a time they repeat is its first occurrence")


def today_instant(value: str, zone) -> tuple[datetime, str]:
    """The aware instant --today names, and a note when the local time does not exist as written.

    A plain date is that day at noon, far from both midnights. An ISO date-time without an offset is a wall-clock
    time of `zone`: one the clocks skip (2027-03-28T02:30 in Europe/Rome) is moved forward by the gap (03:30
    CEST, the instant 02:30 CET would be), one they repeat (2027-10-31T02:30) is its first occurrence (CEST).
    With an offset (2027-01-01T00:30+01:00, ...Z) it is that instant, shown in `zone`."""
    try:
        parsed = datetime.combine(date.fromisoformat(value), time(12, 0))
    except ValueError:
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise pytest.UsageError(f"--today={value}: not an ISO date or date-time (2027-01-01T00:30)") from None
    if parsed.tzinfo is not None:
        return parsed.astimezone(zone), ""
    local = parsed.replace(tzinfo=zone, fold=0)  # fold=0: in a gap the offset before it, in a repeat the first
    instant = local.astimezone(UTC).astimezone(zone)  # normalised: a skipped wall-clock time comes back moved forward
    if instant.replace(tzinfo=None) != parsed:
        return instant, (f"{parsed:%H:%M} does not exist on {parsed:%Y-%m-%d} in {zone} (the clocks skip it): "
                         f"moved forward to {instant:%H:%M %Z}")
    if local.replace(fold=1).utcoffset() != local.utcoffset():
        return instant, f"{parsed:%H:%M} occurs twice on {parsed:%Y-%m-%d} in {zone}: the first, {instant:%H:%M %Z}"
    return instant, ""


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    """Start travelling before the test modules are imported and the test databases built, so that collection,
    session fixtures, factories and tests all see the shifted clock. Each xdist worker configures itself with
    the same options, so each travels. (django.setup() ran before, from pytest-django; it reads no clock.)"""
    value = config.getoption("today")
    if not value:
        return


    instant, note = today_instant(value, ZoneInfo(settings.TIME_ZONE))
    config.stash[_TODAY] = instant, note
    # A POSIX timestamp: time-machine leaves the process' TZ alone (Django set it to TIME_ZONE).
    travel = time_machine.travel(instant.timestamp(), tick=True)
    config.stash[_TRAVELLER] = travel, travel.start()


def pytest_unconfigure(config):
    if _TRAVELLER in config.stash:
        config.stash[_TRAVELLER][0].stop()
        del config.stash[_TRAVELLER]


def pytest_terminal_summary(terminalreporter, config):
    if _TODAY in config.stash:
        instant, note = config.stash[_TODAY]
        terminalreporter.write_line(f"--today={config.getoption('today')}: every test started at "
                                    f"{instant:%Y-%m-%d %H:%M %Z} ({instant:%z})" + (f"; {note}" if note else ""))


@pytest.fixture(autouse=True)
def _clock_at_today(request):
    """Under --today each test starts at the instant, then the clock ticks: a run begun at 23:55 does not cross
    midnight half way, whatever the order tests run in (xdist) and however long the suite takes."""
    if _TRAVELLER in request.config.stash:
        request.config.stash[_TRAVELLER][1].move_to(request.config.stash[_TODAY][0].timestamp())


@pytest.fixture(scope="session", autouse=True)
def _files_of_this_process(tmp_path_factory):
    """Uploads, exports and a file cache (CACHE_DIR) go under this process' own temporary directory: never into
    the checkout's media/, never shared between xdist workers (pytest-django gives each its own databases)."""
    overrides = {"MEDIA_ROOT": tmp_path_factory.mktemp("media")}
    cache = settings.CACHES["default"]
    if cache["BACKEND"].endswith("FileBasedCache"):
        overrides["CACHES"] = {**settings.CACHES, "default": {**cache, "LOCATION": str(tmp_path_factory.mktemp("cache"))}}
    with override_settings(**overrides):
        yield


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


    require_chromium()

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
