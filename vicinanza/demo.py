"""Demo vicinanza solidale for `manage.py seed_demo`: a small register (one entry linked to the demo
volunteer, one still waiting for its checks) and an active pairing with a few activities."""

import random
from datetime import timedelta

from families.models import Family, Stato

from .models import Abbinamento, AttivitaVicinanza, Sostenitore

REGISTER = [
    ("Famiglia Colombo", "famiglia", "Seregno", "italiano, inglese", ["compiti", "weekend"], ["feriali", "weekend"],
     True, True),
    ("Famiglia Galli", "famiglia", "Giussano", "italiano, arabo", ["weekend", "vacanze"], ["weekend", "vacanze"],
     True, False),
    ("Anna Riva (Associazione Il Melograno)", "volontario", "Meda", "italiano, francese", ["compiti", "pratico"],
     ["feriali"], True, False),
    ("Famiglia Sala", "famiglia", "Seregno", "italiano", ["pratico"], ["feriali"], False, False),
]


def add_demo_vicinanza(builder) -> None:
    rng = random.Random()  # noqa: S311 - demo data, not secrets
    rng.setstate(builder.rng.getstate())
    anchor, rt = builder.anchor, builder.users["rt"]
    entries = []
    for nome, tipo, comune, lingue, aiuti, disp, checked, linked in REGISTER:
        checks = ({"colloquio_il": anchor - timedelta(days=200), "controlli_il": anchor - timedelta(days=180),
                   "consenso_il": anchor - timedelta(days=200)} if checked else {})
        entries.append(Sostenitore.objects.create(
            ambito=builder.ambito, tipo=tipo, nome=nome, comune=builder.comuni[comune], lingue=lingue, aiuti=aiuti,
            disponibilita=disp, ente=builder.ets if tipo == "volontario" else None, created_by=rt,
            user=builder.users["volontario"] if linked else None, **checks))
    family = (Family.objects.filter(equipe=builder.equipe1, stato__in=[Stato.IN_CORSO, Stato.T1])
              .order_by("codice").first())
    if family is None:
        return
    start = anchor - timedelta(days=75)
    pairing = Abbinamento.objects.create(
        ambito=builder.ambito, family=family, sostenitore=entries[0], stato=Abbinamento.Stato.ATTIVO,
        bisogni=["compiti", "weekend"], motivazione="stesso comune; aiuto nei compiti",
        accordo="Compiti insieme il martedì e il giovedì dalle 16.30 alle 18; una domenica al mese al parco. "
                "Per ogni necessità si chiama l'educatrice.",
        data_accordo=start, data_revisione=anchor + timedelta(days=15), created_by=builder.users["casemanager"])
    for week in range(8):
        AttivitaVicinanza.objects.create(
            abbinamento=pairing, data=start + timedelta(days=7 * week + 1), durata_minuti=90, tipo="compiti",
            descrizione=rng.choice(["Compiti di matematica.", "Lettura ad alta voce.", "Ricerca di scienze."]),
            registrata_da=builder.users["volontario"])
