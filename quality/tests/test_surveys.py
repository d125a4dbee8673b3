import io
import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from assessments.models import InstrumentVersion
from core.testing import main_of
from quality import services
from quality.models import SurveyAnswer, SurveyLink, SurveyResponse
from quality.selectors import survey_results

from .factories import survey


def answers(**overrides):
    values = {"ascolto": "4", "decisioni": "3", "aiuto": "4", "gruppi": "", "suggerimenti": ""}
    values.update(overrides)
    return values


def test_an_anonymous_link_takes_one_answer_only(world):
    token = services.links_generate(survey=survey(world), by=world.rt, count=1)[0]
    client = Client()
    assert client.post(f"/q/{token}/", answers()).status_code == 200
    second = client.post(f"/q/{token}/", answers())
    assert second.status_code == 410 and "già stato usato" in second.content.decode()
    assert SurveyResponse.objects.count() == 1


def test_answers_cannot_be_linked_back_to_a_link_or_a_person(world):
    tokens = services.links_generate(survey=survey(world), by=world.rt, count=2)
    services.survey_answer(token=tokens[0], values=answers())
    response_fields = {f.name for f in SurveyResponse._meta.get_fields()}
    assert response_fields <= {"id", "survey", "giorno", "lingua", "answers"}
    assert not any(t in str(SurveyLink.objects.values_list("token_hash", flat=True)) for t in tokens)


def test_missing_required_answers_are_listed_and_the_link_stays_valid(world):
    token = services.links_generate(survey=survey(world), by=world.rt, count=1)[0]
    with pytest.raises(ValidationError, match="rispondi"):
        services.survey_answer(token=token, values=answers(ascolto=""))
    assert not SurveyLink.objects.get().used
    services.survey_answer(token=token, values=answers())
    assert SurveyLink.objects.get().used


def test_a_closed_or_unknown_link_is_explained(world):
    closed = survey(world, titolo="Vecchio", apre_il=timezone.localdate() - timedelta(days=90),
                    chiude_il=timezone.localdate() - timedelta(days=30))
    token = services.links_generate(survey=closed, by=world.rt, count=1)[0]
    assert "non è aperto" in Client().get(f"/q/{token}/").content.decode()
    assert Client().get("/q/inesistente/").status_code == 404


def test_the_questionnaire_speaks_arabic_right_to_left(world):
    token = services.links_generate(survey=survey(world), by=world.rt, count=1)[0]
    html = Client().get(f"/q/{token}/?lang=ar").content.decode()
    assert 'dir="rtl"' in html and "شعرت بأن العاملين استمعوا إليّ" in html
    Client().post(f"/q/{token}/?lang=ar", answers())
    assert SurveyResponse.objects.get().lingua == "ar"


def test_results_are_hidden_below_three_answers_and_computed_from_the_records(world, login):
    s = survey(world)
    tokens = services.links_generate(survey=s, by=world.rt, count=4)
    services.survey_answer(token=tokens[0], values=answers(ascolto="4"))
    services.survey_answer(token=tokens[1], values=answers(ascolto="2"))
    assert not survey_results(s)["enough"]
    services.survey_answer(token=tokens[2], values=answers(ascolto="3", suggerimenti="Più incontri serali"))
    results = survey_results(s)
    row = next(r for r in results["items"] if r["item"].code == "ascolto")
    assert results["enough"] and row["mean"] == 3.0
    assert [b["count"] for b in row["bars"]] == [0, 1, 1, 1]
    assert results["texts"] == ["Più incontri serali"]
    assert SurveyAnswer.objects.filter(item_code="ascolto").count() == 3


def test_the_pdf_report_opens_and_the_links_page_shows_qr_codes(world, login):
    s = survey(world)
    client = login("amministrativo")
    page = client.post(f"/qualita/{s.pk}/link/", {"count": 3})
    assert page.status_code == 200 and main_of(page.content.decode()).count("<svg") >= 3
    assert len(re.findall(r"/q/[\w-]+/", page.content.decode())) >= 3
    pdf = client.get(f"/qualita/{s.pk}/relazione/")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Relazione sul questionario" in text and "Soddisfazione 2026" in text


def test_a_survey_closing_before_it_opens_is_refused(world):
    version = InstrumentVersion.objects.filter(instrument__code="soddisfazione_famiglie").latest("version")
    with pytest.raises(ValidationError):
        services.survey_create(ambito=world.ambito, by=world.rt, version=version, titolo="X", destinatari="famiglie",
                               apre_il=date(2026, 5, 1), chiude_il=date(2026, 4, 1))
