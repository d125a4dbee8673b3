from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.backup import BackupError, make_backup


class Command(BaseCommand):
    help = ("Salva database e documenti caricati in un unico archivio verificabile, cifrato con age per le chiavi "
            "pubbliche di TRAMA_BACKUP_RECIPIENTS.")

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=None, help="File di destinazione.")
        parser.add_argument("--recipient", action="append", default=None,
                            help="Chiave pubblica age (age1…) per cui cifrare; ripetibile. "
                                 "Predefinite: TRAMA_BACKUP_RECIPIENTS.")
        parser.add_argument("--unencrypted", action="store_true",
                            help="Scrivi il backup in chiaro anche senza DEBUG (sconsigliato: contiene dati sanitari "
                                 "e giudiziari di minori).")

    def handle(self, *args, output: Path | None, recipient: list[str] | None, unencrypted: bool, **options):
        recipients = recipient if recipient is not None else settings.TRAMA_BACKUP_RECIPIENTS
        if not recipients and not (unencrypted or settings.DEBUG):
            raise CommandError(
                "Nessuna chiave per cifrare il backup: imposta TRAMA_BACKUP_RECIPIENTS (o --recipient) con la chiave "
                "pubblica age dell'ente. Per scriverlo in chiaro, consapevolmente, usa --unencrypted.")
        suffix = ".tar.gz.age" if recipients else ".tar.gz"
        output = output or Path(f"trama-backup-{timezone.now():%Y%m%d-%H%M%S}{suffix}")
        try:
            manifest = make_backup(output, recipients=recipients)
        except BackupError as error:
            raise CommandError(str(error)) from error
        total = sum(manifest["counts"].values())
        state = "cifrato" if recipients else "IN CHIARO"
        self.stdout.write(self.style.SUCCESS(f"Backup {state} scritto in {output}: {total} righe."))
