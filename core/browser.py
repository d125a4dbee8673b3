"""Real-browser test support: Debian's Chromium driven by Playwright (never a downloaded browser).

The fixtures `browser` and `page` live in the root conftest.py; tests import `log_in` from here.
"""

import os
from pathlib import Path

import pytest

from core.testing import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]


def require_chromium() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("CI"):
        raise RuntimeError("CI needs Debian's chromium at /usr/bin/chromium (.ci/run installs it).")
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)")


def log_in(page, username: str) -> None:
    page.goto(f"{page.base_url}/account/accesso/")
    page.get_by_label("Nome utente").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Accedi").click()
    page.wait_for_url(f"{page.base_url}/")
