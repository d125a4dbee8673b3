"""SEDT and the other professional services: assignments, visits, hours per week."""

import re
import uuid
from datetime import time, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEntry
from common.exceptions import DuplicateSubmission
from core.testing import PersonFactory, main_of, queries_on, today
from families.models import PathEvent, Stato
from interventions import selectors, services
from interventions.models import Assegnazione, Intervento, Ruolo, Servizio
from interventions.testing import start_path
from plans.testing import draft_plan


@pytest.fixture
def family(world):
    return start_path(world.family, included=today() - timedelta(days=90))


def visit(family, by, day, start=(10, 0), end=(11, 0), **kw):
    return services.intervento_create(family=family, by=by, data=day, ora_inizio=time(*start), ora_fine=time(*end),
                                      **kw)


def quick_post(client, family, **overrides):
    data = {"family": family.pk, "data": today().isoformat(), "ora_inizio": "09:00", "ora_fine": "10:30",
            "luogo": "casa", "servizio": "educativa", "attivita": "Compiti con Luca", "form_token": str(uuid.uuid4())}
    data.update(overrides)
    return client.post("/interventi/registra/", data)


def test_educator_logs_a_visit_from_the_quick_form(world, family, login):
    client = login("educatore")
    page = client.get("/interventi/registra/")
    assert page.status_code == 200
    form = page.context["form"]
    assert form.initial["data"] == today() and form.initial["luogo"] == "casa"
    assert list(form.fields["family"].queryset) == [family]
    response = quick_post(client, family)
    assert response.status_code == 302 and response["Location"] == "/interventi/"
    v = Intervento.objects.get()
    assert (v.operatore, v.durata_minuti, v.ruolo, v.servizio, v.ambito_id) == (
        world.educatore, 90, Ruolo.EDUCATORE, Servizio.EDUCATIVA, world.ambito.pk)
    week = client.get("/interventi/")
    assert "SER-00001" in week.content.decode() and week.context["total"] == 1.5
    # The next time, the last family is the default.
    assert client.get("/interventi/registra/").context["form"].initial["family"] == family.pk


def test_double_submission_creates_one_visit(world, family, login):
    client = login("educatore")
    token = str(uuid.uuid4())
    assert quick_post(client, family, form_token=token).status_code == 302
    assert quick_post(client, family, form_token=token).status_code == 302
    assert Intervento.objects.count() == 1


@pytest.mark.parametrize(("overrides", "field", "message"), [
    ({"ora_fine": "08:00"}, "ora_fine", "L'ora di fine deve essere dopo l'ora di inizio."),
    ({"ora_inizio": "07:00", "ora_fine": "20:00"}, "ora_fine", "Un intervento non può durare più di 12 ore"),
    ({"data": (today() + timedelta(days=1)).isoformat()}, "data", "Non puoi registrare un intervento nel futuro"),
    ({"data": (today() - timedelta(days=120)).isoformat()}, "data", "precedente all'inclusione"),
])
def test_bad_visits_are_refused_with_a_clear_message(world, family, login, overrides, field, message):
    response = quick_post(login("educatore"), family, **overrides)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Intervento.objects.exists()


def test_overlapping_visits_of_the_same_educator_are_refused(world, family):
    visit(family, world.educatore, today(), (9, 0), (11, 0))
    other = start_path(world.other_equipe_family, included=today() - timedelta(days=30))
    with pytest.raises(ValidationError) as error:
        visit(family, world.educatore, today(), (10, 30), (12, 0))
    assert "ha già un intervento registrato (09:00–11:00)" in error.value.message_dict["ora_inizio"][0]
    # Back to back is fine, and another educator at the same time too.
    visit(family, world.educatore, today(), (11, 0), (12, 0))
    visit(other, world.educatore2, today(), (9, 0), (11, 0))
    assert Intervento.objects.count() == 3


def test_visit_after_closure_and_before_inclusion_is_refused(world):
    family = start_path(world.family, included=today() - timedelta(days=200), state=Stato.CHIUSA)

    PathEvent.objects.filter(family=family, to_state=Stato.CHIUSA).update(
        at=PathEvent.objects.get(family=family, to_state=Stato.INCLUSA).at + timedelta(days=100))
    with pytest.raises(ValidationError) as error:
        visit(family, world.educatore, today() - timedelta(days=10))
    assert "successiva alla chiusura" in error.value.message_dict["data"][0]
    with pytest.raises(ValidationError) as error:
        visit(world.other_equipe_family, world.educatore2, today())
    assert "non ancora inclusa" in error.value.message_dict["data"][0]
    assert not Intervento.objects.exists()


def test_present_people_and_mediation_must_be_of_the_family(world, family):
    stranger = world.other_equipe_family.persone.first()
    with pytest.raises(ValidationError) as error:
        visit(family, world.educatore, today(), presenti=[stranger], persona=stranger)
    assert set(error.value.message_dict) == {"presenti", "persona"}
    assert not Intervento.objects.exists()


def test_full_form_links_present_people_and_plan_actions(world, family, login):
    plan = draft_plan(family, world.casemanager, teacher=world.insegnante)
    action = plan.risultati.first().azioni.first()
    mother = family.persone.get(nome="Maria")
    client = login("educatore")
    response = client.post(f"/famiglie/{family.pk}/interventi/nuovo/", {
        "servizio": "mediazione", "ruolo": "", "data": today().isoformat(), "ora_inizio": "15:00",
        "ora_fine": "16:00", "luogo": "territorio", "presenti": [mother.pk], "persona": mother.pk,
        "attivita": "Colloquio con la scuola", "azioni": [action.pk], "note_equipe": "Serve un interprete",
        "form_token": str(uuid.uuid4())})
    assert response.status_code == 302
    v = Intervento.objects.get()
    assert list(v.presenti.all()) == [mother] and list(v.azioni.all()) == [action] and v.persona == mother
    assert v.ruolo == Ruolo.EDUCATORE  # the operator's own profession
    page = client.get(f"/famiglie/{family.pk}/interventi/").content.decode()
    assert "Colloquio con la scuola" in page and "Serve un interprete" in page
    # The teacher sees that there was a visit, not what was said.
    teacher = login("insegnante").get(f"/famiglie/{family.pk}/interventi/").content.decode()
    assert "Mediazione culturale" in teacher and "Serve un interprete" not in teacher


def test_an_educator_logs_only_their_own_visits_the_case_manager_for_the_equipe(world, family):
    with pytest.raises(PermissionDenied):
        visit(family, world.educatore, today(), operatore=world.casemanager)
    v = visit(family, world.casemanager, today(), operatore=world.educatore)
    assert v.operatore == world.educatore and v.created_by == world.casemanager
    with pytest.raises(PermissionDenied):
        visit(family, world.insegnante, today(), (14, 0), (15, 0))
    with pytest.raises(PermissionDenied):
        visit(family, world.coach, today(), (14, 0), (15, 0))


def test_teacher_posting_a_visit_gets_403_and_other_equipe_404(world, family, login):
    url = f"/famiglie/{family.pk}/interventi/nuovo/"
    assert login("insegnante").post(url, {}).status_code == 403
    assert login("educatore2").post(url, {}).status_code == 404
    # The quick form never offers (nor accepts) a family of another équipe.
    response = quick_post(login("educatore2"), family)
    assert response.status_code == 200 and "family" in response.context["form"].errors
    assert not Intervento.objects.exists()


def test_assignment_and_planned_vs_delivered_hours_per_week(world, family, login):
    client = login("casemanager")
    monday = selectors.week_start(today())
    response = client.post(f"/famiglie/{family.pk}/interventi/assegnazioni/nuova/", {
        "operatore": world.educatore.pk, "servizio": "educativa", "ruolo": "educatore", "ore_settimanali": "10",
        "data_inizio": (monday - timedelta(days=7)).isoformat(), "form_token": str(uuid.uuid4())})
    assert response.status_code == 302
    assert Assegnazione.objects.get().ore_settimanali == Decimal("10.0")
    for day in range(3):  # last week: 3 × 3 h = 9 h
        visit(family, world.educatore, monday - timedelta(days=7 - day), (9, 0), (12, 0))
    visit(family, world.educatore, monday, (9, 0), (11, 0))  # this week: 2 h
    weeks = selectors.weekly_hours(family, weeks=3)
    assert [(w.planned, w.delivered, w.below) for w in weeks] == [
        (0, 0, False), (10, 9, False), (10, 2, True)]
    assert weeks[1].by_dispositivo == {"educativa": 9}
    page = client.get(f"/famiglie/{family.pk}/interventi/")
    assert page.context["month_hours"] == selectors.month_hours(family)
    assert "sotto le 8 ore" in page.content.decode() and "<svg" in main_of(page.content.decode())


def test_the_family_page_summary_gives_the_same_hours_as_the_weekly_and_monthly_figures(world, family, login):
    """hours_summary() answers in one query what month_hours() and weekly_hours() answer in four: compared on
    every day of six weeks around a month's turn, with visits of different lengths on most days."""
    start = today() - timedelta(days=45)
    for offset in range(0, 46):
        if offset % 5 != 4:  # some days without visits
            visit(family, world.educatore, start + timedelta(days=offset), (9, 0), (10 + offset % 3, 15))
    for offset in range(0, 46):
        day = start + timedelta(days=offset)
        expected = (selectors.month_hours(family, today=day),
                    selectors.weekly_hours(family, weeks=2, today=day)[0].delivered)
        assert selectors.hours_summary(family, today=day) == expected, day
    client = login("casemanager")
    month, week = selectors.hours_summary(family)
    page = client.get(f"/famiglie/{family.pk}/").content.decode()
    # The page rounds half up, as floatformat does (1.25 h is "1,3"); f"{1.25:.1f}" would round half to even ("1.2").
    assert f"Questo mese: {Decimal(str(month)).quantize(Decimal('0.1'), ROUND_HALF_UP)}".replace(".", ",") in page
    assert ("sotto le 8 ore" in page) == (week < 8)


def test_assignment_bad_input(world, family):
    with pytest.raises(ValidationError) as error:
        services.assegnazione_create(family=family, by=world.casemanager, operatore=world.educatore2,
                                     ore_settimanali=Decimal("-1"), data_inizio=today(),
                                     data_fine=today() - timedelta(days=1))
    assert set(error.value.message_dict) == {"operatore", "ore_settimanali", "data_fine"}
    with pytest.raises(PermissionDenied):
        services.assegnazione_create(family=family, by=world.educatore, operatore=world.educatore,
                                     ore_settimanali=Decimal(8), data_inizio=today())
    token = uuid.uuid4()
    services.assegnazione_create(family=family, by=world.casemanager, operatore=world.educatore,
                                 ore_settimanali=Decimal(8), data_inizio=today(), creation_token=token)
    with pytest.raises(DuplicateSubmission):
        services.assegnazione_create(family=family, by=world.casemanager, operatore=world.educatore,
                                     ore_settimanali=Decimal(8), data_inizio=today(), creation_token=token)
    assert Assegnazione.objects.count() == 1


def test_family_page_is_audit_logged(world, family, login):
    login("educatore").get(f"/famiglie/{family.pk}/interventi/")
    entry = AuditEntry.objects.filter(actor=world.educatore, action=AuditEntry.Action.ACCESS).latest("timestamp")
    assert entry.family_id == family.pk


def test_family_hours_page_query_count_is_constant(world, family, login):
    client = login("casemanager")
    mother = family.persone.get(nome="Maria")
    path = f"/famiglie/{family.pk}/interventi/"

    def add(n, offset):
        for i in range(n):
            v = visit(family, world.educatore, today() - timedelta(days=offset + i), (8, 0), (9, 0))
            v.presenti.set([mother])
        services.assegnazione_create(family=family, by=world.casemanager, operatore=world.educatore,
                                     ore_settimanali=Decimal(8), data_inizio=today() - timedelta(days=offset))

    add(2, 0)
    small = queries_on(client, path)
    add(10, 5)
    assert queries_on(client, path) == small
    detail = queries_on(client, f"/famiglie/{family.pk}/")
    add(5, 20)
    assert queries_on(client, f"/famiglie/{family.pk}/") == detail


def test_family_page_shows_the_summary(world, family, login):
    visit(family, world.educatore, today(), (8, 0), (9, 30))
    page = login("casemanager").get(f"/famiglie/{family.pk}/").content.decode()
    assert "Interventi e ore" in page and f"/famiglie/{family.pk}/interventi/" in page


def test_extra_people_enrol_in_mediation(world, family):
    person = PersonFactory(family=family, nome="Amina", mediazione_culturale=True)
    v = visit(family, world.educatore, today(), servizio=Servizio.MEDIAZIONE, persona=person)
    assert v.persona == person and v.ruolo == Ruolo.EDUCATORE


def test_the_intensity_chart_has_machine_readable_coordinates_in_italian(world, family, login):
    visit(family, world.educatore, today() - timedelta(days=2), start=(9, 0), end=(11, 30))
    page = login("casemanager").get(f"/famiglie/{family.pk}/interventi/").content.decode()
    start = page.index("<svg viewBox")  # the chart; the header's menu icons are SVG too
    svg = page[start:page.index("</svg>", start)]
    rects = re.findall(r'<rect x="([^"]+)" y="([^"]+)" width="([^"]+)" height="([^"]+)"', svg)
    assert rects, "the week with the visit has a bar"
    for values in rects:
        assert all(float(v) >= 0 for v in values)  # "12,5" would raise: SVG needs a dot
    # No inline style: the CSP forbids it, so the legend draws its swatches as SVG too.
    assert 'style="' not in page
