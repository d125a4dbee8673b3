"""The register template: the columns Trama reads, an example row, and a sheet explaining each column."""

import io

import openpyxl
from django.utils.translation import gettext as _
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .fields import FIELDS

# The columns of the template: the usual ones, in the order a register has them (all of FIELDS but the
# one-column name, which the template splits).
TEMPLATE_FIELDS = [f for f in FIELDS if f.code != "cognome_nome"]


def template_bytes() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = _("Registro")
    sheet.append([str(f.label) for f in TEMPLATE_FIELDS])
    sheet.append([f.example for f in TEMPLATE_FIELDS])
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for index, _field in enumerate(TEMPLATE_FIELDS, 1):
        cell = sheet.cell(1, index)
        cell.font, cell.fill = bold, fill
        sheet.column_dimensions[get_column_letter(index)].width = max(14, len(str(cell.value)) + 2)
    sheet.freeze_panes = "A2"
    help_sheet = book.create_sheet(_("Istruzioni"))
    help_sheet.append([_("Come compilare il registro per Trama")])
    help_sheet["A1"].font = Font(bold=True, size=14)
    for line in (
        _("Una riga per persona. Le persone della stessa famiglia hanno lo stesso «Nucleo»."),
        _("Le intestazioni possono anche avere altri nomi («C.F.», «Data nascita», «N. cartella»...): Trama le "
          "riconosce e le puoi correggere prima dell'importazione."),
        _("Le date come date di Excel o come testo (03/05/2015). Il codice fiscale anche in minuscolo."),
        _("Prima di scrivere, Trama mostra un'anteprima con ogni problema (riga e colonna) e i possibili doppioni."),
        "",
    ):
        help_sheet.append([line])
    help_sheet.append([_("Colonna"), _("Che cosa scrivere"), _("Altri nomi riconosciuti"), _("Esempio")])
    for cell in help_sheet[help_sheet.max_row]:
        cell.font, cell.fill = bold, fill
    for f in FIELDS:
        help_sheet.append([str(f.label), str(f.help), ", ".join(f.variants[:6]), f.example])
    for column, width in zip("ABCD", (38, 70, 45, 22), strict=True):
        help_sheet.column_dimensions[column].width = width
    for row in help_sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
