"""Tables that leave Trama as CSV or XLSX, written alike everywhere.

- CSV as Italian Excel opens it with a double click: UTF-8 with a BOM, `;` between fields, decimal comma,
  dates as dd/mm/yyyy, a header row of Italian labels.
- XLSX people can work with: a bold, frozen header row, columns as wide as their content, euros with the
  thousands separator and two decimals, hours with one, numbers stored as numbers, sheet names that read well
  within Excel's 31 characters.
- Neither carries a live formula. A text from a user (a partner's staff name, a budget's name) that starts
  with `=`, `+`, `-`, `@`, a tab or a carriage return would run as a formula when the file is opened (OWASP's
  "CSV injection"): in a CSV it gets a leading apostrophe, in an XLSX it is stored as a text cell.
"""

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SHEET_NAME_MAX = 31  # Excel refuses longer names, and these characters:
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


class Kind(Enum):
    """How a column's numbers are shown."""

    TEXT = "@"
    INTEGER = "#,##0"
    HOURS = "#,##0.0"
    EURO = "#,##0.00"
    PERCENT = "0.0"  # a share already in per cent (33.3), not a fraction
    DATE = "DD/MM/YYYY"


@dataclass(frozen=True)
class Column:
    label: str
    kind: Kind = Kind.TEXT


def columns(*specs: str | Column | tuple[str, Kind]) -> list[Column]:
    """Columns from labels (text) or (label, kind) pairs."""
    out = []
    for spec in specs:
        if isinstance(spec, Column):
            out.append(spec)
        elif isinstance(spec, tuple):
            out.append(Column(*spec))
        else:
            out.append(Column(spec))
    return out


def neutralise(text: str) -> str:
    """A text that a spreadsheet would read as a formula, made inert (OWASP's rule: a leading apostrophe)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


# --- CSV -------------------------------------------------------------------------------------------------------

def _csv_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("sì") if value else _("no")
    if isinstance(value, Decimal):
        # No thousands separator: Italian Excel reads "1234,5" as a number, "1.234,5" only sometimes.
        return f"{value:f}".replace(".", ",")
    if isinstance(value, float):
        return (f"{value:.6f}".rstrip("0").rstrip(".") or "0").replace(".", ",")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return neutralise(str(value))


def csv_text(header: Sequence[str | Column], rows: Iterable[Sequence[object]],
             preamble: Iterable[Sequence[object]] = ()) -> str:
    """The CSV (without the BOM): optional preamble rows, the header, the rows."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for row in preamble:
        writer.writerow([_csv_value(v) for v in row])
    writer.writerow([neutralise(h.label if isinstance(h, Column) else str(h)) for h in header])
    for row in rows:
        writer.writerow([_csv_value(v) for v in row])
    return out.getvalue()


def csv_sections(sections: Iterable[tuple[str, Sequence[str | Column], Iterable[Sequence[object]]]],
                 preamble: Iterable[Sequence[object]] = ()) -> str:
    """Several tables in one CSV, each after a blank line and its title."""
    out = csv_text([], [], preamble=preamble).rstrip("\r\n")
    parts = [out] if out else []
    for title, header, rows in sections:
        parts.append("\r\n" + _csv_value(title) + "\r\n" + csv_text(header, rows).rstrip("\r\n"))
    return "\r\n".join(parts) + "\r\n"


def csv_response(filename: str, text: str) -> HttpResponse:
    """The download of a CSV: UTF-8 with the BOM that tells Excel the encoding."""
    response = HttpResponse(("\ufeff" + text).encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- XLSX ------------------------------------------------------------------------------------------------------

def sheet_name(title: str, taken: Iterable[str] = ()) -> str:
    """A sheet name Excel accepts, cut at a word within 31 characters, unique among `taken`."""
    name = _SHEET_NAME_FORBIDDEN.sub("-", title).strip("' ") or _("Foglio")
    if len(name) > SHEET_NAME_MAX:
        cut = name[:SHEET_NAME_MAX + 1].rsplit(" ", 1)[0].rstrip(" ,;-–")[:SHEET_NAME_MAX]
        name = cut if len(cut) >= 10 else name[:SHEET_NAME_MAX]
    taken_lower = {t.lower() for t in taken}
    base, n = name, 2
    while name.lower() in taken_lower:
        suffix = f" ({n})"
        name = base[:SHEET_NAME_MAX - len(suffix)] + suffix
        n += 1
    return name


def _xlsx_cell(sheet: Worksheet, value: object, kind: Kind) -> Cell:
    cell = Cell(sheet)
    if value is None or value == "":
        cell.value = None
    elif isinstance(value, bool):
        cell.value = _("sì") if value else _("no")
    elif isinstance(value, Decimal):
        cell.value = float(value)
    elif isinstance(value, int | float | date):
        cell.value = value
    else:
        # Text is text, whatever it starts with: a text cell is never evaluated (openpyxl would make "=..." a formula).
        cell.value = str(value)
        cell.data_type = "s"
        return cell
    if isinstance(value, date):
        cell.number_format = "DD/MM/YYYY HH:MM" if isinstance(value, datetime) else Kind.DATE.value
    elif kind is not Kind.TEXT:
        cell.number_format = kind.value
    return cell


def add_sheet(book: Workbook, title: str, header: Sequence[str | Column], rows: Iterable[Sequence[object]],
              *, preamble: Iterable[Sequence[object]] = ()) -> Worksheet:
    """A sheet with a bold, frozen header row and columns sized to their content."""
    sheet = book.create_sheet(sheet_name(title, book.sheetnames))
    cols = columns(*header)
    widths = [len(c.label) for c in cols]
    header_row = 1
    for row in preamble:
        sheet.append([_xlsx_cell(sheet, v, Kind.TEXT) for v in row])
        header_row += 1
    sheet.append([_xlsx_cell(sheet, c.label, Kind.TEXT) for c in cols])
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        cells = [_xlsx_cell(sheet, v, cols[i].kind if i < len(cols) else Kind.TEXT) for i, v in enumerate(row)]
        sheet.append(cells)
        for i, v in enumerate(row):
            if i >= len(widths):
                widths.append(0)
            widths[i] = max(widths[i], len(_shown(v)))
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 8), 60)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    return sheet


def _shown(value: object) -> str:
    if isinstance(value, float | Decimal):
        return f"{value:,.2f}"
    if isinstance(value, date):
        return "00/00/0000"
    return "" if value is None else str(value)


def new_book() -> Workbook:
    """A workbook with no sheet yet (add them with add_sheet)."""
    book = Workbook()
    book.remove(book.active)
    return book


def xlsx_bytes(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
