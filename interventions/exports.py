"""CSV and XLSX of the budget report (openpyxl). Same rows in both; totals at the bottom of each table."""

import csv
import io
from decimal import Decimal

from django.utils.translation import gettext as _

from .budget import Report

ROLE_HEADER = ["Ruolo", "Ore previste", "Costo orario", "Euro previsti", "Ore usate", "Euro usati",
               "Ore proiettate", "Euro proiettati"]


def tables(report: Report) -> list[tuple[str, list[str], list[list]]]:
    roles = [[r.label, r.ore_previste, r.costo_orario, r.euro_previsti, r.ore_usate, r.euro_usati,
              r.ore_proiettate, r.euro_proiettati] for r in report.roles]
    roles.append([_("Totale"), report.ore_previste, "", report.euro_previsti, report.ore_usate, report.euro_usati,
                  report.ore_proiettate, report.euro_proiettati])
    enti = [[e["ente"], r["ruolo"], r["ore"], r["euro"]] for e in report.by_ente for r in e["ruoli"]]
    enti.append([_("Totale"), "", sum((e["ore"] for e in report.by_ente), 0), sum((e["euro"] for e in report.by_ente),
                                                                                  0)])
    months = [[m["mese"].strftime("%Y-%m"), m["ore"], m["euro"], m["cumulato"]] for m in report.months]
    months.append([_("Totale"), sum((m["ore"] for m in report.months), 0),
                   sum((m["euro"] for m in report.months), 0), ""])
    return [
        (_("Per ruolo"), [_(h) for h in ROLE_HEADER], roles),
        (_("Per ente"), [_("Ente"), _("Ruolo"), _("Ore usate"), _("Euro usati")], enti),
        (_("Per mese"), [_("Mese"), _("Ore usate"), _("Euro usati"), _("Euro cumulati")], months),
    ]


def to_csv(report: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([report.budget.nome, report.budget.data_inizio.isoformat(), report.budget.data_fine.isoformat(),
                     report.budget.importo])
    for title, header, rows in tables(report):
        writer.writerow([])
        writer.writerow([title])
        writer.writerow(header)
        writer.writerows(rows)
    return out.getvalue()


def _cell(value):
    if isinstance(value, Decimal):
        return float(value)
    return value if isinstance(value, int | float) else str(value)


def to_xlsx(report: Report) -> bytes:
    # openpyxl is loaded only when someone downloads a spreadsheet, not on every request.
    from openpyxl import Workbook  # noqa: PLC0415
    from openpyxl.styles import Font  # noqa: PLC0415

    book = Workbook()
    book.remove(book.active)
    for title, header, rows in tables(report):
        sheet = book.create_sheet(title[:31])
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([_cell(v) for v in row])
        sheet.column_dimensions["A"].width = 40
    info = book.create_sheet(_("Budget"), 0)
    info.append([_("Budget"), report.budget.nome])
    info.append([_("Periodo"), f"{report.budget.data_inizio:%d/%m/%Y} – {report.budget.data_fine:%d/%m/%Y}"])
    info.append([_("Importo disponibile"), float(report.budget.importo)])
    info.append([_("Aggiornato al"), report.today.strftime("%d/%m/%Y")])
    for alert in report.alerts:
        info.append([_("Attenzione"), alert])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
