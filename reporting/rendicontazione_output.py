"""The rendicontazione as XLSX (openpyxl) and PDF (WeasyPrint); counts of people below 3 are shown as "<3"."""

import io

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from .rendicontazione import Report, small


def sections(report: Report) -> list[tuple[str, list[str], list[list]]]:
    """(title, header, rows) of every table, people counts already suppressed."""
    money = _("Costo (€)")
    return [
        (_("Attività e ore per servizio"), [_("Servizio"), _("Attività"), _("Ore")],
         [[r["voce"], r["attivita"], r["ore"]] for r in report.by_servizio]),
        (_("Ore e costi per ruolo"), [_("Ruolo"), _("Attività"), _("Ore"), _("Costo orario (€)"), money],
         [[r["voce"], r["attivita"], r["ore"], r["costo_orario"] if r["costo_orario"] is not None else "",
           r["costo"] if r["costo"] is not None else ""] for r in report.by_ruolo]),
        (_("Ore per ente"), [_("Ente"), _("Attività"), _("Ore")],
         [[r["voce"], r["attivita"], r["ore"]] for r in report.by_ente]),
        (_("Beneficiari"), [_("Voce"), _("Numero")],
         [[_("Famiglie"), small(report.famiglie)], [_("Bambini e ragazzi"), small(report.bambini)],
          [_("Genitori e figure genitoriali"), small(report.genitori)],
          [_("Quota di 11-14enni tra i bambini (%)"), report.quota_11_14],
          [_("Quota di percorsi di riunificazione (%)"), report.quota_riunificazione]]),
        (_("Famiglie per comune"), [_("Comune"), _("Famiglie")], [[c, small(n)] for c, n in report.by_comune]),
        (_("Bambini per fascia d'età"), [_("Età"), _("Bambini")], [[b, small(n)] for b, n in report.by_eta]),
        (_("Persone per cittadinanza"), [_("Cittadinanza"), _("Persone")],
         [[c, small(n)] for c, n in report.by_cittadinanza]),
        (_("Famiglie per dispositivo attivato"), [_("Dispositivo"), _("Famiglie")],
         [[d, small(n)] for d, n in report.by_dispositivo]),
        (_("Famiglie per numero di dispositivi"), [_("Dispositivi"), _("Famiglie")],
         [[k, small(n)] for k, n in report.dispositivi_per_famiglia]),
    ]


def title(report: Report) -> str:
    return _("Rendicontazione semestrale — %(a)s, %(d)s–%(f)s") % {
        "a": report.ambito.nome, "d": report.dal.strftime("%d/%m/%Y"), "f": report.al.strftime("%d/%m/%Y")}


def to_xlsx(report: Report) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Sintesi")
    sheet.append([title(report)])
    sheet["A1"].font = Font(bold=True)
    sheet.append([_("Attività"), report.attivita])
    sheet.append([_("Ore"), report.ore])
    sheet.append([_("Costo (€)"), report.costo])
    if report.budget:
        sheet.append([_("Budget"), report.budget.nome])
        sheet.append([_("Importo del budget (€)"), report.budget.importo])
    for name, header, rows in sections(report):
        ws = book.create_sheet(name[:31])
        ws.append(header)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_pdf(report: Report) -> bytes:
    from weasyprint import HTML

    html = render_to_string("reporting/rendicontazione_pdf.html",
                            {"report": report, "title": title(report), "sections": sections(report)})
    return HTML(string=html).write_pdf()
