import time
from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from bench.region import REGION_THRESHOLD, build_region
from core.demo import build_demo
from organisation.models import Ambito


class Command(BaseCommand):
    help = "Crea dati dimostrativi sintetici e deterministici (nomi italiani, codici fiscali validi, percorsi realistici)."

    def add_arguments(self, parser):
        parser.add_argument("--families", type=int, default=10, help="Numero di famiglie (predefinito 10).")
        parser.add_argument("--seed", type=int, default=1, help="Seme del generatore: stesso seme, stessi dati.")
        parser.add_argument("--anchor", type=date.fromisoformat, default=None,
                            help="Data di riferimento AAAA-MM-GG (predefinita: oggi).")
        parser.add_argument("--if-empty", action="store_true", help="Non fare nulla se esiste già un ambito.")
        parser.add_argument("--password", default=None, help="Password degli utenti dimostrativi.")
        parser.add_argument("--region", action="store_true",
                            help=f"Costruisci una regione (ambiti da circa 1.100 famiglie, inserimenti in blocco). "
                                 f"Automatico da {REGION_THRESHOLD} famiglie in su.")

    def handle(self, *args, families: int, seed: int, anchor, if_empty: bool, password: str | None,
               region: bool = False, **options):
        if families < 1:
            raise CommandError("--families deve essere almeno 1.")
        if Ambito.objects.filter(codice="SER").exists():
            if if_empty:
                self.stdout.write("Dati dimostrativi già presenti: nessuna modifica.")
                return
            raise CommandError("Esiste già l'ambito dimostrativo SER: usa un database vuoto (o --if-empty).")
        if region or families >= REGION_THRESHOLD:
            started = time.monotonic()
            built = build_region(families=families, seed=seed, anchor=anchor or timezone.localdate(),
                                 password=password or settings.TRAMA_DEMO_PASSWORD, progress=self.stdout.write)
            rows = ", ".join(f"{label} {n}" for label, n in sorted(built.rows.items()))
            self.stdout.write(self.style.SUCCESS(
                f"Creata una regione di {built.ambiti} ambiti con {built.families} famiglie e {built.users} utenti "
                f"in {time.monotonic() - started:.0f} s. Righe in blocco: {rows}."))
            return
        result = build_demo(families=families, seed=seed, anchor=anchor or timezone.localdate(),
                            password=password or settings.TRAMA_DEMO_PASSWORD)
        self.stdout.write(self.style.SUCCESS(
            f"Creato {result.ambito.nome} con {result.families} famiglie e {len(result.users)} utenti dimostrativi; "
            f"creato {result.second_ambito.nome} con i suoi {len(result.second_users)} utenti (nome.melzo)."
            if result.second_ambito else
            f"Creato {result.ambito.nome} con {result.families} famiglie e {len(result.users)} utenti dimostrativi."))
