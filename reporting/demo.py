"""Demo territorial context: the seed's ambito figures (83,321 residents at 1 January 2021, minors from
15.24% to 18.32% by comune, the services' caseload) spread over the demo's comuni, deterministically."""

from organisation.models import Ente

from .models import CaricoServizi, DatoComune

TOTAL = 83321
SHARES_OF_MINORS = [18.32, 15.24, 17.99, 16.40, 17.10, 16.85, 15.90, 17.45, 16.20, 17.60]
CASELOAD_2021 = {"progetti": 668, "domiciliare": 249, "antiviolenza": 51, "comunita": 45, "tutela": 316,
                 "spazio_neutro": 5}


def add_demo_territorio(builder) -> None:
    comuni = list(Ente.objects.filter(ambito=builder.ambito, tipo=Ente.Tipo.COMUNE).order_by("pk"))
    if not comuni:
        return
    weights = list(range(len(comuni), 0, -1))  # the first (the capofila) is the largest
    left = TOTAL
    for i, comune in enumerate(comuni):
        population = left if i == len(comuni) - 1 else TOTAL * weights[i] // sum(weights)
        left -= population
        share = SHARES_OF_MINORS[i % len(SHARES_OF_MINORS)]
        DatoComune.objects.create(comune=comune, anno=2021, popolazione=population,
                                  minori=round(population * share / 100))
    for voce, numero in CASELOAD_2021.items():
        CaricoServizi.objects.create(ambito=builder.ambito, anno=2021, voce=voce, numero=numero)
