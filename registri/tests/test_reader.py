"""Reading registers: what can be read comes back as rows under their headers; what cannot, a clear message."""

import io
import re
import zipfile
from datetime import date

import openpyxl
import pytest

from registri.reader import MAX_BYTES, FormulaWithoutValue, Unreadable, check_size, read_register

from .helpers import csv_bytes, xlsx_bytes

HEADERS = ["Cognome", "Nome", "Data nascita", "C.F."]


def test_it_reads_an_xlsx_with_a_title_row_above_the_headers():
    sheet = read_register(xlsx_bytes(HEADERS, [["Rossi", "Anna", date(1990, 5, 17), "x"]],
                                     title="Registro minori — Comune di Seregno"), "r.xlsx")
    assert sheet.headers == HEADERS
    assert sheet.header_row == 3
    assert sheet.rows == [(4, ["Rossi", "Anna", sheet.rows[0][1][2], "x"])]


def test_a_header_merged_across_two_columns_names_both():
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["Registro 2025"])
    ws.append(["Cognome e nome", None, "Data nascita", "Comune"])
    ws.merge_cells("A2:B2")
    ws.append(["Rossi", "Anna", "17/05/1990", "Seregno"])
    out = io.BytesIO()
    book.save(out)
    sheet = read_register(out.getvalue(), "r.xlsx")
    assert sheet.headers == ["Cognome e nome", "Cognome e nome", "Data nascita", "Comune"]
    assert sheet.header_row == 2


def test_it_reads_a_csv_in_windows_1252_with_semicolons():
    data = csv_bytes(["Cognome", "Nome", "Città"], [["Nicolò", "Zoë", "Cantù"]], encoding="cp1252")
    sheet = read_register(data, "r.csv")
    assert (sheet.encoding, sheet.delimiter) == ("windows-1252", ";")
    assert sheet.headers == ["Cognome", "Nome", "Città"]
    assert sheet.rows[0][1] == ["Nicolò", "Zoë", "Cantù"]


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_it_reads_a_utf8_csv_with_commas_with_or_without_bom(bom):
    sheet = read_register(bom + "Cognome,Nome\nHoxha,Ëlira\n".encode(), "r.csv")
    assert (sheet.encoding, sheet.delimiter) == ("utf-8", ",")
    assert sheet.headers == ["Cognome", "Nome"]
    assert sheet.rows == [(2, ["Hoxha", "Ëlira"])]


def test_formulas_are_read_as_their_calculated_values_and_uncalculated_ones_are_marked():
    data = xlsx_bytes(["Cognome", "Nome", "Data nascita", "Ore"], [["Rossi", "Anna", "=DATE(1990,5,17)", "=2+2"]])
    # openpyxl writes formulas without their values, as a program would; give one the value Excel would store.
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = re.sub(rb"<f>2\+2</f><v></v>", b"<f>2+2</f><v>4</v>", content)
            target.writestr(item, content)
    sheet = read_register(out.getvalue(), "r.xlsx")
    cells = sheet.rows[0][1]
    assert cells[3] == 4
    assert cells[2] == FormulaWithoutValue("=DATE(1990,5,17)")


@pytest.mark.parametrize(("data", "name", "message"), [
    (b"", "r.csv", "Il file è vuoto."),
    (b"   \n\n", "r.csv", "Il file è vuoto."),
    (b";;;\n;;\n", "r.csv", "Il file è vuoto."),
    (b"Cognome;Nome\n", "r.csv", "Il file ha le intestazioni ma nessuna riga di dati (intestazioni alla riga 1)."),
    (b"%PDF-1.4 a document", "registro.pdf", "non è un foglio di calcolo"),
    (b"PK\x03\x04 not really a zip", "r.xlsx", "non è un foglio di calcolo"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "foto.png", "non è un foglio di calcolo"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "vecchio.xls", "vecchio formato di Excel"),
])
def test_what_is_not_a_register_is_refused_with_a_clear_message(data, name, message):
    with pytest.raises(Unreadable, match=re.escape(message)):
        read_register(data, name)


def test_a_password_protected_workbook_is_refused():
    # Excel stores an encrypted workbook as an OLE2 compound file holding an «EncryptedPackage» stream.
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 64
    with pytest.raises(Unreadable, match="protetto da password"):
        read_register(data, "registro.xlsx")


def test_an_empty_workbook_is_refused():
    out = io.BytesIO()
    openpyxl.Workbook().save(out)
    with pytest.raises(Unreadable, match="Il file è vuoto."):
        read_register(out.getvalue(), "r.xlsx")


def test_50_mb_or_more_is_refused():
    check_size(MAX_BYTES - 1)
    with pytest.raises(Unreadable, match="troppo grande"):
        check_size(MAX_BYTES)
