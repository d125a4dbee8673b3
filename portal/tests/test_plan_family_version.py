"""The portal's plan in the family's own words: the mediator's translation first, in the member's language and
direction, the Italian beside it; people's text isolated; «Ascolta questa pagina» offered."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plans import services as plan_services
from plans.testing import draft_plan
from portal import services

ARABIC_GOAL = "يذهب لوكا إلى المدرسة كل يوم"
ARABIC_ACTION = "زيارة منزلية كل أسبوع"


@pytest.fixture
def plan(world):
    plan = draft_plan(world.family, world.casemanager, goals=2)
    goal = plan.risultati.order_by("pk").first()
    plan_services.translation_save(item=goal, lingua="ar", testo=ARABIC_GOAL, by=world.casemanager)
    plan_services.translation_save(item=goal.azioni.first(), lingua="ar", testo=ARABIC_ACTION, by=world.casemanager)
    return plan


def _page(world, login, language):
    services.language_set(user=world.genitore, language=language)
    response = login("genitore").get("/famiglia/progetto/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_family_reads_its_version_first_and_the_italian_beside_it(world, login, plan):
    html = _page(world, login, "ar")
    assert f'<h3 lang="ar" dir="rtl">{ARABIC_GOAL}</h3>' in html
    assert html.index(ARABIC_GOAL) < html.index('<span lang="it" dir="ltr">Risultato atteso numero 1</span>')
    assert f'<span lang="ar" dir="rtl">{ARABIC_ACTION}</span>' in html
    assert '<span lang="it" dir="ltr">Visita domiciliare settimanale 1</span>' in html
    # The goal without a translation stays Italian, isolated with its own direction.
    assert '<h3 lang="it" dir="ltr">Risultato atteso numero 2</h3>' in html


def test_every_piece_of_peoples_text_on_the_plan_is_isolated(world, login, plan):
    html = _page(world, login, "ar")
    main = html[html.index("<main"):html.index("</main>")]
    for text in ("Risultato atteso numero 2", "Visita domiciliare settimanale 2", ARABIC_GOAL, ARABIC_ACTION):
        opening = main[:main.index(text)].rsplit("<", 1)[1]
        assert re.search(r'dir="(ltr|rtl|auto)"', opening) or opening.startswith("bdi"), (text, opening)
    assert "<bdi>" in main  # who does the action: a name


def test_in_another_language_the_arabic_version_is_not_shown(world, login, plan):
    html = _page(world, login, "fr")
    assert ARABIC_GOAL not in html
    assert '<h3 lang="it" dir="ltr">Risultato atteso numero 1</h3>' in html


def test_a_translation_da_rivedere_is_not_shown_to_the_family(world, login, plan):
    goal = plan.risultati.order_by("pk").first()
    plan.refresh_from_db()
    plan_services.risultato_update(risultato=goal, by=world.casemanager, version=plan.version,
                                   sottodimensione=goal.sottodimensione, descrizione="Un obiettivo cambiato",
                                   analisi="", data_prevista=None)
    html = _page(world, login, "ar")
    assert ARABIC_GOAL not in html and '<h3 lang="it" dir="ltr">Un obiettivo cambiato</h3>' in html
    assert ARABIC_ACTION in html


def test_the_listen_button_is_offered_hidden_until_the_phone_has_a_voice(world, login, plan):
    for path in ("/famiglia/progetto/", "/famiglia/appuntamenti/"):
        services.language_set(user=world.genitore, language="ar")
        html = login("genitore").get(path).content.decode()
        assert re.search(r'<p class="listen-bar" data-listen-bar hidden>', html), path
        assert 'src="/static/portal/listen.js"' in html and "<script>" not in html, path
        assert "data-listen-root" in html, path


def test_more_translations_cost_no_more_queries(world, login, plan):
    services.language_set(user=world.genitore, language="ar")
    client = login("genitore")
    client.get("/famiglia/progetto/")
    with CaptureQueriesContext(connection) as few:
        client.get("/famiglia/progetto/")
    goal = plan.risultati.order_by("pk").last()
    plan_services.translation_save(item=goal, lingua="ar", testo="هدف آخر", by=world.casemanager)
    with CaptureQueriesContext(connection) as many:
        client.get("/famiglia/progetto/")
    assert len(many.captured_queries) == len(few.captured_queries)


@pytest.mark.parametrize("language", ["ar", "en", "es", "fr", "ro", "sq", "uk", "zh-hans"])
def test_the_new_words_of_the_plan_page_are_in_every_portal_language(world, login, plan, language):
    if language != "ar":  # the fixture's translation is Arabic: give this language one too
        plan_services.translation_save(item=plan.risultati.order_by("pk").first(), lingua=language,
                                       testo="Testo della famiglia", by=world.casemanager)
    html = _page(world, login, language)
    for italian in ("Ascolta questa pagina", "Ferma la lettura", "In italiano:", "il mediatore culturale li ha"):
        assert italian not in html, (language, italian)
