"""The report of several ambiti (a region's): the same figures as the ambiti's own reports added up, a row per
ambito, prepared in the background for those who hold a reporting role in each ambito, once per request."""

import io
from datetime import date, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from core.testing import FamilyFactory, PersonFactory
from exports.models import ExportJob
from exports.testing import run_queued_tasks
from families.models import Person
from interventions.models import Intervento
from interventions.testing import seregno_budget
from organisation.models import Membership, Role
from reporting.rendicontazione import build, semester_of, years_before

DAL, AL = date(2026, 1, 1), date(2026, 6, 30)


def family_with_visits(ambito, comune, by, *, visits: int, code: str, child_born=date(2014, 5, 1)):
    family = FamilyFactory(ambito=ambito, comune=comune, codice=code)
    PersonFactory(family=family, ruolo="minore", data_nascita=child_born, cittadinanza="italiana")
    PersonFactory(family=family, ruolo="madre", cittadinanza="ucraina")
    for n in range(visits):
        Intervento.objects.create(family=family, ambito=ambito, operatore=by, data=date(2026, 2, 1 + n),
                                  ora_inizio=time(9, 0), ora_fine=time(10, 0), durata_minuti=60,
                                  servizio="educativa" if n % 2 else "psicologico",
                                  ruolo="educatore" if n % 2 else "psicologo")
    return family


@pytest.fixture
def two_ambiti(world):
    seregno_budget(world.ambito, start=date(2025, 6, 1), end=date(2028, 5, 31))
    seregno_budget(world.other_ambito, start=date(2025, 6, 1), end=date(2028, 5, 31))
    monza = world.other_ambito_family.comune
    for n in range(3):
        family_with_visits(world.ambito, world.comune, world.educatore, visits=n + 1, code=f"SER-7{n}")
    for n in range(4):
        family_with_visits(world.other_ambito, monza, world.educatore, visits=2, code=f"MON-7{n}",
                           child_born=date(2022, 1, 1))
    # A regional officer: Ufficio di Piano in both ambiti.
    officer = world.users["amministrativo"]
    Membership.objects.create(user=officer, ambito=world.other_ambito, role=Role.AMMINISTRATIVO)
    return officer


def test_the_region_adds_up_the_reports_of_its_ambiti(world, two_ambiti):
    region = build(ambiti=[world.ambito, world.other_ambito], dal=DAL, al=AL)
    parts = [build(ambito=a, dal=DAL, al=AL) for a in (world.ambito, world.other_ambito)]
    for figure in ("attivita", "ore", "costo", "famiglie", "bambini", "genitori"):
        assert getattr(region, figure) == sum(getattr(p, figure) for p in parts), figure
    assert region.attivita == 6 + 8 and region.famiglie == 7
    rows = {r["voce"]: r for r in region.by_ambito}
    assert rows["Ambito di Seregno"]["attivita"] == 6 and rows["Ambito di Monza"]["famiglie"] == 4
    assert rows["Ambito di Monza"]["costo"] == parts[1].costo
    assert dict(region.by_eta)["11-14"] == 3 and dict(region.by_eta)["4-6"] == 4
    assert dict(region.by_cittadinanza) == {"italiana": 7, "altra": 7}
    assert region.ambito is None and parts[0].ambito == world.ambito


def test_the_number_of_queries_does_not_grow_with_ambiti_or_families(world, two_ambiti):
    with CaptureQueriesContext(connection) as one:
        build(ambito=world.ambito, dal=DAL, al=AL)
    for n in range(5):
        family_with_visits(world.ambito, world.comune, world.educatore, visits=3, code=f"SER-9{n}")
    with CaptureQueriesContext(connection) as more:
        build(ambito=world.ambito, dal=DAL, al=AL)
    with CaptureQueriesContext(connection) as region:
        build(ambiti=[world.ambito, world.other_ambito], dal=DAL, al=AL)
    # One ambito with its budget also reads the figures since the budget began (the PNRR's progress), once.
    assert len(one) == len(more) and len(region) < len(one)


@settings(max_examples=200, deadline=None)
@given(born=st.dates(min_value=date(2000, 1, 1), max_value=date(2026, 12, 31)),
       al=st.sampled_from([date(2026, 6, 30), date(2026, 12, 31), date(2028, 2, 29), date(2027, 2, 28)]))
def test_the_age_bands_in_sql_agree_with_the_age_on_the_last_day(born, al):
    """The report counts an age band as `born` in (al - (hi+1) years, al - lo years]: the same as Person.age_on."""
    age = Person(data_nascita=born).age_on(al)
    for lo, hi in ((0, 3), (4, 6), (7, 10), (11, 14), (15, 17)):
        in_band = years_before(al, hi + 1) < born <= years_before(al, lo)
        assert in_band == (age is not None and lo <= age <= hi)


def test_the_officer_chooses_all_ambiti_and_gets_the_file_in_the_background(world, two_ambiti, login,
                                                                            django_capture_on_commit_callbacks):
    client = login("amministrativo")
    form = client.get("/indicatori/rendicontazione/").content.decode()
    assert "Tutti i miei ambiti (2)" in form
    page = client.get(f"/indicatori/rendicontazione/?ambito=&dal={DAL}&al={AL}")
    assert page.status_code == 200 and "si prepara in background" in page.content.decode()
    data = {"ambito": "", "dal": DAL.isoformat(), "al": AL.isoformat(), "formato": "xlsx"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/indicatori/rendicontazione/", data)
    assert response.status_code == 302 and response["Location"] == "/esportazioni/"
    client.post("/indicatori/rendicontazione/", data)  # a double click: the same job, not a second one
    assert ExportJob.objects.filter(kind="rendicontazione").count() == 1
    run_queued_tasks()
    job = ExportJob.objects.get(kind="rendicontazione")
    assert job.stato == ExportJob.Stato.PRONTA, job.errore
    book = load_workbook(io.BytesIO(b"".join(client.get(f"/esportazioni/{job.pk}/scarica/").streaming_content)))
    region = build(ambiti=[world.ambito, world.other_ambito], dal=DAL, al=AL)
    assert {r[0]: r[1] for r in book["Sintesi"].iter_rows(values_only=True)}["Attività"] == region.attivita == 14
    assert "2 ambiti" in book["Sintesi"]["A1"].value
    ambiti = {row[0].value: row[1].value for row in book["Ambiti"].iter_rows(min_row=2)}
    assert ambiti == {"Ambito di Monza": 8, "Ambito di Seregno": 6}


def test_an_ambito_where_the_role_was_lost_is_left_out_when_the_job_runs(world, two_ambiti, login,
                                                                         django_capture_on_commit_callbacks):
    client = login("amministrativo")
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/indicatori/rendicontazione/", {"ambito": "", "dal": DAL, "al": AL, "formato": "xlsx"})
    Membership.objects.filter(user=two_ambiti, ambito=world.other_ambito).delete()
    run_queued_tasks()
    job = ExportJob.objects.get(kind="rendicontazione")
    book = load_workbook(job.file.path)
    assert {r[0]: r[1] for r in book["Sintesi"].iter_rows(values_only=True)}["Attività"] == build(ambito=world.ambito, dal=DAL, al=AL).attivita == 6


def test_one_ambito_users_cannot_ask_for_others_and_bad_periods_queue_nothing(world, two_ambiti, login):
    assert "Tutti i miei ambiti" not in login("rt").get("/indicatori/rendicontazione/").content.decode()
    response = login("rt").post("/indicatori/rendicontazione/", {"ambito": world.other_ambito.pk, "dal": DAL,
                                                                  "al": AL, "formato": "xlsx"})
    assert response.status_code == 422
    response = login("amministrativo").post("/indicatori/rendicontazione/", {"ambito": "", "dal": AL, "al": DAL,
                                                                              "formato": "xlsx"})
    assert response.status_code == 422 and "prima dell" in response.content.decode()
    assert login("casemanager").post("/indicatori/rendicontazione/", {"ambito": ""}).status_code == 403
    assert not ExportJob.objects.exists()


def test_a_link_with_the_ambito_only_reports_the_current_semester(world, two_ambiti, login):
    page = login("amministrativo").get(f"/indicatori/rendicontazione/?ambito={world.ambito.pk}")
    start, end = semester_of(timezone.localdate())
    assert page.status_code == 200 and (page.context["report"].dal, page.context["report"].al) == (start, end)


def test_a_job_lost_by_a_stopped_worker_does_not_block_asking_again(world, two_ambiti, login):
    client = login("amministrativo")
    data = {"ambito": "", "dal": DAL.isoformat(), "al": AL.isoformat(), "formato": "xlsx"}
    client.post("/indicatori/rendicontazione/", data)
    lost = ExportJob.objects.get()
    ExportJob.objects.filter(pk=lost.pk).update(stato=ExportJob.Stato.IN_CORSO,
                                                created_at=timezone.now() - timedelta(hours=2))
    client.post("/indicatori/rendicontazione/", data)
    lost.refresh_from_db()
    assert lost.stato == ExportJob.Stato.ERRORE and "interrotta" in lost.errore
    assert ExportJob.objects.filter(stato=ExportJob.Stato.IN_CODA).count() == 1
    assert "interrotta" in client.get("/esportazioni/").content.decode()


@pytest.mark.parametrize("bad", [{"formato": "docx"}, {"dal": "2026-13-40"}, {"ambito": "999999"}])
def test_a_bad_request_for_the_region_queues_nothing(world, two_ambiti, login, bad):
    data = {"ambito": "", "dal": DAL.isoformat(), "al": AL.isoformat(), "formato": "xlsx", **bad}
    assert login("amministrativo").post("/indicatori/rendicontazione/", data).status_code == 422
    assert not ExportJob.objects.exists()
