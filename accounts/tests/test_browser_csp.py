"""The Content-Security-Policy in a real browser: no page breaks it (Debian's Chromium, Playwright)."""

import pytest

from core.browser import log_in

pytestmark = pytest.mark.browser


def watch_csp(page) -> list[str]:
    """Chromium reports every refused script, style, image or connection on the console."""
    violations: list[str] = []
    page.on("console", lambda msg: violations.append(f"{msg.text} @ {msg.location}")
            if "Content Security Policy" in msg.text or "Content-Security-Policy" in msg.text else None)
    page.on("pageerror", lambda err: violations.append(f"page error: {err}"))
    return violations


def test_login_dashboard_and_htmx_family_filter_break_no_csp_rule(page):
    violations = watch_csp(page)
    response = page.goto(f"{page.base_url}/account/accesso/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.get_by_text("Password dimenticata?").wait_for()

    log_in(page, "casemanager")  # ends on the dashboard
    page.get_by_role("link", name="Famiglie", exact=True).wait_for()

    page.goto(f"{page.base_url}/famiglie/")
    # htmx: changing a select filters the table in place and pushes the URL.
    page.get_by_label("Stato").select_option(index=1)
    page.wait_for_url("**stato=**")
    page.locator("#family-table").wait_for()
    page.get_by_label("Cerca per nome o codice fiscale").fill("Bianchi")
    page.get_by_role("button", name="Cerca").click()
    page.wait_for_url("**q=Bianchi**")
    assert page.evaluate("typeof htmx") == "object"

    page.goto(f"{page.base_url}/account/")
    page.get_by_role("button", name="Esci da tutti i dispositivi").wait_for()
    assert page.evaluate("typeof htmx") == "undefined"  # loaded only by the pages that use it
    assert not violations, violations


def test_the_enrolment_qr_code_renders_under_the_csp(page):
    violations = watch_csp(page)
    log_in(page, "educatore")
    page.goto(f"{page.base_url}/account/verifica-in-due-passaggi/")
    assert page.locator("main svg").first.bounding_box()["width"] > 100  # the QR code, not a menu icon
    assert not violations, violations
