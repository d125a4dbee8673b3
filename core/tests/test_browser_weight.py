"""What a staff page costs a browser, served as `make run` and production serve it: the static files collected
with hashed names and compressed copies, WhiteNoise in front (no development static handler)."""

import threading

import pytest
from django.core.management import call_command
from django.db import connections
from django.test.testcases import LiveServerThread

from core.browser import open_tour

pytestmark = pytest.mark.browser

BUDGET = 400 * 1024  # bytes on the wire for the first staff page, with its CSS, JS and fonts
TEN_YEARS = 10 * 365 * 24 * 3600


@pytest.fixture
def whitenoise_server(transactional_db, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
    settings.WHITENOISE_USE_FINDERS = False
    # The apps' own files (the Django admin's, the browsable API's) are left out: no staff page uses them, and
    # compressing them would take most of the test's time.
    call_command("collectstatic", interactive=False, verbosity=0,
                 ignore_patterns=["admin", "rest_framework", "django_htmx", "django_otp", "otp_totp", "portal"])
    # The server thread shares the test's in-memory SQLite database, as pytest-django's live_server does.
    shared = {c.alias: c for c in connections.all() if c.vendor == "sqlite" and c.is_in_memory_db()}
    for connection in shared.values():
        connection.inc_thread_sharing()
    thread = LiveServerThread("127.0.0.1", static_handler=lambda app: app, connections_override=shared, port=0)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://127.0.0.1:{thread.port}"
    thread.terminate()
    # Requests still closing their connection would use the shared one after it stops being shared.
    for worker in threading.enumerate():
        if worker.name.endswith("(process_request_thread)"):
            worker.join(timeout=10)
    for connection in shared.values():
        connection.dec_thread_sharing()


TRANSFERRED = """() => performance.getEntriesByType("navigation").concat(performance.getEntriesByType("resource"))
                          .map((e) => [e.name, e.transferSize])"""


def test_the_first_staff_page_is_small_compressed_and_cached_for_good(browser, whitenoise_server, settings, tmp_path):
    with open_tour(browser, whitenoise_server, settings, tmp_path / "media") as tour:
        for persona in ("rt", "casemanager"):
            first_page(tour.new_page(persona, 1366), whitenoise_server)


def first_page(page, base_url: str) -> None:
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(f"{base_url}/")
    page.evaluate("document.fonts.ready.then(() => true)")
    page.wait_for_load_state("networkidle")
    entries = page.evaluate(TRANSFERRED)
    total = sum(size for _, size in entries)
    assert total <= BUDGET, f"{total} bytes: {sorted(entries, key=lambda e: -e[1])}"
    assert any("titillium-web" in url for url, _ in entries), entries  # the font is part of the weight

    statics = [r for r in responses if "/static/" in r.url]
    assert {r.url.rsplit(".", 1)[-1] for r in statics} >= {"css", "js", "woff2"}
    for response in statics:
        headers = response.all_headers()
        assert response.status == 200, response.url
        # A hashed name (bootstrap-italia.min.3f2a9c1d04b7.css): a new version of a file is a new address.
        assert response.url.rsplit("/", 1)[-1].count(".") >= 2, response.url
        max_age = int(headers["cache-control"].split("max-age=")[1].split(",")[0])
        assert max_age >= TEN_YEARS - 86400 and "immutable" in headers["cache-control"], (response.url, headers)
        if not response.url.endswith((".woff2", ".svg")):
            assert headers.get("content-encoding") in {"gzip", "br"}, (response.url, headers)
    # Only the plugins the pages use, and htmx only on pages with hx- attributes.
    assert not any("bundle.min" in r.url or "htmx" in r.url for r in statics), [r.url for r in statics]

    page.goto(f"{base_url}/famiglie/")
    page.get_by_label("Stato").select_option(index=1)  # htmx filters the table in place
    page.wait_for_url("**stato=**")
    assert page.evaluate("typeof htmx") == "object"
