"""The portal's language on first contact (the browser's) and the switcher at the top of every page."""

import re

from django.test import Client

from common.i18n import FAMILY_LANGUAGES
from portal import services


def _lang(html: str) -> tuple[str, str]:
    match = re.search(r'<html lang="([^"]+)" dir="([^"]+)">', html)
    assert match
    return match.group(1), match.group(2)


def test_the_login_page_follows_the_browsers_language_on_first_contact(db):
    response = Client().get("/famiglia/accesso/", HTTP_ACCEPT_LANGUAGE="ar-MA,ar;q=0.9,fr;q=0.8")
    assert _lang(response.content.decode()) == ("ar", "rtl")
    assert response["Content-Language"] == "ar" and "Accept-Language" in response["Vary"]


def test_a_regional_or_chinese_browser_name_finds_its_language(db):
    assert _lang(Client().get("/famiglia/accesso/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9").content.decode())[0] \
        == "zh-hans"
    assert _lang(Client().get("/famiglia/accesso/", HTTP_ACCEPT_LANGUAGE="uk-UA").content.decode())[0] == "uk"


def test_a_language_the_portal_does_not_speak_is_skipped_for_the_next_one_or_italian(db):
    html = Client().get("/famiglia/accesso/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9,ro;q=0.5").content.decode()
    assert _lang(html)[0] == "ro"
    assert _lang(Client().get("/famiglia/accesso/", HTTP_ACCEPT_LANGUAGE="de").content.decode())[0] == "it"


def test_a_language_chosen_on_the_page_wins_over_the_browser(db):
    client = Client()
    client.post("/famiglia/lingua/", {"language": "fr", "next": "/famiglia/accesso/"})
    assert _lang(client.get("/famiglia/accesso/", HTTP_ACCEPT_LANGUAGE="ar").content.decode())[0] == "fr"


def test_the_members_own_language_wins_over_the_browser(world, login):
    services.language_set(user=world.genitore, language="uk")
    html = login("genitore").get("/famiglia/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert _lang(html)[0] == "uk"


def test_staff_pages_stay_italian_for_an_arabic_browser(db):
    assert '<html lang="it">' in Client().get("/account/accesso/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()


def test_the_switcher_is_at_the_top_of_every_page_with_names_in_their_own_script(world, login):
    for client, path in ((Client(), "/famiglia/accesso/"), (login("genitore"), "/famiglia/"),
                         (login("genitore"), "/famiglia/messaggi/")):
        html = client.get(path).content.decode()
        switcher = html.index('class="langbar"')
        assert switcher < html.index('<main id="main">'), path
        for code, name in FAMILY_LANGUAGES:
            assert f'<option value="{code}" lang="{code}"' in html and f">{name}</option>" in html
