"""Every page of the role × URL matrix in Chromium, as a persona that may open it: axe-core finds no WCAG 2.1
A/AA violation; on a phone (360 and 390 px) nothing scrolls sideways and every control is on screen; the menu button opens the navigation. On a desk
(1366 px) the menu of every persona fits and each of its entries can be reached."""

import pytest

from core.browser import PageTour, open_tour

pytestmark = pytest.mark.browser

PHONES = (390, 360)


@pytest.fixture
def tour(browser, live_server, transactional_db, settings, tmp_path):
    with open_tour(browser, live_server.url, settings, tmp_path) as t:
        yield t


def test_every_page_fits_a_phone_and_passes_axe(tour: PageTour):
    failures = []
    for visit in tour.visit_all(width=PHONES[0]):
        failures += [f"{visit}: {problem}" for problem in visit.htmx_problems()]
        failures += [f"{visit}: axe: {violation}" for violation in visit.axe_violations()]
        for width in PHONES:
            visit.page.set_viewport_size({"width": width, "height": 800})
            failures += [f"{visit} at {width}px: {problem}" for problem in visit.layout_problems(width)]
    assert tour.visited > 50, tour.visited
    assert not failures, "\n".join(failures)


STAFF = ["rt", "casemanager", "educatore", "insegnante", "coach", "tutor", "amministrativo", "ets", "governance",
         "volontario"]


def test_every_persona_reaches_every_menu_entry_on_a_desk_and_through_the_menu_button_on_a_phone(tour: PageTour):
    failures = []
    seen: set = set()
    for persona in STAFF:
        page = tour.page_for(persona, DESK)
        page.goto(tour.base_url + "/")
        if not new_menu(page, seen):
            continue  # the same entries as a persona checked already
        # The desk: the menu fits the screen, without the menu button.
        page_width = page.evaluate("document.documentElement.scrollWidth")
        if page_width > DESK:
            failures.append(f"{persona}: page {page_width}px wide at {DESK}px")
        assert page.get_by_role("button", name="Mostra o nascondi il menu").is_hidden()
        failures += [f"{persona} at {DESK}px: {problem}" for problem in menu_problems(page, DESK)]
        # The phone: the navigation is hidden until the menu button opens it, off-canvas.
        page.set_viewport_size({"width": PHONES[0], "height": 800})
        nav = page.locator("#main-nav")
        assert not nav.is_visible(), f"{persona}: the navigation is open before the menu button is pressed"
        open_menu(page)
        for width in PHONES:
            page.set_viewport_size({"width": width, "height": 800})
            failures += [f"{persona} at {width}px: {problem}" for problem in menu_problems(page, width)]
        names = [link.inner_text().strip() for link in nav.locator("a.nav-link").all()]
        assert len(names) >= 2, f"{persona}: {names}"
        nav.get_by_role("button", name="Chiudi il menu").click()
        nav.wait_for(state="hidden")
    # The links work: a tap takes the persona to the page.
    page = tour.page_for("casemanager", PHONES[1])
    page.goto(tour.base_url + "/")
    open_menu(page)
    page.locator("#main-nav").get_by_role("button", name="Servizi").click()
    page.locator("#main-nav").get_by_role("link", name="Interventi", exact=True).click()
    page.wait_for_url("**/interventi/**")
    page.goto(tour.base_url + "/")
    open_menu(page)
    page.locator("#main-nav").get_by_role("link", name="Famiglie", exact=True).click()
    page.wait_for_url("**/famiglie/")
    assert not page.locator("#main-nav").is_visible()
    assert not failures, "\n".join(failures)


def open_menu(page) -> None:
    page.get_by_role("button", name="Mostra o nascondi il menu").click()
    page.locator("#main-nav .menu-wrapper").wait_for(state="visible")
    # Bootstrap Italia slides the menu in and ignores a click until the transition ends.
    page.wait_for_function(SETTLED, arg=page.locator("#main-nav .menu-wrapper").element_handle())


DESK = 1366


def new_menu(page, seen: set) -> bool:
    """Personas with the same menu entries share one check (the coach's and the educator's often match)."""
    entries = tuple(page.locator("#main-nav a[href]").evaluate_all("(links) => links.map((a) => a.href)"))
    if entries in seen:
        return False
    seen.add(entries)
    return True


def menu_problems(page, width: int) -> list[str]:
    """The menu's links and, one dropdown open at a time, the entries of each menu."""
    problems = page.evaluate(ENTRY_PROBLEMS, ["#main-nav a.nav-link", width])
    toggles = page.locator("#main-nav .dropdown-toggle")
    for index in range(toggles.count()):
        toggle = toggles.nth(index)
        toggle.click()
        menu = page.locator(f"#main-nav .dropdown-menu[aria-labelledby='{toggle.get_attribute('id')}']")
        menu.wait_for(state="visible")
        page.wait_for_function(SETTLED, arg=menu.element_handle())
        entries = page.evaluate(ENTRY_PROBLEMS, [f"#{toggle.get_attribute('id')} + .dropdown-menu a", width])
        problems += [f"{toggle.inner_text().strip()} › {problem}" for problem in entries]
        if not menu.locator("a").count():
            problems.append(f"{toggle.inner_text().strip()}: an empty menu")
        toggle.click()
        menu.wait_for(state="hidden")
    return problems


# No transition or animation still moving the element (endless ones, a spinner's, aside).
SETTLED = """(el) => !el.getAnimations({subtree: true})
  .filter((a) => a.playState === "running" && a.effect.getComputedTiming().iterations !== Infinity).length"""


# Every entry is on screen and is the element a tap on its middle reaches.
ENTRY_PROBLEMS = r"""([selector, width]) => {
  const problems = [];
  for (const link of document.querySelectorAll(selector)) {
    const r = link.getBoundingClientRect();
    const label = link.innerText.trim();
    if (r.width === 0 || r.height === 0) { problems.push(`"${label}" is not shown`); continue; }
    if (r.left < 0 || r.right > width || r.top < 0 || r.bottom > window.innerHeight)
      problems.push(`"${label}" off screen at x=${Math.round(r.left)}..${Math.round(r.right)} y=${Math.round(r.top)}`);
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    if (!hit || !link.contains(hit)) problems.push(`"${label}" is covered by ${hit && hit.outerHTML.slice(0, 80)}`);
  }
  return problems;
}"""


def test_the_pages_are_drawn_in_titillium_web_from_the_vendored_font(tour: PageTour):
    page = tour.new_page("casemanager", DESK)
    fonts = []
    page.on("response", lambda r: fonts.append((r.url, r.status)) if r.url.endswith(".woff2") else None)
    page.goto(tour.base_url + "/")
    page.evaluate("document.fonts.ready")
    loaded = page.evaluate("""() => [...document.fonts].filter((f) => f.status === "loaded")
                                                       .map((f) => `${f.family} ${f.weight}`)""")
    assert '"Titillium Web" 400' in loaded or "Titillium Web 400" in loaded, loaded
    assert page.evaluate("""document.fonts.check('16px "Titillium Web"')""")
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith('"Titillium Web"')
    titillium = [(url, status) for url, status in fonts if "titillium-web" in url]
    assert titillium and all(status == 200 for _, status in titillium), fonts
