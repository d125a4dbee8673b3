"""Every page a family meets, in each of the nine languages, has no string of the Italian catalogue left untranslated.

A string shown in Italian on an Arabic page is a missing translation, or a lazy translation evaluated too early
(`_("... %(n)s") % {...}` at import time, which freezes it in Italian); people's own words are marked with their
language (lang="it") and left out.
"""

import re

import pytest

from common.i18n import FAMILY_LANGUAGE_CODES
from portal.tests.pages import fill_family_pages, page_words, untranslated

FOREIGN = [code for code in FAMILY_LANGUAGE_CODES if code != "it"]


@pytest.fixture
def pages(world):
    return fill_family_pages(world)


@pytest.mark.parametrize("language", FOREIGN)
def test_every_family_page_is_in_the_language_with_nothing_left_in_italian(pages, language):
    problems = {}
    for name, *_rest in pages.requests():
        response = pages.get(name, language)
        assert response.status_code < 500, name
        html = response.content.decode()
        assert re.search(rf'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}"', html), name
        if left := untranslated(html, language):
            problems[name] = left
    assert not problems, f"[{language}] untranslated: {problems}"


def test_the_check_finds_italian_left_on_a_page(pages):
    # The Italian page is all Italian: the check must see it, or it would pass anything.
    html = pages.get("messages", "it").content.decode()
    found = untranslated(html, "en")
    assert "Scrivi al tuo case manager" not in found  # not on that page
    assert "Messaggi" in found and "Solo testo, al massimo %(max)s caratteri." in found


def test_text_marked_as_italian_is_left_out(db):
    html = '<html lang="en"><body><p>Messages</p><p lang="it">Messaggi</p><span lang="it"><b>Appuntamenti</b></span></body></html>'
    assert untranslated(html, "en") == [] and page_words(html, "en") == "Messages"
