"""Real-browser test support: Debian's Chromium driven by Playwright (never a downloaded browser).

The fixtures `browser` and `page` live in the root conftest.py; tests import `log_in` from here.
"""

import os
from contextlib import contextmanager
from datetime import time
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Error as PlaywrightError

from accounts.models import User
from core.testing import PASSWORD, build_world
from interventions.models import Intervento

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


# --- A tour of every page: the GET URLs of the role × URL matrix, each as a persona that may open it ----------
# Personas tried first, so that each page is seen with the fullest menu and data that its row allows.
PREFERRED = ["rt", "casemanager", "educatore", "insegnante", "coach", "tutor", "amministrativo", "ets",
             "governance", "volontario", "genitore", "casemanager2", "educatore2", "rt_altro"]

# Off-screen or clipped controls, ignoring those inside their own horizontally scrolling box (a wide table's
# .table-responsive) and those not rendered (hidden menus, visually-hidden skip links until focused).
LAYOUT_PROBLEMS = r"""(width) => {
  const problems = [];
  const doc = document.documentElement;
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "");
  if (doc.scrollWidth > width) {
    // Name the outermost elements that stick out, so that the message says what to fix.
    const wide = [...document.body.querySelectorAll("*")].filter((el) => el.getBoundingClientRect().right > width + 1)
      .filter((el) => !el.parentElement || el.parentElement.getBoundingClientRect().right <= width + 1);
    problems.push(`page ${doc.scrollWidth}px wide: ` + wide.slice(0, 3).map(name).join(", "));
  }
  const scrolls = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const ox = getComputedStyle(p).overflowX;
      if ((ox === "auto" || ox === "scroll") && p !== doc && p !== document.body) {
        const box = p.getBoundingClientRect();
        return box.left >= -1 && box.right <= width + 1;  // a scrolling box that is itself on screen
      }
    }
    return false;
  };
  for (const el of document.querySelectorAll("a[href], button, input, select, textarea")) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === "hidden") continue;
    if (el.closest(".visually-hidden, .visually-hidden-focusable, a[href='#main']")) continue;  // skip links
    if ((r.left < -1 || r.right > width + 1) && !scrolls(el)) {
      const label = (el.innerText || el.getAttribute("aria-label") || el.name || el.tagName).trim().slice(0, 40);
      problems.push(`${el.tagName.toLowerCase()} "${label}" at x=${Math.round(r.left)}..${Math.round(r.right)}`);
    }
  }
  return problems;
}"""


HTMX_USED = """() => [!!document.querySelector("[hx-get], [hx-post], [hx-put], [hx-patch], [hx-delete], [hx-boost]"),
                    typeof window.htmx === "object"]"""


AXE_RUN = """async () => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
                                          resultTypes: ["violations"]});
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ` +
    v.nodes.slice(0, 3).map((n) => n.target.join(" ") + (n.failureSummary ? " [" + n.failureSummary.split("\\n").slice(1, 2).join("") + "]" : "")).join("; "));
}"""


# Swagger UI (the API's documentation for developers, /api/v1/docs/) draws each operation's summary as a button
# holding its own copy and lock buttons: a defect of its markup that no stylesheet can fix. Only that rule, only
# there, is left to the upstream project; its colours are fixed in trama/css/api-docs.css and checked.
THIRD_PARTY_AXE_RULES = {"api_docs": ("nested-interactive",)}


class Visit:
    def __init__(self, tour: "PageTour", name: str, persona: str, path: str):
        self.tour, self.name, self.persona, self.path = tour, name, persona, path
        self.page = tour.pages[persona]

    def __str__(self) -> str:
        return f"{self.name} {self.path} as {self.persona}"

    def htmx_problems(self) -> list[str]:
        """htmx is loaded by the pages with hx- attributes: their template fills base.html's htmx block."""
        used, loaded = self.page.evaluate(HTMX_USED)
        if used and not loaded:
            return ["hx- attributes but no htmx: add {% block htmx %}{% include 'includes/htmx.html' %}{% endblock %}"]
        return []

    def axe_violations(self) -> list[str]:
        """axe-core's WCAG 2.1 A and AA rules, from the vendored copy (the CSP allows scripts of our origin only)."""
        self.page.add_script_tag(url=f"{self.tour.base_url}/static/vendor/axe-core/axe.min.js")
        waived = THIRD_PARTY_AXE_RULES.get(self.name, ())
        return [v for v in self.page.evaluate(AXE_RUN) if not v.startswith(tuple(f"{rule} (" for rule in waived))]

    def layout_problems(self, width: int) -> list[str]:
        return self.page.evaluate(LAYOUT_PROBLEMS, width)


class PageTour:
    """One Chromium context per persona, logged in once; `visit_all` opens each full page of the matrix."""

    def __init__(self, browser, base_url: str, world):
        self.browser, self.base_url, self.world = browser, base_url, world
        self.pages: dict = {}
        self.opened: list = []
        self.visited = 0
        self.skipped: list[str] = []

    def new_page(self, persona: str, width: int):
        """A page in a fresh context (empty cache), logged in as `persona` through its session cookie."""
        context = self.browser.new_context(viewport={"width": width, "height": 800}, locale="it-IT",
                                           reduced_motion="reduce")
        client = Client()
        client.force_login(User.objects.get(username=persona))
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": self.base_url,
                              "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])
        page = context.new_page()
        page.set_default_timeout(15000)
        page.base_url = self.base_url
        self.opened.append(page)
        return page

    def page_for(self, persona: str, width: int):
        """The persona's page, reused by every test of the tour (one context, logged in once)."""
        if persona not in self.pages:
            self.pages[persona] = self.new_page(persona, width)
        page = self.pages[persona]
        page.set_viewport_size({"width": width, "height": 800})
        return page

    def targets(self) -> list[tuple[str, str, str]]:
        rows = []
        for name, (method, build, expected) in sorted(matrix().items()):
            allowed = [p for p in PREFERRED if expected.get(p) == 200]
            if method == "get" and allowed:
                rows.append((name, allowed[0], build(self.world)))
        return rows

    def visit_all(self, width: int):
        for name, persona, path in self.targets():
            page = self.page_for(persona, width)
            try:
                response = page.goto(self.base_url + path)
            except PlaywrightError as error:
                if "Download is starting" not in str(error):
                    raise
                self.skipped.append(f"{name} (download)")
                continue
            kind = response.headers.get("content-type", "")
            if response.status != 200 or not kind.startswith("text/html") or not page.evaluate("!!document.doctype"):
                self.skipped.append(f"{name} ({response.status} {kind})")  # a download or an htmx fragment
                continue
            if page.locator("#swagger-ui").count():
                # The API's documentation draws itself once it has fetched the schema: check it drawn, every time.
                page.wait_for_selector("#swagger-ui .opblock-tag", timeout=20000)
            self.visited += 1
            yield Visit(self, name, persona, path)

    def close(self) -> None:
        for page in self.opened:
            page.context.close()


@contextmanager
def open_tour(browser, base_url: str, settings_fixture, media: Path):
    settings_fixture.MEDIA_ROOT = media
    (media / "consensi").mkdir(parents=True, exist_ok=True)
    (media / "consensi" / "prova.pdf").write_bytes(b"%PDF-1.4 prova")
    world = build_world()
    # An appointment today: the calendars draw it on the highlighted day, whose colours axe then checks.
    for operatore in (world.educatore, world.rt):
        Intervento.objects.create(family=world.family, ambito=world.ambito, operatore=operatore,
                                  data=timezone.localdate(), ora_inizio=time(9, 0), ora_fine=time(10, 0),
                                  durata_minuti=60, ruolo="educatore")
    tour = PageTour(browser, base_url, world)
    try:
        yield tour
    finally:
        tour.close()


def matrix() -> dict:
    # Imported here, not at the top: the matrix is a test module, and core.browser is imported by conftest.py
    # before pytest collects the tests.
    from families.tests.test_access_matrix import MATRIX  # noqa: PLC0415

    return MATRIX
