"""The semi-annual report of an ambito, as XLSX or PDF, for scheduled runs (cron at each semester's end)."""

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from organisation.models import Ambito
from reporting.rendicontazione import build, semester_of
from reporting.rendicontazione_output import to_pdf, to_xlsx


class Command(BaseCommand):
    help = "Scrive la rendicontazione semestrale di un ambito in un file .xlsx o .pdf."

    def add_arguments(self, parser):
        parser.add_argument("--ambito", required=True, help="codice dell'ambito, per esempio SER")
        parser.add_argument("--dal", type=date.fromisoformat, help="AAAA-MM-GG (predefinito: inizio del semestre)")
        parser.add_argument("--al", type=date.fromisoformat, help="AAAA-MM-GG (predefinito: fine del semestre)")
        parser.add_argument("--out", required=True, help="file di uscita, .xlsx o .pdf")

    def handle(self, *args, ambito, dal=None, al=None, out, **options):
        found = Ambito.objects.filter(codice=ambito).first()
        if found is None:
            raise CommandError(f"Ambito «{ambito}» non trovato.")
        start, end = semester_of(timezone.localdate())
        dal, al = dal or start, al or end
        if al < dal:
            raise CommandError("La fine del periodo non può essere prima dell'inizio.")
        path = Path(out)
        if path.suffix not in (".xlsx", ".pdf"):
            raise CommandError("Il file di uscita deve finire in .xlsx o .pdf.")
        report = build(ambito=found, dal=dal, al=al)
        path.write_bytes(to_xlsx(report) if path.suffix == ".xlsx" else to_pdf(report))
        self.stdout.write(f"Rendicontazione {found.codice} {dal}–{al}: {report.attivita} attività, "
                          f"{report.famiglie} famiglie → {path}")
