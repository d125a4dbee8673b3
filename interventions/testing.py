"""Test helpers for the dispositivi: a family in the intervention phase, a visit, a group."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from families.models import Family, PathEvent, Stato

from .models import Budget, BudgetLine, Facilitatore, Gruppo, Incontro, Iscrizione


def start_path(family: Family, *, included: date, state: str = Stato.IN_CORSO) -> Family:
    """Put the family in `state`, included on `included` (path events written directly, as fixtures)."""
    at = timezone.make_aware(datetime.combine(included, time(9, 0)))
    PathEvent.objects.create(family=family, from_state=Stato.PREASSESSMENT, to_state=Stato.INCLUSA, at=at)
    PathEvent.objects.create(family=family, from_state=Stato.PROGETTAZIONE, to_state=state,
                             at=at + timedelta(days=30))
    Family.objects.filter(pk=family.pk).update(stato=state)
    family.stato = state
    return family


# The Seregno co-design: minimum hours per role within €211,500 for June 2023 – May 2026.
SEREGNO_LINES = (("educatore", 6000, "24.00"), ("psicologo", 1400, "30.00"), ("pedagogista", 900, "26.00"),
                 ("mediatore_culturale", 100, "21.00"))


def seregno_budget(ambito, *, start: date = date(2023, 6, 1), end: date = date(2026, 5, 31)):
    budget, created = Budget.objects.get_or_create(
        ambito=ambito, nome="Co-progettazione P.I.P.P.I. 2023–2026",
        defaults={"data_inizio": start, "data_fine": end, "importo": Decimal("211500.00")})
    if created:
        for ruolo, hours, rate in SEREGNO_LINES:
            BudgetLine.objects.create(budget=budget, ruolo=ruolo, ore_previste=hours, costo_orario=Decimal(rate))
    return budget


def parents_group(world, *, start: date | None = None):
    """A parents' group of world.ambito run by the educator, with world.family's mother enrolled (idempotent)."""
    group, created = Gruppo.objects.get_or_create(ambito=world.ambito, nome="Genitori al centro",
                                                  defaults={"tipo": "genitori", "sede": "Biblioteca civica"})
    if created:
        Facilitatore.objects.create(gruppo=group, user=world.educatore, ruolo="educatore")
        first = start or date(2026, 1, 8)
        for n in range(6):
            Incontro.objects.create(gruppo=group, numero=n + 1, data=first + timedelta(days=7 * n),
                                    ora_inizio=time(17, 0), ora_fine=time(19, 0), durata_minuti=120)
        mother = world.family.persone.get(nome="Maria")
        Iscrizione.objects.create(gruppo=group, persona=mother, family=world.family)
    return group
