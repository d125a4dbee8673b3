from django.core.management.base import BaseCommand, CommandError

from audit.chain import LEGACY, NO_AMBITO, verify_chains
from organisation.models import Ambito


def chain_name(key, ambiti: dict) -> str:
    if key is LEGACY:
        return "Catena unica precedente alle catene per ambito"
    if key == NO_AMBITO:
        return "Senza ambito"
    if key in ambiti:
        return f"Ambito {ambiti[key].codice} ({ambiti[key].nome})"
    return f"Ambito n. {key} (non più presente)"


class Command(BaseCommand):
    help = ("Verifica le catene di hash del registro degli accessi, una per ambito (più quella delle voci "
            "senza ambito): segnala voci alterate, rimosse, riordinate o mancanti in fondo.")

    def add_arguments(self, parser):
        parser.add_argument("--ambito", metavar="CODICE", help="verifica solo la catena di questo ambito")

    def handle(self, *args, ambito=None, **options):
        ambiti = {a.pk: a for a in Ambito.objects.all()}
        chains = None
        if ambito:
            found = [a for a in ambiti.values() if a.codice == ambito]
            if not found:
                raise CommandError(f"Nessun ambito con codice {ambito}.")
            chains = [found[0].pk]
        reports = verify_chains(chains)

        def order(key):  # the old chain, the entries with no ambito, then the ambiti by code
            return (key is not LEGACY, key != NO_AMBITO, ambiti[key].codice if key in ambiti else "", key or 0)

        broken = []
        for key in sorted(reports, key=order):
            report = reports[key]
            name = chain_name(key, ambiti)
            if report.intact:
                self.stdout.write(f"{name}: {report.entries} voci, integra.")
                continue
            broken.append(report)
            self.stderr.write(f"{name}: {report.entries} voci, NON integra ({len(report.breaks)} problemi).")
            for b in report.breaks[:20]:
                self.stderr.write(f"  Voce {b.entry_id}: {b.problem}")
        if broken:
            problems = sum(len(r.breaks) for r in broken)
            names = ", ".join(chain_name(r.chain, ambiti) for r in broken)
            raise CommandError(f"Registro NON integro: {problems} problemi in {len(broken)} catene su "
                               f"{len(reports)} ({names}).")
        self.stdout.write(self.style.SUCCESS(
            f"Registro integro: {len(reports)} catene di hash verificate."))
