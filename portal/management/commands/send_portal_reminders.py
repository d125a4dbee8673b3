"""Send the family members the reminders of their meetings (run it daily, e.g. at 8:00, from cron)."""

from django.core.management.base import BaseCommand

from portal.services import reminders_send


class Command(BaseCommand):
    help = "Invia ai familiari il promemoria degli incontri dei prossimi giorni (una volta per incontro)."

    def add_arguments(self, parser):
        parser.add_argument("--giorni", type=int, default=None,
                            help="quanti giorni prima (predefinito: PORTAL_REMINDER_DAYS, 1)")

    def handle(self, *args, giorni=None, **options):
        sent = reminders_send(days=giorni)
        self.stdout.write(f"Promemoria inviati: {sent}")
