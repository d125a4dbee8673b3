"""Anonymise the closed families past the retention period (TRAMA_RETENTION_YEARS), except those on legal
hold. Without --apply it only lists them. Schedule it monthly."""

from django.core.management.base import BaseCommand

from privacy import services


class Command(BaseCommand):
    help = "Anonimizza le famiglie chiuse oltre il periodo di conservazione (senza --apply elenca soltanto)."

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="anonimizza davvero")

    def handle(self, *args, apply=False, **options):
        families = list(services.expired_families())
        for family in families:
            self.stdout.write(f"{family.codice} chiusa il {family.stato_dal:%d/%m/%Y}")
            if apply:
                services.anonymise(family=family)
        verb = "anonimizzate" if apply else "da anonimizzare (usa --apply)"
        self.stdout.write(f"Famiglie {verb}: {len(families)}")
