"""The rendicontazione as XLSX (openpyxl) and PDF (WeasyPrint). Counts of people are published as
`Report.shown` gives them: "<3" below 3, "×" where a count would give a small one back."""

from datetime import date

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import override
from openpyxl.styles import Font

from audit.services import log_list_view
from common.pdf import write_pdf
from common.tabular import XLSX_CONTENT_TYPE, Column, Kind, add_sheet, new_book, xlsx_bytes
from families.models import Family
from organisation.models import Ambito
from organisation.selectors import letterhead_for

from .policies import report_ambiti
from .rendicontazione import Report, build


def sections(report: Report) -> list[tuple[str, list[str], list[list]]]:
    """(title, header, rows) of every table, people counts already suppressed."""
    money = _("Costo (€)")
    per_ambito = [(_("Ambiti"), [_("Ambito"), _("Attività"), _("Ore"), money, _("Budget (€)"), _("Famiglie")],
                   [[r["voce"], r["attivita"], r["ore"], "" if r["costo"] is None else r["costo"],
                     "" if r["budget"] is None else r["budget"], report.shown(f"ambito:{r['voce']}")] for r in report.by_ambito])
                  ] if report.by_ambito else []
    pnrr = report.pnrr_rows()
    progress = [(_("Avanzamento del progetto PNRR"),
                 [_("Voce"), _("Nel periodo"), _("Dall'avvio del progetto"), _("Obiettivo")], pnrr)] if pnrr else []
    return progress + per_ambito + [
        (_("Attività e ore per servizio"), [_("Servizio"), _("Attività"), _("Ore")],
         [[r["voce"], r["attivita"], r["ore"]] for r in report.by_servizio]),
        (_("Ore e costi per ruolo"), [_("Ruolo"), _("Attività"), _("Ore"), _("Costo orario (€)"), money],
         [[r["voce"], r["attivita"], r["ore"], r["costo_orario"] if r["costo_orario"] is not None else "",
           r["costo"] if r["costo"] is not None else ""] for r in report.by_ruolo]),
        (_("Ore per ente"), [_("Ente"), _("Attività"), _("Ore")],
         [[r["voce"], r["attivita"], r["ore"]] for r in report.by_ente]),
        (_("Beneficiari"), [_("Voce"), _("Numero")],
         [[_("Famiglie"), report.shown("famiglie")], [_("Bambini e ragazzi"), report.shown("bambini")],
          [_("Genitori e figure genitoriali"), report.shown("genitori")],
          [_("Quota di 11-14enni tra i bambini (%)"), report.share("quota_11_14", "eta:11-14", "bambini")],
          [_("Quota di percorsi di riunificazione (%)"),
           report.share("quota_riunificazione", "riunificazione", "famiglie")]]),
        (_("Famiglie per comune"), [_("Comune"), _("Famiglie")],
         [[c, report.shown(f"comune:{c}")] for c, _n in report.by_comune]),
        (_("Bambini per fascia d'età"), [_("Età"), _("Bambini")],
         [[b, report.shown(f"eta:{b}")] for b, _n in report.by_eta]),
        (_("Persone per cittadinanza"), [_("Cittadinanza"), _("Persone")],
         [[c, report.shown(f"cittadinanza:{c}")] for c, _n in report.by_cittadinanza]),
        (_("Famiglie per dispositivo attivato"), [_("Dispositivo"), _("Famiglie")],
         [[d, report.shown(f"dispositivo:{d}")] for d, _n in report.by_dispositivo]),
        (_("Famiglie per numero di dispositivi"), [_("Dispositivi"), _("Famiglie")],
         [[k, report.shown(f"dispositivi:{k}")] for k, _n in report.dispositivi_per_famiglia]),
    ]


def title(report: Report) -> str:
    where = report.ambito.nome if report.ambito else _("%(n)d ambiti") % {"n": len(report.ambiti)}
    return _("Rendicontazione semestrale — %(a)s, %(d)s–%(f)s") % {
        "a": where, "d": report.dal.strftime("%d/%m/%Y"), "f": report.al.strftime("%d/%m/%Y")}


CONTENT_TYPES = {"xlsx": XLSX_CONTENT_TYPE,
                 "pdf": "application/pdf"}


def as_file(report: Report, fmt: str) -> tuple[str, str, bytes]:
    """(file name, content type, content) of the report as XLSX or PDF: for the download and the background job."""
    where = report.ambito.codice if report.ambito else f"{len(report.ambiti)}-ambiti"
    name = f"rendicontazione-{where}-{report.dal:%Y%m%d}-{report.al:%Y%m%d}.{fmt}"
    return name, CONTENT_TYPES[fmt], to_xlsx(report) if fmt == "xlsx" else to_pdf(report)


# The sheet of each table, within Excel's 31 characters (the PDF keeps the full titles).
SHEET_NAMES = {"Avanzamento del progetto PNRR": "Avanzamento PNRR",
               "Famiglie per dispositivo attivato": "Famiglie per dispositivo",
               "Famiglie per numero di dispositivi": "Famiglie per n. dispositivi"}


def _kind(label: str) -> Kind:
    """How a column of the report is formatted, from its label."""
    if label in (_("Nel periodo"), _("Dall'avvio del progetto"), _("Obiettivo")):
        return Kind.TEXT  # the progress table mixes families, hours and euros: numbers, in the general format
    if "(€)" in label:
        return Kind.EURO
    if label == _("Ore"):
        return Kind.HOURS
    if label in (_("Attività"), _("Famiglie"), _("Bambini"), _("Persone"), _("Numero")):
        return Kind.INTEGER
    return Kind.TEXT


def to_xlsx(report: Report) -> bytes:
    book = new_book()
    summary = [[_("Attività"), report.attivita], [_("Ore"), report.ore], [_("Costo (€)"), report.costo]]
    if report.budget:
        summary += [[_("Budget"), report.budget.nome], [_("Importo del budget (€)"), report.budget.importo],
                    [_("CUP"), report.budget.cup or "—"], [_("Misura PNRR"), report.budget.misura or "—"]]
    elif report.budgets:
        summary += [[_("Budget"), _("%(n)d budget degli ambiti") % {"n": len(report.budgets)}],
                    [_("Importo del budget (€)"), report.budget_importo]]
    sheet = add_sheet(book, _("Sintesi"), [_("Voce"), _("Valore")], summary, preamble=[[title(report)]])
    sheet["A1"].font = Font(bold=True)
    for row in sheet.iter_rows(min_row=3):
        row[1].number_format = _kind(str(row[0].value)).value if isinstance(row[1].value, int | float) else "@"
    for name, header, rows in sections(report):
        ws = add_sheet(book, SHEET_NAMES.get(name, name), [Column(h, _kind(h)) for h in header], rows)
        for row in ws.iter_rows(min_row=2):
            if str(row[0].value).endswith("(%)") and isinstance(row[-1].value, int | float):
                row[-1].number_format = Kind.PERCENT.value
    return xlsx_bytes(book)


def to_pdf(report: Report) -> bytes:
    html = render_to_string("reporting/rendicontazione_pdf.html", {
        "report": report, "title": title(report), "sections": sections(report),
        "letterhead": letterhead_for(report.ambito), "signers": [_("Il Referente Territoriale")]})
    return write_pdf(html)


def run_export(*, job, progress) -> tuple[str, str, bytes]:
    """The background exporter (exports.registry) of a report of several ambiti: those among the requested
    ones where the user still holds the RT or Ufficio di Piano role when it runs."""
    allowed = report_ambiti(job.user)
    ambiti = list(Ambito.objects.filter(pk__in=set(job.params["ambiti"]) & allowed))
    if not ambiti:
        raise PermissionError("no ambito left in the user's scope")
    with override("it"):
        report = build(ambiti=ambiti, dal=date.fromisoformat(job.params["dal"]),
                       al=date.fromisoformat(job.params["al"]), progress=lambda p: progress(p * 8 // 10))
        fmt = job.params.get("formato", "xlsx")
        result = as_file(report, fmt)
    log_list_view(user=job.user, model=Family, object_ids=[], ambito_id=report.ambito.pk if report.ambito else None,
                  description=_("Rendicontazione semestrale di %(n)d ambiti preparata (%(f)s)") % {
                      "n": len(ambiti), "f": fmt})
    return result
