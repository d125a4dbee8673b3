"""Demo territorial context: the comuni's real resident populations, with their source and date, and seed 001's
figures for the ambito modelled on it.

Seregno (the first demo ambito): residents from ISTAT's demographic balance at 31 December 2022 (the year is the
1 January that follows, 2023) where ISTAT's figure was at hand, otherwise the comune's own registry, as noted.
The minors are an estimate (16% of the residents) until the ambito loads ISTAT's age tables on the Territorio page.

Melzo (the second, modelled on seed 001): seed 001 gives the ambito's 83,321 residents at 1 January 2021, the
minors' share of Settala (18.32%), the range of the other comuni (15.24%–17.99%), the ambito's average (16.98%)
and the services' caseload; the residents of each comune are ISTAT's (the nearest date found, noted), and the
share of minors of the comuni other than Settala is chosen within seed 001's range so that the ambito's average
is seed 001's.
"""

from organisation.models import Ente

from .models import CaricoServizi, DatoComune

# comune → (residents, year of the 1 January they refer to, share of minors %, source)
RESIDENTS = {
    "SER": {
        "Barlassina": (6873, 2023, None, "ISTAT, bilancio demografico al 31.12.2022"),
        "Ceriano Laghetto": (6645, 2023, None, "ISTAT, bilancio demografico al 31.12.2022"),
        "Cogliate": (8459, 2023, None, "ISTAT, bilancio demografico al 31.12.2022"),
        "Giussano": (26078, 2023, None, "Comune di Giussano, statistiche demografiche al 31.12.2022"),
        "Lazzate": (7699, 2023, None, "ISTAT, bilancio demografico al 31.12.2022"),
        "Lentate sul Seveso": (15819, 2023, None, "ISTAT, popolazione residente al 1.1.2023"),
        "Meda": (23745, 2025, None, "Comune di Meda, statistica anagrafica al 31.12.2024"),
        "Misinto": (5664, 2023, None, "ISTAT, bilancio demografico al 31.12.2022"),
        "Seregno": (44825, 2023, None, "ISTAT, bilancio demografico al 31.12.2022"),
        "Seveso": (23804, 2023, None, "ISTAT, bilancio demografico al 31.12.2022"),
    },
    "MEL": {
        "Cassano d'Adda": (19181, 2021, 16.60, "ISTAT, popolazione residente al 1.1.2022"),
        "Inzago": (11255, 2021, 17.20, "ISTAT, popolazione residente al 31.12.2021"),
        "Liscate": (4035, 2021, 15.24, "ISTAT, popolazione residente al 31.12.2020"),
        "Melzo": (18493, 2021, 16.30, "ISTAT, popolazione residente al 1.1.2018"),
        # No figure found for Pozzuolo Martesana: what remains of seed 001's 83,321 (ISTAT gives about 8,500).
        "Pozzuolo Martesana": (8002, 2021, 17.34, "seme 001: differenza dal totale dell'ambito (83.321)"),
        "Settala": (7316, 2021, 18.32, "ISTAT, popolazione residente al 31.12.2020; minori: seme 001"),
        "Truccazzano": (5855, 2021, 17.40, "ISTAT, popolazione residente al 31.12.2021"),
        "Vignate": (9184, 2021, 17.99, "ISTAT, popolazione residente al 31.5.2023"),
    },
}
ESTIMATED_SHARE_OF_MINORS = 16.0
# Seed 001: the services' caseload at 1 January 2021.
CASELOAD_2021 = {"progetti": 668, "domiciliare": 249, "antiviolenza": 51, "comunita": 45, "tutela": 316,
                 "spazio_neutro": 5}
CASELOAD = {"MEL": (2021, CASELOAD_2021)}


def add_demo_territorio(builder) -> None:
    figures = RESIDENTS.get(builder.ambito.codice, {})
    for comune in Ente.objects.filter(ambito=builder.ambito, tipo=Ente.Tipo.COMUNE).order_by("pk"):
        name = comune.nome.removeprefix("Comune di ")
        if name not in figures:
            continue
        residents, year, share, _source = figures[name]
        DatoComune.objects.create(comune=comune, anno=year, popolazione=residents,
                                  minori=round(residents * (share or ESTIMATED_SHARE_OF_MINORS) / 100))
    if builder.ambito.codice in CASELOAD:
        year, caseload = CASELOAD[builder.ambito.codice]
        for voce, numero in caseload.items():
            CaricoServizi.objects.create(ambito=builder.ambito, anno=year, voce=voce, numero=numero)
