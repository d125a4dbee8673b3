"""Reading a register (XLSX or CSV) into rows of cells, and finding its header row.

Registers are kept by hand: a title above the headers, headers in merged cells, CSVs saved by Excel in
Windows-1252 with `;`, formulas. What cannot be read raises `Unreadable` with a message for the user; what can
be read comes back as a `Sheet` of plain values (str, int, float, date, datetime) with its row numbers as the
user sees them in the spreadsheet (so that "Riga 14" is the row they open)."""

import csv
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.utils.exceptions import InvalidFileException

from .fields import guess_field

MAX_BYTES = 50 * 1024 * 1024
# The header is looked for in the first rows: above it there may be a title, the comune, a date.
HEADER_SEARCH_ROWS = 20
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"

Cell = str | int | float | date | datetime | time | None


class Unreadable(Exception):  # noqa: N818 — the user's word for it: the file cannot be read
    """The file is not a register Trama can read; the message says why, in Italian, for the user."""


@dataclass(frozen=True)
class FormulaWithoutValue:
    """A cell whose formula was never calculated (a file written by a program, never opened): no value to import."""

    formula: str


@dataclass
class Sheet:
    headers: list[str]
    header_row: int                      # 1-based, as the spreadsheet shows it
    rows: list[tuple[int, list[Any]]]    # (row number, cells), blank rows left out
    encoding: str = ""                   # for a CSV: the encoding it was read in
    delimiter: str = ""
    notes: list[str] = field(default_factory=list)


def check_size(size: int | None) -> None:
    if size is not None and size >= MAX_BYTES:
        raise Unreadable(_("Il file è troppo grande (%(mb)s MB o più): dividilo in file più piccoli, per esempio "
                           "uno per comune.") % {"mb": MAX_BYTES // (1024 * 1024)})


def read_register(data: bytes, filename: str) -> Sheet:
    """Read an XLSX or CSV register; raise Unreadable with the reason when it cannot be read."""
    check_size(len(data))
    if not data.strip():
        raise Unreadable(_("Il file è vuoto."))
    if data.startswith(OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise Unreadable(_("Il file è protetto da password: aprilo, togli la password (File › Proteggi) e "
                               "caricalo di nuovo."))
        raise Unreadable(_("Il file è nel vecchio formato di Excel (.xls): aprilo e salvalo come .xlsx "
                           "(o come CSV), poi caricalo di nuovo."))
    if data.startswith(ZIP_MAGIC):
        grid = _xlsx_grid(data)
        return _sheet_from_grid(grid)
    if filename.lower().endswith((".xlsx", ".xlsm", ".xls", ".ods", ".pdf", ".docx")) or b"\x00" in data[:4096]:
        raise Unreadable(_("Il file non è un foglio di calcolo che Trama sa leggere: carica un file Excel (.xlsx) "
                           "o un CSV."))
    text, encoding = decode_text(data)
    delimiter = sniff_delimiter(text)
    grid = [(number, cells) for number, cells in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1)]
    sheet = _sheet_from_grid(grid)
    sheet.encoding, sheet.delimiter = encoding, delimiter
    return sheet


def decode_text(data: bytes) -> tuple[str, str]:
    """UTF-8 (with or without the BOM Excel writes), else Windows-1252, the encoding of Excel's "CSV" in Italy."""
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; Latin-1 maps every byte, so a stray one never stops the import.
        return data.decode("latin-1"), "latin-1"


def sniff_delimiter(text: str) -> str:
    """`;` (Excel in Italian, where the comma is the decimal separator), `,`, or a tab: the most frequent."""
    sample = "\n".join(text.splitlines()[:HEADER_SEARCH_ROWS])
    counts = {d: sample.count(d) for d in (";", ",", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ";"


def _load(data: bytes, *, data_only: bool) -> openpyxl.Workbook:
    try:
        return openpyxl.load_workbook(io.BytesIO(data), data_only=data_only)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as error:
        raise Unreadable(_("Il file non è un foglio di calcolo che Trama sa leggere: carica un file Excel (.xlsx) "
                           "o un CSV.")) from error


def _xlsx_grid(data: bytes) -> list[tuple[int, list[Any]]]:
    book = _load(data, data_only=False)
    sheet = next((ws for ws in book.worksheets if ws.max_row > 1 or ws.max_column > 1), book.worksheets[0])
    has_formulas = any(isinstance(c.value, str) and c.value.startswith("=") for row in sheet.iter_rows() for c in row)
    # A formula's value is what Excel calculated when it saved the file, read in a second pass: a file written by
    # a program and never opened has none (FormulaWithoutValue, reported on its cell).
    values = _load(data, data_only=True)[sheet.title] if has_formulas else sheet
    # Merged cells keep their value in the top-left cell only: give it to every cell of the range, so that a
    # header merged across two columns, or a family's address merged down its rows, reads on each of them.
    merged = {}
    for rng in sheet.merged_cells.ranges:
        top_left = values.cell(rng.min_row, rng.min_col).value
        for row in range(rng.min_row, rng.max_row + 1):
            for col in range(rng.min_col, rng.max_col + 1):
                merged[(row, col)] = top_left
    grid: list[tuple[int, list[Any]]] = []
    for formula_cells, value_cells in zip(sheet.iter_rows(), values.iter_rows(), strict=False):
        cells: list[Any] = []
        for formula_cell, cell in zip(formula_cells, value_cells, strict=False):
            value = merged.get((cell.row, cell.column), cell.value)
            formula = formula_cell.value
            if value is None and isinstance(formula, str) and formula.startswith("="):
                value = FormulaWithoutValue(formula)
            cells.append(value)
        grid.append((formula_cells[0].row if formula_cells else len(grid) + 1, cells))
    return grid


def _is_blank(cells: Iterable[Any]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _header_text(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def find_header(grid: list[tuple[int, list[Any]]]) -> int:
    """The index in `grid` of the header row: among the first rows, the one whose cells name most known fields
    (a title row above names none). When none names two, the first row that is not blank."""
    best, best_score = None, 1
    for index, (_number, cells) in enumerate(grid[:HEADER_SEARCH_ROWS]):
        score = len({f for f in (guess_field(_header_text(c)) for c in cells) if f})
        if score > best_score:
            best, best_score = index, score
    if best is not None:
        return best
    return next(i for i, (_n, cells) in enumerate(grid) if not _is_blank(cells))


def _sheet_from_grid(grid: list[tuple[int, list[Any]]]) -> Sheet:
    if _is_blank(c for _n, cells in grid for c in cells):
        raise Unreadable(_("Il file è vuoto."))
    index = find_header(grid)
    number, header_cells = grid[index]
    headers = [_header_text(c) for c in header_cells]
    while headers and not headers[-1]:
        headers.pop()
    rows = [(n, cells) for n, cells in grid[index + 1:] if not _is_blank(cells[:len(headers)])]
    if not rows:
        raise Unreadable(_("Il file ha le intestazioni ma nessuna riga di dati (intestazioni alla riga %(n)s).")
                         % {"n": number})
    return Sheet(headers=headers, header_row=number, rows=rows)
