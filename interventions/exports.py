"""CSV and XLSX of the budget report. Same rows in both; totals at the bottom of each table.

Written through `common.tabular`: Italian CSV (BOM, `;`, decimal comma), XLSX with number formats, and no
cell that a spreadsheet could run as a formula (a budget's or an ente's name comes from a user).
"""

from django.utils.translation import gettext as _

from common.tabular import Column, Kind, add_sheet, csv_sections, new_book, xlsx_bytes

from .budget import Report


def tables(report: Report) -> list[tuple[str, list[Column], list[list]]]:
    roles = [[r.label, r.ore_previste, r.costo_orario, r.euro_previsti, r.ore_usate, r.euro_usati,
              r.ore_proiettate, r.euro_proiettati] for r in report.roles]
    roles.append([_("Totale"), report.ore_previste, None, report.euro_previsti, report.ore_usate, report.euro_usati,
                  report.ore_proiettate, report.euro_proiettati])
    enti = [[e["ente"], r["ruolo"], r["ore"], r["euro"]] for e in report.by_ente for r in e["ruoli"]]
    enti.append([_("Totale"), None, sum((e["ore"] for e in report.by_ente), 0), sum((e["euro"] for e in report.by_ente),
                                                                                   0)])
    months = [[m["mese"].strftime("%m/%Y"), m["ore"], m["euro"], m["cumulato"]] for m in report.months]
    months.append([_("Totale"), sum((m["ore"] for m in report.months), 0),
                   sum((m["euro"] for m in report.months), 0), None])
    hours, euros = Kind.HOURS, Kind.EURO
    return [
        (_("Per ruolo"), [Column(_("Ruolo")), Column(_("Ore previste"), hours), Column(_("Costo orario (€)"), euros),
                          Column(_("Euro previsti"), euros), Column(_("Ore usate"), hours),
                          Column(_("Euro usati"), euros), Column(_("Ore proiettate"), hours),
                          Column(_("Euro proiettati"), euros)], roles),
        (_("Per ente"), [Column(_("Ente")), Column(_("Ruolo")), Column(_("Ore usate"), hours),
                         Column(_("Euro usati"), euros)], enti),
        (_("Per mese"), [Column(_("Mese")), Column(_("Ore usate"), hours), Column(_("Euro usati"), euros),
                         Column(_("Euro cumulati"), euros)], months),
    ]


def _summary(report: Report) -> list[list]:
    rows: list[list] = [
        [_("Budget"), report.budget.nome],
        [_("Periodo"), f"{report.budget.data_inizio:%d/%m/%Y} – {report.budget.data_fine:%d/%m/%Y}"],
        [_("Importo disponibile (€)"), report.budget.importo],
        [_("Aggiornato al"), report.today],
    ]
    rows += [[_("Attenzione"), alert] for alert in report.alerts]
    return rows


def to_csv(report: Report) -> str:
    return csv_sections(tables(report), preamble=_summary(report))


def to_xlsx(report: Report) -> bytes:
    book = new_book()
    add_sheet(book, _("Budget"), [Column(_("Voce")), Column(_("Valore"), Kind.EURO)], _summary(report))
    for title, header, rows in tables(report):
        add_sheet(book, title, header, rows)
    return xlsx_bytes(book)
