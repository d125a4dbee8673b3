from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from core.backup import make_backup


class Command(BaseCommand):
    help = "Salva database e documenti caricati in un unico archivio .tar.gz verificabile."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=None, help="File di destinazione (.tar.gz).")

    def handle(self, *args, output: Path | None, **options):
        output = output or Path(f"trama-backup-{timezone.now():%Y%m%d-%H%M%S}.tar.gz")
        manifest = make_backup(output)
        total = sum(manifest["counts"].values())
        self.stdout.write(self.style.SUCCESS(f"Backup scritto in {output}: {total} righe."))
