"""The satisfaction questionnaire inside the portal: anonymous, once."""

from datetime import timedelta

from django.utils import timezone

from portal.models import QuestionarioCompilato
from quality.models import SurveyAnswer, SurveyResponse
from quality.tests.factories import survey

ANSWERS = {"ascolto": "3", "decisioni": "4", "aiuto": "4", "gruppi": "4", "suggerimenti": "Più incontri di gruppo"}


def test_the_member_answers_once_and_the_answer_is_not_linked_to_them(world, login):
    s = survey(world)
    client = login("genitore")
    assert "Il vostro parere" in client.get("/famiglia/").content.decode()
    assert client.post("/famiglia/questionario/", ANSWERS).status_code == 200
    response = SurveyResponse.objects.get(survey=s)
    assert {f.name for f in SurveyResponse._meta.get_fields()} & {"user", "person", "family"} == set()
    assert SurveyAnswer.objects.filter(response=response).count() == 5  # four scales and the suggestion
    again = client.post("/famiglia/questionario/", ANSWERS)
    assert "già risposto" in again.content.decode() and SurveyResponse.objects.count() == 1
    assert "Il vostro parere" not in client.get("/famiglia/").content.decode()


def test_missing_answers_are_refused_and_nothing_is_recorded(world, login):
    survey(world)
    response = login("genitore").post("/famiglia/questionario/", {"gruppi": "4"})
    assert response.status_code == 422
    assert not SurveyResponse.objects.exists() and not QuestionarioCompilato.objects.exists()


def test_no_open_questionnaire_and_other_ambiti_questionnaires_are_not_offered(world, login):
    survey(world, titolo="Chiuso", apre_il=timezone.localdate() - timedelta(days=60),
           chiude_il=timezone.localdate() - timedelta(days=30))
    page = login("genitore").get("/famiglia/questionario/").content.decode()
    assert "questionario aperto" in page and "<form method=\"post\" novalidate>" not in page
