"""The anonymous questionnaire (/q/<token>/) in the nine family languages, with the portal's light styles."""

import re

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from assessments.models import InstrumentVersion
from common.i18n import FAMILY_LANGUAGE_CODES, FAMILY_LANGUAGES
from quality import selectors, services
from quality.models import SurveyAnswer, SurveyResponse
from quality.tests.factories import survey

ANSWERS = {"ascolto": "4", "decisioni": "3", "aiuto": "4", "gruppi": "", "suggerimenti": ""}
# The first question and the Submit button, as a reader of each language sees them.
QUESTION = {"it": "Mi sono sentito/a ascoltato/a dagli operatori", "ar": "شعرت بأن العاملين استمعوا إليّ",
            "en": "I felt listened to by the staff", "fr": "Je me suis senti(e) écouté(e) par les professionnels",
            "es": "Me he sentido escuchado/a por los profesionales",
            "ro": "M-am simțit ascultat/ă de către specialiști", "sq": "U ndjeva i/e dëgjuar nga punonjësit",
            "uk": "Я відчував(-ла), що працівники мене вислуховують",
            "zh-hans": "我感到工作人员认真倾听了我的想法"}
SUBMIT = {"it": "Invia", "ar": "إرسال", "en": "Send", "fr": "Envoyer", "es": "Enviar", "ro": "Trimite",
          "sq": "Dërgo", "uk": "Надіслати", "zh-hans": "提交"}


def _token(world) -> str:
    return services.links_generate(survey=survey(world), by=world.rt, count=1)[0]


def test_the_shipped_families_questionnaire_is_written_in_the_nine_languages(db):
    definition = InstrumentVersion.objects.filter(instrument__code="soddisfazione_famiglie").latest("version").parsed
    assert set(definition.languages()) == set(FAMILY_LANGUAGE_CODES)
    for code in FAMILY_LANGUAGE_CODES[1:]:
        i18n = definition.raw["i18n"][code]
        assert i18n["title"] and i18n["description"], code
        assert set(i18n["items"]) == {item.code for item in definition.items}, code
        assert set(i18n["sections"]) == {section.code for section in definition.sections}, code
        assert set(i18n["scale"]) == {"1", "2", "3", "4"}, code
        # A translation copied from Italian by mistake would slip through a check of the keys alone.
        assert not set(i18n["items"].values()) & {item.label for item in definition.items}, code


@pytest.mark.parametrize("code", FAMILY_LANGUAGE_CODES)
def test_it_works_end_to_end_in_each_language(world, code):
    token = _token(world)
    client = Client()
    page = client.get(f"/q/{token}/?lang={code}")
    html = page.content.decode()
    assert page.status_code == 200 and page["Content-Language"] == code
    assert f'<html lang="{code}" dir="{"rtl" if code == "ar" else "ltr"}">' in html
    assert QUESTION[code] in html
    assert re.search(rf'<button type="submit" class="button wide">{SUBMIT[code]}</button>', html)

    assert client.post(f"/q/{token}/?lang={code}", ANSWERS).status_code == 200
    assert SurveyResponse.objects.get().lingua == code
    again = client.post(f"/q/{token}/?lang={code}", ANSWERS)
    with translation.override(code):
        used = gettext("Questo link è già stato usato: ogni link vale per una sola risposta. Grazie!")
    assert again.status_code == 410 and used in again.content.decode()
    assert SurveyResponse.objects.count() == 1


def test_it_uses_the_portals_light_styles_not_bootstrap_italia(world):
    html = Client().get(f"/q/{_token(world)}/?lang=ar").content.decode()
    assert "portal/portal.css" in html and "bootstrap-italia" not in html
    # Radio buttons with their label beside them, in the 48 px rows of the portal's .radio.
    assert html.count('<div class="radio">') == 4 * 4


def test_the_language_switcher_names_each_language_in_its_own_script(world):
    html = Client().get(f"/q/{_token(world)}/?lang=zh-hans").content.decode()
    for code, name in FAMILY_LANGUAGES:
        assert f'<option value="{code}" lang="{code}"' in html and f">{name}</option>" in html
    assert ">ZH<" not in html and ">AR<" not in html


def test_the_first_visit_follows_the_browsers_language(world):
    token = _token(world)
    page = Client().get(f"/q/{token}/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9,en;q=0.5")
    assert '<html lang="zh-hans"' in page.content.decode()
    german = Client().get(f"/q/{token}/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9")
    assert '<html lang="it"' in german.content.decode()


def test_an_unknown_language_falls_back_to_the_browsers_or_italian(world):
    page = Client().get(f"/q/{_token(world)}/?lang=xx", HTTP_ACCEPT_LANGUAGE="uk")
    assert '<html lang="uk"' in page.content.decode() and QUESTION["uk"] in page.content.decode()


def test_a_missing_answer_is_said_in_the_readers_language_and_nothing_is_saved(world):
    token = _token(world)
    page = Client().post(f"/q/{token}/?lang=ar", {**ANSWERS, "ascolto": ""})
    assert page.status_code == 422
    assert "«شعرت بأن العاملين استمعوا إليّ»: أجب عن هذا السؤال." in page.content.decode()
    assert not SurveyResponse.objects.exists() and not SurveyAnswer.objects.exists()


def test_a_broken_link_is_explained_in_the_readers_language(db):
    page = Client().get("/q/inesistente/?lang=uk")
    assert page.status_code == 404 and "Це посилання недійсне." in page.content.decode()


def test_an_older_version_without_the_language_keeps_its_questions_in_italian_marked_so(world):
    version = InstrumentVersion.objects.get(instrument__code="soddisfazione_famiglie", version=1)
    old = survey(world, titolo="Vecchia versione")
    old.instrument_version = version
    old.save()
    token = services.links_generate(survey=old, by=world.rt, count=1)[0]
    html = Client().get(f"/q/{token}/?lang=zh-hans").content.decode()
    assert '<html lang="zh-hans"' in html and '<div lang="it" dir="ltr">' in html and SUBMIT["zh-hans"] in html


def test_results_count_the_answers_per_language_without_naming_a_rare_one(world, login):
    s = survey(world)
    for code in ["it", "it", "it", "ar", "ar", "ar", "uk"]:
        services.record_answer(survey=s, values=ANSWERS, language=code)
    langs = selectors.survey_results(s)["languages"]
    assert [(row["code"], row["count"]) for row in langs["shown"]] == [("it", 3), ("ar", 3)]
    assert langs["others"] == 1
    page = login("rt").get(f"/qualita/{s.pk}/").content.decode()
    assert '<span lang="it">Italiano</span> 3' in page and '<span lang="ar">العربية</span> 3' in page
    assert "altre lingue 1" in page and "Українська" not in page
