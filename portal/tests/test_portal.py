"""Priorities 2, 3 and 5: the plan, the answer, the family's view, messages, languages, the équipe's view."""

import pytest
from django.test import Client
from django.utils import formats, translation

from assessments.models import Perspective, Response
from audit.models import AuditEntry
from plans.models import Accordo, ProgettoQuadro
from plans.testing import draft_plan
from portal import services
from portal.models import MESSAGE_MAX_LENGTH, Message, PlanSummary


@pytest.fixture
def plan(world):
    return draft_plan(world.family, world.casemanager, goals=2)


def test_the_member_sees_goals_actions_and_dates_but_never_the_analysis(world, login, plan):
    response = login("genitore").get("/famiglia/progetto/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Risultato atteso numero 1" in html and "Visita domiciliare settimanale 1" in html
    assert "Analisi riservata" not in html and "Narrazione riservata" not in html
    entry = AuditEntry.objects.filter(actor=world.genitore, action=AuditEntry.Action.ACCESS).latest("timestamp")
    assert entry.family_id == world.family.pk and entry.reason == "Portale famiglia: progetto"


def test_agreeing_is_recorded_in_the_plan_history_by_the_member_through_the_portal(world, login, plan):
    client = login("genitore")
    response = client.post("/famiglia/progetto/risposta/", {"esito": "concorda", "commento": "", "version": plan.version})
    assert response.status_code == 302
    accordo = Accordo.objects.get(progetto=plan)
    assert accordo.dal_portale and accordo.registrato_da == world.genitore and accordo.persona.user == world.genitore
    plan.refresh_from_db()
    assert plan.stato == ProgettoQuadro.Stato.CONCORDATO
    detail = login("casemanager").get(f"/famiglie/{world.family.pk}/progetto/").content.decode()
    assert "tramite il portale" in detail
    staff = login("casemanager").get(f"/famiglie/{world.family.pk}/portale/").content.decode()
    assert "d&#x27;accordo" in staff or "d'accordo" in staff


def test_asking_for_changes_needs_a_comment_and_a_stale_version_is_refused(world, login, plan):
    client = login("genitore")
    response = client.post("/famiglia/progetto/risposta/", {"esito": "modifiche", "commento": " ", "version": plan.version})
    assert response.status_code == 422 and "Scrivi che cosa vorresti cambiare" in response.content.decode()
    response = client.post("/famiglia/progetto/risposta/", {"esito": "concorda", "version": plan.version - 1})
    assert response.status_code == 422 and "rileggilo" in response.content.decode()
    assert not Accordo.objects.exists()
    response = client.post("/famiglia/progetto/risposta/", {"esito": "modifiche", "commento": "Le visite il sabato",
                                                           "version": plan.version})
    assert response.status_code == 302
    assert Accordo.objects.get().esito == "modifiche"
    plan.refresh_from_db()
    assert plan.stato == ProgettoQuadro.Stato.BOZZA


def test_every_portal_post_needs_the_csrf_token(world, plan):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.genitore)
    for path, data in (("/famiglia/progetto/risposta/", {"esito": "concorda", "version": plan.version}),
                       ("/famiglia/messaggi/", {"text": "Ciao"}),
                       ("/famiglia/il-nostro-punto-di-vista/", {"bambino_bene": "Gioca"}),
                       ("/famiglia/lingua/", {"language": "ar"}),
                       ("/famiglia/uscita/", {})):
        assert client.post(path, data).status_code == 403, path
    assert not Accordo.objects.exists() and not Message.objects.exists()


def test_the_family_view_is_an_assessment_from_the_family_perspective(world, login):
    client = login("genitore")
    response = client.post("/famiglia/il-nostro-punto-di-vista/", {"bambino_bene": "Luca gioca volentieri",
                                                                   "ambiente_preoccupa": "La casa è piccola"})
    assert response.status_code == 302
    first = Response.objects.get(perspective=Perspective.FAMIGLIA)
    assert first.status == "inviata" and first.time_point == "T0" and first.submitted_by == world.genitore
    assert first.answers.get(item_code="ambiente_preoccupa").text == "La casa è piccola"
    client.post("/famiglia/il-nostro-punto-di-vista/", {"bambino_bene": "Luca dorme meglio"})
    second = Response.objects.get(status="inviata", perspective=Perspective.FAMIGLIA)
    assert second.supersedes == first
    # The équipe sees it with the family's assessments.
    html = login("casemanager").get(f"/famiglie/{world.family.pk}/valutazioni/").content.decode()
    assert "Il punto di vista della famiglia" in html
    empty = client.post("/famiglia/il-nostro-punto-di-vista/", {})
    assert empty.status_code == 422 and "almeno una risposta" in empty.content.decode()


def test_a_message_over_the_limit_is_refused_in_the_members_language(world, login):
    services.language_set(user=world.genitore, language="en")
    client = login("genitore")
    response = client.post("/famiglia/messaggi/", {"text": "x" * (MESSAGE_MAX_LENGTH + 1)})
    assert response.status_code == 422
    assert f"at most {MESSAGE_MAX_LENGTH} characters, you wrote {MESSAGE_MAX_LENGTH + 1}" in response.content.decode()
    assert not Message.objects.exists()
    assert client.post("/famiglia/messaggi/", {"text": "Possiamo spostare la visita?"}).status_code == 302
    assert Message.objects.get().from_family


def test_the_case_manager_reads_and_answers_from_the_staff_page(world, login):
    services.message_send(family=world.family, by=world.genitore, text="Possiamo spostare la visita?")
    cm = login("casemanager")
    assert "1 messaggio da leggere" in cm.get(f"/famiglie/{world.family.pk}/").content.decode()
    assert "Possiamo spostare" in cm.get(f"/famiglie/{world.family.pk}/portale/").content.decode()
    assert Message.objects.get().read_at is not None
    assert cm.post(f"/famiglie/{world.family.pk}/portale/messaggi/", {"text": "Sì, giovedì alle 10."}).status_code == 302
    html = login("genitore").get("/famiglia/messaggi/").content.decode()
    assert "giovedì alle 10" in html
    # The other families' members and the teacher never read it.
    assert login("insegnante").get(f"/famiglie/{world.family.pk}/portale/").status_code == 403
    assert "Possiamo spostare" not in login("insegnante").get(f"/famiglie/{world.family.pk}/").content.decode()


def test_the_language_is_remembered_and_arabic_is_right_to_left(world, login):
    client = login("genitore")
    assert client.post("/famiglia/lingua/", {"language": "ar", "next": "/famiglia/"}).status_code == 302
    html = client.get("/famiglia/").content.decode()
    assert 'lang="ar" dir="rtl"' in html and "خطتنا" in html
    # A new session (another day) keeps it: it is on the member's profile.
    assert 'dir="rtl"' in login("genitore").get("/famiglia/").content.decode()


def test_an_unsupported_language_falls_back_with_a_message(world, login):
    client = login("genitore")
    response = client.post("/famiglia/lingua/", {"language": "xx", "next": "/famiglia/"}, follow=True)
    html = response.content.decode()
    assert "Questa lingua non è disponibile" in html and 'lang="it"' in html
    public = Client().get("/famiglia/accesso/?lang=tlh")
    assert "Questa lingua non è disponibile" in public.content.decode() and 'lang="it"' in public.content.decode()


def test_staff_pages_stay_italian_whatever_the_browser_or_the_portal_says(world, login):
    client = login("casemanager")
    client.cookies["trama_portale_lingua"] = "ar"
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en,ar;q=0.8").content.decode()
    assert '<html lang="it">' in html
    anonymous = Client().get("/account/accesso/", HTTP_ACCEPT_LANGUAGE="fr")
    assert '<html lang="it">' in anonymous.content.decode()


def test_the_language_switcher_works_before_login(world):
    client = Client()
    client.post("/famiglia/lingua/", {"language": "uk", "next": "/famiglia/accesso/"})
    assert "Увійдіть на портал сім'ї" in client.get("/famiglia/accesso/").content.decode()


def test_dates_are_formatted_in_the_members_language(world, login, plan):
    services.language_set(user=world.genitore, language="fr")
    html = login("genitore").get("/famiglia/appuntamenti/").content.decode()

    day = plan.risultati.first().data_prevista
    with translation.override("fr"):
        expected = formats.date_format(day, "DATE_FORMAT")
    assert expected in html and any(m in html for m in ("janvier", "février", "mars", "avril", "mai", "juin", "juillet",
                                                         "août", "septembre", "octobre", "novembre", "décembre"))


def test_the_translated_summary_is_shown_in_the_members_language(world, login, plan):
    cm = login("casemanager")
    response = cm.post(f"/famiglie/{world.family.pk}/portale/sintesi/", {"text_ar": "ملخص الخطة", "text_en": "Plan summary"})
    assert response.status_code == 302
    assert PlanSummary.objects.filter(progetto=plan).count() == 2
    services.language_set(user=world.genitore, language="ar")
    assert "ملخص الخطة" in login("genitore").get("/famiglia/progetto/").content.decode()
    services.language_set(user=world.genitore, language="fr")
    assert "ملخص" not in login("genitore").get("/famiglia/progetto/").content.decode()


def test_the_equipe_sees_what_each_member_saw_and_when(world, login, plan):
    login("genitore").get("/famiglia/progetto/")
    html = login("casemanager").get(f"/famiglie/{world.family.pk}/").content.decode()
    assert "ha visto il progetto il" in html
    assert "ha visto il progetto il" not in login("educatore").get(f"/famiglie/{world.family.pk}/").content.decode()
