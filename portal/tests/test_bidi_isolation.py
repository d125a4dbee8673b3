"""People's words (names, places, messages, the équipe's Italian) keep their own direction in a right-to-left page."""

import re

import pytest

from portal.selectors import appointments_for
from portal.tests.pages import fill_family_pages, isolation_of

# plan.html (and its PDF) belong to the goals' translations, which isolate the goals and actions there.
PAGES = ["home", "appointments", "messages", "message refused", "family view", "assessments", "assessment",
         "questionnaire", "invitation", "login", "language", "anonymous questionnaire"]


@pytest.fixture
def pages(world):
    return fill_family_pages(world)


def test_names_places_and_messages_are_isolated_in_arabic(world, pages):
    cm = world.casemanager.get_full_name()
    expected = {
        "home": ["Maria", cm],
        "appointments": ["Genitori al centro", "Biblioteca civica"],
        "messages": [cm, "Possiamo spostare la visita di giovedì?", "Certo, ci sentiamo domani."],
        "assessments": ["Luca", "Il Mondo del Bambino"],
        "invitation": ["Paolo"],
    }
    for name, texts in expected.items():
        html = pages.get(name, "ar").content.decode()
        for text in texts:
            found = isolation_of(html, text)
            assert found and all(found), f"{name}: «{text}» {found}"


@pytest.mark.parametrize("name", PAGES)
def test_every_italian_passage_says_its_direction_too(pages, name):
    html = pages.get(name, "ar").content.decode()
    for tag in re.findall(r"<[a-z]+[^>]*\blang=\"it\"[^>]*>", html):
        assert 'dir="ltr"' in tag, f"{name}: {tag}"


def test_a_messages_text_and_the_text_boxes_find_their_own_direction(pages):
    html = pages.get("messages", "ar").content.decode()
    assert '<p class="pre" dir="auto">Possiamo spostare la visita di giovedì?</p>' in html
    assert re.search(r'<textarea[^>]*dir="auto"', html)
    view = pages.get("family view", "ar").content.decode()
    assert len(re.findall(r'<textarea[^>]*dir="auto"', view)) == 6


def test_the_group_meeting_reminder_isolates_the_groups_name_in_plain_text(world, pages):
    group = next(a for a in appointments_for(world.family) if a.kind == "gruppo")
    assert "\u2068Genitori al centro\u2069" in group.title_text
