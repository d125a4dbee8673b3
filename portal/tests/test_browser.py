"""Every page a family meets passes axe-core (WCAG 2.1 A/AA) in Chromium on a 360 px phone, in Italian, Arabic
and Chinese; the language switcher is on the first screen; radio buttons are 44 px targets beside their label."""

from pathlib import Path

import pytest

from core.testing import PASSWORD
from portal.tests.pages import fill_family_pages, world_in_db

AXE = Path(__file__).resolve().parents[2] / "static" / "vendor" / "axe-core" / "axe.min.js"
WIDTH, HEIGHT = 360, 740
PUBLIC = ["/famiglia/accesso/", "/famiglia/lingua/", "invitation", "anonymous questionnaire"]
MEMBER = ["/famiglia/", "/famiglia/progetto/", "/famiglia/appuntamenti/", "/famiglia/il-nostro-punto-di-vista/",
          "/famiglia/messaggi/", "/famiglia/valutazioni/", "assessment", "/famiglia/questionario/"]

# The rows of radio buttons: each at least 44×44 px, the button and its label on one line, the button first in
# the reading order (on the left in Italian and Chinese, on the right in Arabic).
RADIO_ROWS = """() => [...document.querySelectorAll('.radio')].map((row) => {
  const r = row.getBoundingClientRect(), input = row.querySelector('input').getBoundingClientRect();
  const label = row.querySelector('label').getBoundingClientRect();
  return {width: r.width, height: r.height, inputMiddle: input.top + input.height / 2, labelTop: label.top,
          labelBottom: label.bottom, inputLeft: input.left, labelLeft: label.left};
})"""
OVERFLOW = "() => document.documentElement.scrollWidth"
# The page and what it loaded, uncompressed, leaving out the test's own axe-core.
WEIGHT = """() => performance.getEntriesByType("navigation").concat(performance.getEntriesByType("resource"))
  .filter((e) => !e.name.includes("axe-core")).reduce((sum, e) => sum + e.decodedBodySize, 0)"""


def axe_violations(page) -> list:
    # The strict CSP (script-src 'self') refuses add_script_tag(path=...), which inlines the file: load the
    # vendored copy from our own static files instead.
    assert AXE.exists()
    page.add_script_tag(url=f"{page.base_url}/static/vendor/axe-core/axe.min.js")
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
        return r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))}));
    }""")
    return [v for v in result if v["impact"] in ("serious", "critical", "moderate")]


def _check(page, where: str, language: str) -> None:
    assert page.get_attribute("html", "lang") == language, where
    assert page.get_attribute("html", "dir") == ("rtl" if language == "ar" else "ltr"), where
    violations = axe_violations(page)
    assert not violations, f"{where} [{language}]: {violations}"
    assert page.evaluate(OVERFLOW) <= WIDTH, f"{where} [{language}] scrolls sideways"
    switcher = page.locator(".langbar select").bounding_box()
    assert switcher and switcher["y"] + switcher["height"] <= HEIGHT, f"{where}: the switcher is below the fold"
    for row in page.evaluate(RADIO_ROWS):
        assert row["width"] >= 44 and row["height"] >= 44, f"{where}: {row}"
        assert row["labelTop"] <= row["inputMiddle"] <= row["labelBottom"], f"{where}: label on another line {row}"
        first = row["inputLeft"] > row["labelLeft"] if language == "ar" else row["inputLeft"] < row["labelLeft"]
        assert first, f"{where} [{language}]: the radio button is not before its label {row}"


@pytest.mark.browser
@pytest.mark.parametrize("language", ["it", "ar", "zh-hans"])
def test_portal_pages_are_accessible_on_a_phone(page, language):
    pages = fill_family_pages(world_in_db())
    paths = {name: path for name, _member, method, path, _data in pages.requests() if method == "get"}
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    page.context.add_cookies([{"name": "trama_portale_lingua", "value": language, "url": page.base_url}])
    for where in PUBLIC:
        path = paths.get(where, where)
        page.goto(f"{page.base_url}{path}{f'?lang={language}' if path.startswith('/q/') else ''}")
        _check(page, where, language)
    assert page.locator(".radio").count() == 16  # the anonymous questionnaire: four questions, four answers each
    weight = page.evaluate(WEIGHT)
    assert weight < 40 * 1024, f"the anonymous questionnaire weighs {weight} bytes"  # it was 609 KB with Bootstrap

    page.goto(f"{page.base_url}/famiglia/accesso/")
    page.fill("#id_username", "genitore")
    page.fill("#id_password", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{page.base_url}/famiglia/")
    for where in MEMBER:
        page.goto(f"{page.base_url}{paths.get(where, where)}")
        _check(page, where, language)
    page.goto(f"{page.base_url}/famiglia/questionario/")
    assert page.locator(".radio").count() == 16
