"""Test helpers for vicinanza solidale: a checked support family linked to the volunteer persona, a pairing."""

from datetime import date

from .models import Abbinamento, Sostenitore

CHECKED = {"colloquio_il": date(2026, 1, 10), "controlli_il": date(2026, 1, 20), "consenso_il": date(2026, 1, 10)}


def support_family(world, *, nome: str = "Famiglia Colombo", comune=None, checked: bool = True, **fields):
    defaults = {"tipo": Sostenitore.Tipo.FAMIGLIA, "comune": comune or world.comune, "lingue": "italiano",
                "aiuti": ["compiti", "weekend"], "disponibilita": ["weekend"], **(CHECKED if checked else {}),
                **fields}
    return Sostenitore.objects.get_or_create(ambito=world.ambito, nome=nome, defaults=defaults)[0]


def pairing(world, *, stato: str = Abbinamento.Stato.PROPOSTO, **fields):
    """world.family paired with a support family whose account is the volunteer persona (idempotent)."""
    sostenitore = support_family(world, user=world.volontario)
    defaults = {"ambito": world.ambito, "bisogni": ["compiti"], "stato": stato, **fields}
    if stato == Abbinamento.Stato.ATTIVO:
        defaults.setdefault("accordo", "Compiti il martedì pomeriggio.")
        defaults.setdefault("data_accordo", date(2026, 2, 1))
    return Abbinamento.objects.get_or_create(family=world.family, sostenitore=sostenitore, defaults=defaults)[0]
