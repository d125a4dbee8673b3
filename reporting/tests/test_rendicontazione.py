"""The semi-annual report: every figure recomputed from the raw records; bad input; small cells."""

import io
from datetime import date, time
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook
from pypdf import PdfReader

from core.testing import FamilyFactory, PersonFactory
from interventions.models import Budget, Incontro, Intervento, Iscrizione, Presenza
from interventions.testing import parents_group, seregno_budget
from organisation.models import Ambito
from reporting.rendicontazione import build

from .attacker import recovered

DAL, AL = date(2026, 1, 1), date(2026, 6, 30)


def visit(family, by, day, minutes, servizio="educativa", ruolo="educatore"):
    return Intervento.objects.create(family=family, ambito=family.ambito, operatore=by, data=day,
                                     ora_inizio=time(9, 0), ora_fine=time(9 + minutes // 60, minutes % 60),
                                     durata_minuti=minutes, servizio=servizio, ruolo=ruolo)


@pytest.fixture
def period(world):
    """Three families with visits in the semester, one visit outside it, a group meeting with attendance."""
    seregno_budget(world.ambito, start=date(2025, 6, 1), end=date(2028, 5, 31))
    others = []
    for n in range(2):
        family = FamilyFactory(ambito=world.ambito, comune=world.comune, equipe=world.equipe, codice=f"SER-8{n}",
                               riunificazione=n == 0)
        PersonFactory(family=family, nome=f"Bimbo{n}", ruolo="minore", data_nascita=date(2013, 3, 1),
                      cittadinanza="marocchina")
        PersonFactory(family=family, nome=f"Mamma{n}", ruolo="madre", cittadinanza="italiana")
        others.append(family)
    visit(world.family, world.educatore, date(2026, 2, 3), 120)
    visit(world.family, world.educatore, date(2026, 2, 5), 90, servizio="psicologico", ruolo="psicologo")
    visit(others[0], world.educatore, date(2026, 3, 10), 60)
    visit(others[1], world.educatore, date(2025, 12, 20), 60)  # before the period
    group = parents_group(world, start=date(2026, 4, 2))
    Incontro.objects.filter(gruppo=group).update(svolto=True)
    first = Incontro.objects.filter(gruppo=group).order_by("numero").first()
    Presenza.objects.create(incontro=first, iscrizione=Iscrizione.objects.get(gruppo=group))
    return others


def test_every_figure_comes_from_the_raw_records(world, period):
    report = build(ambito=world.ambito, dal=DAL, al=AL)
    visits = Intervento.objects.filter(ambito=world.ambito, data__range=(DAL, AL))
    meetings = Incontro.objects.filter(gruppo__ambito=world.ambito, svolto=True, data__range=(DAL, AL))
    assert report.attivita == visits.count() + meetings.count()  # one facilitator per meeting here
    minutes = sum(v.durata_minuti for v in visits) + sum(m.durata_minuti for m in meetings)
    assert report.ore == Decimal(minutes) / 60
    educator_hours = (sum(v.durata_minuti for v in visits if v.ruolo == "educatore")
                      + sum(m.durata_minuti for m in meetings)) / 60
    row = next(r for r in report.by_ruolo if r["voce"] == "Educatore")
    assert row["ore"] == Decimal(str(educator_hours)) and row["costo"] == Decimal(str(educator_hours)) * 24
    assert report.costo == sum(r["costo"] for r in report.by_ruolo)
    # Beneficiaries: world.family (visits, group) and the first other family; not the one seen in December.
    assert report.famiglie == 2
    assert report.bambini == 2 and report.genitori == 2
    assert dict(report.by_eta)["11-14"] == 1 and report.quota_11_14 == 50.0
    assert report.quota_riunificazione == 50.0
    assert dict(report.by_dispositivo) == {"Educativa domiciliare e territoriale": 2,
                                           "Gruppi dei genitori e dei bambini": 1, "Sostegno psicologico": 1}
    assert dict(report.dispositivi_per_famiglia) == {1: 1, 3: 1}


def test_the_xlsx_and_pdf_open_with_the_same_totals_and_small_cells_suppressed(world, period, login):
    client = login("amministrativo")
    query = f"dal={DAL}&al={AL}&ambito={world.ambito.pk}"
    page = client.get(f"/indicatori/rendicontazione/?{query}")
    assert page.status_code == 200 and "Scarica Excel" in page.content.decode()
    book = load_workbook(io.BytesIO(client.get(f"/indicatori/rendicontazione.xlsx?{query}").content))
    report = build(ambito=world.ambito, dal=DAL, al=AL)
    summary = {r[0]: r[1] for r in book["Sintesi"].iter_rows(values_only=True)}
    assert summary["Ore"] == float(report.ore) and summary["Attività"] == report.attivita
    assert book["Sintesi"]["B3"].number_format == "#,##0" and book["Sintesi"]["B4"].number_format == "#,##0.0"
    beneficiaries = {row[0].value: row[1].value for row in book["Beneficiari"].iter_rows(min_row=2)}
    # Two families, one of them reunified, two children of two age bands: "<3" would say 1 and 1 (with the share
    # of 50%, with the bands), and no count beside them is large enough to hide instead: they are withheld.
    assert beneficiaries["Famiglie"] == "n.d." and beneficiaries["Bambini e ragazzi"] == "n.d."
    assert beneficiaries["Quota di percorsi di riunificazione (%)"] == "×"
    assert recovered(report.disclosure) == {}
    pdf = client.get(f"/indicatori/rendicontazione.pdf?{query}")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Rendicontazione semestrale" in text and "<3" in text and "Bianchi" not in text


@pytest.mark.parametrize(("query", "message"), [
    ("dal=2026-06-30&al=2026-01-01", "prima dell&#x27;inizio"),
    ("dal=2020-01-01&al=2026-01-01", "tre anni"),
])
def test_bad_periods_are_refused(world, login, query, message):
    response = login("rt").get(f"/indicatori/rendicontazione/?{query}&ambito={world.ambito.pk}")
    assert response.status_code == 422 and message in response.content.decode()


def test_an_empty_period_says_so(world, login):
    page = login("rt").get(f"/indicatori/rendicontazione/?dal=2020-01-01&al=2020-06-30&ambito={world.ambito.pk}")
    assert "non ci sono attività" in page.content.decode()


def test_other_roles_and_other_ambiti_are_refused(world, login):
    assert login("casemanager").get("/indicatori/rendicontazione/").status_code == 403
    page = login("rt_altro").get(f"/indicatori/rendicontazione/?dal={DAL}&al={AL}&ambito={world.ambito.pk}")
    assert page.status_code == 422  # the ambito is not one of theirs


def test_the_command_writes_the_file(world, period, tmp_path):
    out = tmp_path / "r.xlsx"
    call_command("rendicontazione", ambito="SER", dal=DAL, al=AL, out=str(out), stdout=io.StringIO())
    assert {r[0]: r[1] for r in load_workbook(out)["Sintesi"].iter_rows(values_only=True)}["Attività"] == build(ambito=world.ambito, dal=DAL, al=AL).attivita
    with pytest.raises(CommandError):
        call_command("rendicontazione", ambito="XXX", out=str(out), stdout=io.StringIO())


@pytest.mark.django_db
def test_no_suppressed_count_of_the_demos_reports_can_be_recovered():
    """The attacker solves every hidden count of the demo's reports (each ambito, and both together) from what
    they publish: none is determined."""
    call_command("seed_demo", families=40, seed=3, anchor=date(2026, 11, 22), password="demo-password-1")
    ambiti = list(Ambito.objects.all())
    reports = [build(ambito=a, dal=date(2026, 7, 1), al=date(2026, 12, 31)) for a in ambiti]
    reports.append(build(ambiti=ambiti, dal=date(2026, 7, 1), al=date(2026, 12, 31)))
    hidden = 0
    for report in reports:
        assert recovered(report.disclosure) == {}, report.ambito
        hidden += sum(report.disclosure.hidden(k) for k in report.disclosure.values)
    assert hidden > 0  # the demo does have small cells to protect


def test_the_pnrr_progress_shows_the_period_the_whole_project_and_the_targets(world, period, login):
    """CUP and measure on the report; families, hours per role and euros in the period and since the budget
    began, against the cohorts' families, the budget's hours and its amount."""
    budget = Budget.objects.get(ambito=world.ambito)
    budget.cup = "J39I22000340006"
    budget.save()
    visit(period[1], world.educatore, date(2025, 12, 20), 60)  # before the period, after the budget's start
    report = build(ambito=world.ambito, dal=DAL, al=AL)
    rows = {r[0]: r[1:] for r in report.pnrr_rows()}
    since = build(ambito=world.ambito, dal=budget.data_inizio, al=AL, cumulative=False)
    assert rows["Ore: Educatore"][:2] == [
        next(r["ore"] for r in report.by_ruolo if r["voce"] == "Educatore"),
        next(r["ore"] for r in since.by_ruolo if r["voce"] == "Educatore")]
    assert rows["Ore: Educatore"][1] > rows["Ore: Educatore"][0] and rows["Ore: Educatore"][2] == 6000
    assert rows["Costo (€)"] == [report.costo, since.costo, Decimal("211500.00")]
    assert rows["Famiglie raggiunte"][2] == world.cohort.famiglie_target
    book = load_workbook(io.BytesIO(login("rt").get(
        f"/indicatori/rendicontazione.xlsx?dal={DAL}&al={AL}&ambito={world.ambito.pk}").content))
    summary = {r[0]: r[1] for r in book["Sintesi"].iter_rows(values_only=True)}
    assert summary["CUP"] == "J39I22000340006" and summary["Misura PNRR"].startswith("M5C2")
    progress = {r[0]: r[1:] for r in book["Avanzamento PNRR"].iter_rows(min_row=2, values_only=True)}
    assert progress["Costo (€)"] == (float(report.costo), float(since.costo), 211500.0)
