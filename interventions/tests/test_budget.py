"""Hours and budget: figures by role, organisation and month, projection, alerts, exports."""

import csv
import io
from datetime import time, timedelta
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext

from core.testing import EnteFactory, today
from interventions import services
from interventions.budget import budget_report
from interventions.models import Facilitatore, Gruppo, Incontro, Intervento
from interventions.testing import seregno_budget, start_path
from organisation.models import Ente, EquipeMember, Membership, Role


@pytest.fixture
def setup(world):
    family = start_path(world.family, included=today() - timedelta(days=120))
    ets = EnteFactory(ambito=world.ambito, tipo=Ente.Tipo.ETS, nome="Cooperativa Il Girasole")
    EquipeMember.objects.filter(user=world.educatore).update(ente=ets)
    Membership.objects.filter(user=world.ets, role=Role.COORDINATORE_ETS).update(ente=ets)
    budget = seregno_budget(world.ambito, start=today() - timedelta(days=99), end=today() + timedelta(days=100))
    for days in (1, 2, 40, 41, 80):  # 5 × 2 h of the ETS educator
        services.intervento_create(family=family, by=world.educatore, data=today() - timedelta(days=days),
                                   ora_inizio=time(9, 0), ora_fine=time(11, 0))
    # 1 h 30 of the case manager as psychologist-like support, organisation unknown
    services.intervento_create(family=family, by=world.casemanager, data=today() - timedelta(days=3),
                               ora_inizio=time(14, 0), ora_fine=time(15, 30), servizio="psicologico",
                               ruolo="psicologo")
    # A visit outside the budget period does not count.
    services.intervento_create(family=family, by=world.educatore, data=today() - timedelta(days=110),
                               ora_inizio=time(9, 0), ora_fine=time(10, 0))
    # A group meeting of 2 h with two facilitators: 4 facilitator hours.
    group = Gruppo.objects.create(ambito=world.ambito, nome="Genitori insieme", tipo="genitori", sede="Biblioteca")
    Facilitatore.objects.create(gruppo=group, user=world.educatore, ruolo="educatore", ente=ets)
    Facilitatore.objects.create(gruppo=group, user=world.casemanager, ruolo="pedagogista")
    Incontro.objects.create(gruppo=group, numero=1, data=today() - timedelta(days=5), ora_inizio=time(17, 0),
                            ora_fine=time(19, 0), durata_minuti=120, svolto=True)
    Incontro.objects.create(gruppo=group, numero=2, data=today() + timedelta(days=9), ora_inizio=time(17, 0),
                            ora_fine=time(19, 0), durata_minuti=120)
    return budget, ets


def raw_hours(budget) -> Decimal:
    """Recomputed from the raw records: visits in the period + facilitators × meetings held."""
    visits = Intervento.objects.filter(ambito=budget.ambito, data__range=(budget.data_inizio, budget.data_fine))
    minutes = visits.aggregate(m=Sum("durata_minuti"))["m"] or 0
    for meeting in Incontro.objects.filter(gruppo__ambito=budget.ambito, svolto=True,
                                           data__range=(budget.data_inizio, budget.data_fine)):
        minutes += meeting.durata_minuti * meeting.gruppo.conduzione.count()
    return Decimal(minutes) / 60


def test_report_by_role_organisation_and_month(world, setup):
    budget, ets = setup
    report = budget_report(world.rt, budget)
    by_role = {r.ruolo: r for r in report.roles}
    assert by_role["educatore"].ore_usate == Decimal("12.00")  # 10 h visits + 2 h group
    assert by_role["psicologo"].ore_usate == Decimal("1.50")
    assert by_role["pedagogista"].ore_usate == Decimal("2.00")
    assert report.ore_usate == raw_hours(budget) == Decimal("15.5")
    assert report.euro_usati == Decimal("12") * 24 + Decimal("1.5") * 30 + 2 * 26
    assert report.euro_previsti == Decimal("211500.00")
    enti = {e["ente"]: e["ore"] for e in report.by_ente}
    assert enti == {"Cooperativa Il Girasole": Decimal("12.00"), "Ente non indicato": Decimal("3.50")}
    assert sum(m["ore"] for m in report.months) == report.ore_usate
    assert report.months[-1]["cumulato"] == report.euro_usati
    # Linear projection: 100 days of 200 elapsed → twice the hours.
    assert report.elapsed_days == 100 and report.total_days == 200
    assert by_role["educatore"].ore_proiettate == Decimal("24.00")
    assert any("resterà inutilizzata" in a for a in report.alerts)
    assert any(a.startswith("Educatore: al ritmo attuale") for a in report.alerts)


def test_overrun_alert(world, setup):
    budget, _ets = setup
    budget.importo = Decimal("500")
    budget.save()
    report = budget_report(world.amministrativo, budget)
    assert any("oltre l'importo disponibile" in a for a in report.alerts)


def test_ets_coordinator_sees_only_their_staff(world, setup, login):
    budget, ets = setup
    report = budget_report(world.ets, budget)
    assert report.ore_usate == Decimal("12.00")
    assert [e["ente"] for e in report.by_ente] == ["Cooperativa Il Girasole"]
    Membership.objects.filter(user=world.ets).update(ente=None)
    world.ets.refresh_from_db()
    assert budget_report(world.ets, budget).ore_usate == 0
    assert "Vedi le ore del personale del tuo ente" in login("ets").get("/interventi/budget/").content.decode()


def test_amministrativo_sees_figures_no_case_narratives(world, setup, login):
    page = login("amministrativo").get("/interventi/budget/").content.decode()
    assert "211.500,00" in page and "Cooperativa Il Girasole" in page
    for secret in ("SER-00001", "Bianchi", "Maria"):
        assert secret not in page


def test_xlsx_totals_match_the_raw_records(world, setup, login):
    budget, _ets = setup
    response = login("amministrativo").get("/interventi/budget/export.xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    roles = list(book["Per ruolo"].iter_rows(values_only=True))
    assert roles[0][0] == "Ruolo" and roles[-1][0] == "Totale"
    assert Decimal(str(roles[-1][4])) == raw_hours(budget)
    assert Decimal(str(roles[-1][3])) == Decimal("211500")
    euros = sum(Decimal(str(row[4])) * Decimal(str(row[2])) for row in roles[1:-1])
    assert Decimal(str(roles[-1][5])) == euros
    enti = list(book["Per ente"].iter_rows(values_only=True))
    assert Decimal(str(enti[-1][2])) == raw_hours(budget)
    months = list(book["Per mese"].iter_rows(values_only=True))
    assert Decimal(str(months[-1][1])) == raw_hours(budget)
    summary = {r[0]: r[1] for r in book["Budget"].iter_rows(values_only=True)}
    assert summary["Importo disponibile (€)"] == 211500.0
    assert book["Per ruolo"].freeze_panes == "A2" and book["Per ruolo"]["D2"].number_format == "#,##0.00"


def test_csv_totals_match_the_raw_records(world, setup, login):
    budget, _ets = setup
    response = login("rt").get("/interventi/budget/export.csv")
    assert response.content.startswith("\ufeff".encode())  # the BOM: Excel reads the file as UTF-8
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    totals = [r for r in rows if r and r[0] == "Totale"]
    assert Decimal(totals[0][4].replace(",", ".")) == raw_hours(budget)  # decimal comma
    assert Decimal(totals[1][2].replace(",", ".")) == raw_hours(budget)
    assert ["Ruolo", "Ore previste", "Costo orario (€)"] == rows[rows.index(["Per ruolo"]) + 1][:3]


def test_budget_page_query_count_is_constant(world, setup, login):
    client = login("rt")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/interventi/budget/").status_code == 200
        return len(ctx.captured_queries)

    small = count()
    family = world.family
    for days in range(6, 30):
        services.intervento_create(family=family, by=world.casemanager, data=today() - timedelta(days=days),
                                   ora_inizio=time(16, 0), ora_fine=time(17, 0), servizio="pedagogico",
                                   ruolo="pedagogista", ente=EnteFactory(ambito=world.ambito))
    assert count() == small


def test_budget_of_another_ambito_is_not_found(world, setup, login):
    other = seregno_budget(world.other_ambito)
    assert login("rt").get(f"/interventi/budget/?budget={other.pk}").status_code == 404
    assert login("rt_altro").get(f"/interventi/budget/?budget={other.pk}").status_code == 200


def test_no_budget_yet(world, login):
    page = login("amministrativo").get("/interventi/budget/")
    assert page.status_code == 200 and "Non c'è ancora un budget" in page.content.decode()
    assert login("amministrativo").get("/interventi/budget/export.xlsx").status_code == 404
