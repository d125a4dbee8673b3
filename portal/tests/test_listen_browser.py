"""«Ascolta questa pagina» in Chromium: shown only where the phone has a voice for the page's language, and
reading the page's own text, each piece in its language, through the phone's speechSynthesis (stubbed here so
that the test sees what would be said)."""

import pytest

from accounts.models import User
from core.testing import PASSWORD
from plans import services as plan_services
from plans.testing import draft_plan
from portal import services

ARABIC_GOAL = "يذهب لوكا إلى المدرسة كل يوم"

# A stand-in for the phone's speech synthesis: the voices it says it has, and every utterance it is given.
FAKE_SYNTHESIS = """(voices) => {
  const listeners = [];
  window.__spoken = [];
  window.__voices = voices;
  const synth = {
    speaking: false,
    getVoices: () => window.__voices.map((lang) => ({lang, name: "Voce " + lang, default: false, localService: true,
                                                     voiceURI: lang})),
    speak: (u) => window.__spoken.push({text: u.text, lang: u.lang}),
    cancel: () => { window.__cancelled = (window.__cancelled || 0) + 1; },
    addEventListener: (name, fn) => listeners.push(fn),
  };
  window.__addVoice = (lang) => { window.__voices.push(lang); listeners.forEach((fn) => fn()); };
  Object.defineProperty(window, "speechSynthesis", {value: synth, configurable: true});
}"""


def _stub(page, voices):
    page.add_init_script(script=f"({FAKE_SYNTHESIS})({voices!r})")


def _log_in(page, language):
    parent = User.objects.get(username="genitore")
    family = parent.persona.family
    plan = draft_plan(family, family.equipe.case_manager, goals=2)
    goal = plan.risultati.order_by("pk").first()
    plan_services.translation_save(item=goal, lingua="ar", testo=ARABIC_GOAL, by=family.equipe.case_manager)
    services.language_set(user=parent, language=language)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{page.base_url}/famiglia/accesso/")
    page.fill("#id_username", "genitore")
    page.fill("#id_password", PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{page.base_url}/famiglia/")


@pytest.mark.browser
def test_it_reads_the_plan_each_piece_in_its_own_language(page):
    _stub(page, ["ar-SA", "it-IT"])
    _log_in(page, "ar")
    page.goto(f"{page.base_url}/famiglia/progetto/")
    button = page.locator("[data-listen]")
    assert button.is_visible()
    assert button.bounding_box()["height"] >= 44 and button.bounding_box()["width"] >= 44
    button.click()
    spoken = page.evaluate("window.__spoken")
    assert {"text": ARABIC_GOAL, "lang": "ar-SA"} in spoken
    assert {"text": "Risultato atteso numero 1", "lang": "it-IT"} in spoken
    assert any(s["lang"] == "ar-SA" and "Visita" not in s["text"] for s in spoken)
    # The agreement form is not read aloud: only the plan.
    assert not any("موافق" in s["text"] or "Invia" in s["text"] for s in spoken)
    assert button.get_attribute("aria-pressed") == "true"
    button.click()  # a second press stops the voice
    assert page.evaluate("window.__cancelled") >= 2
    assert button.get_attribute("aria-pressed") == "false"


@pytest.mark.browser
def test_pieces_without_a_voice_are_skipped(page):
    _stub(page, ["ar-EG"])
    _log_in(page, "ar")
    page.goto(f"{page.base_url}/famiglia/progetto/")
    page.locator("[data-listen]").click()
    spoken = page.evaluate("window.__spoken")
    assert {"text": ARABIC_GOAL, "lang": "ar-EG"} in spoken
    assert all(s["lang"] == "ar-EG" for s in spoken)  # no Italian read by an Arabic voice


@pytest.mark.browser
def test_it_is_hidden_where_the_phone_has_no_voice_for_the_pages_language(page):
    _stub(page, ["en-US", "it-IT"])
    _log_in(page, "ar")
    for path in ("/famiglia/progetto/", "/famiglia/appuntamenti/"):
        page.goto(f"{page.base_url}{path}")
        assert page.locator("[data-listen-bar]").count() == 1
        assert not page.locator("[data-listen]").is_visible(), path


@pytest.mark.browser
def test_it_appears_when_the_voices_arrive_later(page):
    _stub(page, [])
    _log_in(page, "zh-hans")
    page.goto(f"{page.base_url}/famiglia/appuntamenti/")
    assert not page.locator("[data-listen]").is_visible()
    page.evaluate("window.__addVoice('zh-CN')")
    assert page.locator("[data-listen]").is_visible()
    page.locator("[data-listen]").click()
    spoken = page.evaluate("window.__spoken")
    assert spoken and all(s["lang"] == "zh-CN" for s in spoken)


@pytest.mark.browser
def test_without_speech_synthesis_the_button_stays_hidden(page):
    page.add_init_script(script="Object.defineProperty(window, 'speechSynthesis', {value: undefined})")
    _log_in(page, "it")
    page.goto(f"{page.base_url}/famiglia/progetto/")
    assert not page.locator("[data-listen]").is_visible()
