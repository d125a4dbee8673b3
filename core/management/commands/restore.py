import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import RestoreError, restore_backup


class Command(BaseCommand):
    help = "Ripristina un archivio creato da `manage.py backup` (sostituisce i dati attuali con --force)."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument("--force", action="store_true", help="Sostituisci i dati già presenti.")
        parser.add_argument("--identity", type=Path, default=os.environ.get("TRAMA_BACKUP_IDENTITY_FILE") or None,
                            help="File della chiave privata age per un backup cifrato "
                                 "(predefinito: TRAMA_BACKUP_IDENTITY_FILE).")

    def handle(self, *args, archive: Path, force: bool, identity: Path | None, **options):
        if not archive.exists():
            raise CommandError(f"File non trovato: {archive}")
        try:
            manifest = restore_backup(archive, force=force, identity=Path(identity) if identity else None)
        except RestoreError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(
            f"Ripristinato il backup del {manifest['created']}: {sum(manifest['counts'].values())} righe, verificate."))
