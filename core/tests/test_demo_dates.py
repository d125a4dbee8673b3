"""The demo as `make run` builds it is dated from the day it runs: nothing is late on a fresh install except the
one family the demo means to be late (the tutor's report of 45 days ago, whose pre-assessment is overdue), on the RT's desk."""

import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from accounts.models import User
from core.demo import DEMO_USERS, MELZO, MELZO_USERS
from families.models import Family
from governance.bodies.models import Body, FollowUp, Meeting
from governance.complaints.models import Complaint
from governance.projects.models import Project
from governance.training.models import StaffMember, TrainingEvent
from quality.models import Survey
from quality.selectors import MIN_ANSWERS, survey_results

LATE = re.compile(r"\b[Ss]cadut[aeio]\b")


@pytest.fixture
def demo(db):
    call_command("seed_demo", if_empty=True, verbosity=0)


def test_the_only_late_thing_on_the_demo_desks_is_the_family_meant_to_be_late(demo):
    late_family = Family.objects.get(segnalata_da__username="tutor")
    for username in [*DEMO_USERS, *(u + MELZO.suffix for u in MELZO_USERS)]:
        client = Client()
        client.force_login(User.objects.get(username=username))
        page = client.get("/famiglia/" if username.startswith("genitore") else "/", follow=True).content.decode()
        found = LATE.findall(page)
        # The RT oversees the ambito's late steps; the tutor who reported the family sees their own contacts and
        # referrals, and the path's next step is the équipe's.
        if username == "rt":
            assert found == ["Scaduto"], username
            item = page[page.index(late_family.nome):][:800]
            assert "Scaduto" in item, username
        else:
            assert found == [], username


def test_the_demo_has_the_seeds_governance_with_meetings_minutes_and_follow_ups_ahead(demo):
    names = set(Body.objects.values_list("nome", flat=True))
    assert {"Cabina di Regia", "Coordinamento per lo Sviluppo della Sperimentazione", "Gruppo Territoriale",
            "Tavolo 1000 giorni"} <= names
    for body in Body.objects.all():
        held = body.riunioni.get(stato=Meeting.Stato.SVOLTA)
        assert held.verbale and held.decisioni.exists() and held.presenze.exists(), body
        assert body.riunioni.filter(stato=Meeting.Stato.PROGRAMMATA).exists(), body
    assert FollowUp.objects.exists()
    assert not FollowUp.objects.filter(fatto_il=None, scadenza__lt=timezone.localdate()).exists()
    project = Project.objects.get()
    assert project.macro_azioni.count() == 4 and project.partner.count() == 3
    assert "Tavolo 1000 giorni" in project.buona_prassi["titolo"]
    assert project.buona_prassi["obiettivo"].startswith("Favorire la costituzione di una rete di operatori")
    event = TrainingEvent.objects.get(titolo__startswith="Il metodo P.I.P.P.I.")
    assert all(s.presenti.exists() for s in event.sessioni.all())
    assert StaffMember.objects.filter(referente_tecnico=True).count() == 1
    for survey in Survey.objects.all():
        results = survey_results(survey)
        assert results["enough"] and results["n"] > MIN_ANSWERS, survey
    assert Complaint.objects.filter(risposto_il__isnull=False).count() == 1
    assert Complaint.objects.filter(risposto_il=None).count() == 1


def test_the_demo_parent_has_an_open_questionnaire_to_try_in_any_language(demo):
    client = Client()
    client.force_login(User.objects.get(username="genitore"))
    client.post("/famiglia/lingua/", {"language": "ar", "next": "/famiglia/"})
    assert 'href="/famiglia/questionario/"' in client.get("/famiglia/").content.decode()
    page = client.get("/famiglia/questionario/").content.decode()
    assert "شعرت بأن العاملين استمعوا إليّ" in page
    parent = User.objects.get(username="genitore")
    survey = Survey.objects.get(destinatari="famiglie", ambito=parent.persona.family.ambito)
    before = {row["code"]: row["count"] for row in survey_results(survey)["languages"]["shown"]}
    answer = {"ascolto": "4", "decisioni": "4", "aiuto": "3", "gruppi": "4", "suggerimenti": ""}
    assert client.post("/famiglia/questionario/", answer).status_code == 200
    after = {row["code"]: row["count"] for row in survey_results(survey)["languages"]["shown"]}
    assert before["ar"] >= MIN_ANSWERS and after["ar"] == before["ar"] + 1 and after["it"] == before["it"]
    html = client.get("/famiglia/").content.decode()
    assert 'href="/famiglia/questionario/"' not in html  # answered once
