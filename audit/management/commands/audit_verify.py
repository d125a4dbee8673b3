from django.core.management.base import BaseCommand, CommandError

from audit.chain import verify


class Command(BaseCommand):
    help = "Verifica la catena di hash del registro degli accessi: segnala voci alterate, rimosse o riordinate."

    def handle(self, *args, **options):
        breaks = list(verify())
        if breaks:
            for b in breaks[:20]:
                self.stderr.write(f"Voce {b.entry_id}: {b.problem}")
            raise CommandError(f"Registro NON integro: {len(breaks)} problemi.")
        self.stdout.write(self.style.SUCCESS("Registro integro: la catena di hash è verificata."))
