"""Demo dispositivi for `manage.py seed_demo` (deterministic from the builder's rng and anchor).

Assignments and the last six weeks of visits for the families in the intervention phase, a parents'
group with its attendance, and a budget with the Seregno co-design figures (educatore 6,000 h,
psicologo 1,400, pedagogista 900, mediatore culturale 100, € 211,500 over 36 months). The demo's
period is the 36 months around the anchor, so that the budget page has a "today" inside it.
"""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from families.models import Family, PathEvent, Stato
from organisation.models import EquipeMember, add_months

from .models import (
    Assegnazione,
    Budget,
    BudgetLine,
    Facilitatore,
    Gruppo,
    Incontro,
    Intervento,
    Iscrizione,
    Luogo,
    Presenza,
    Ruolo,
    Servizio,
)
from .testing import SEREGNO_LINES

SLOTS = [(time(9, 0), time(11, 0)), (time(11, 0), time(13, 0)), (time(14, 30), time(17, 0)),
         (time(17, 0), time(19, 0))]
ACTIVITIES = [
    "Compiti insieme e preparazione dello zaino per il giorno dopo.",
    "Routine della sera: cena, bagno e lettura della storia con la mamma.",
    "Accompagnamento al parco e al centro sportivo del quartiere.",
    "Colloquio con la mamma sul calendario della settimana.",
    "Gioco libero con i bambini e osservazione della relazione con il papà.",
    "Accompagnamento alla biblioteca comunale per l'iscrizione.",
]
WEEKS = 6


def add_demo_interventions(builder) -> None:
    # A copy of the builder's generator: the data that follow in build_demo are not shifted by ours.
    rng = random.Random()  # noqa: S311 - demo data, not secrets
    rng.setstate(builder.rng.getstate())
    anchor = builder.anchor
    _budget(builder.ambito, anchor)
    families = list(Family.objects.filter(ambito=builder.ambito, stato__in=[Stato.IN_CORSO, Stato.T1, Stato.T2])
                    .select_related("equipe").order_by("codice"))
    included = dict(PathEvent.objects.filter(family__in=families, to_state=Stato.INCLUSA)
                    .values_list("family_id", "at"))
    members = {(m.equipe_id, m.user.username): m for m in EquipeMember.objects.select_related("user", "ente")}
    busy: set[tuple[int, date, int]] = set()
    for family in families:
        if family.equipe_id is None:
            continue
        name = "educatore" if family.equipe_id == builder.equipe1.pk else "educatore2"
        educator = members.get((family.equipe_id, name))
        if educator is None:
            continue
        start = max(timezone.localtime(included[family.pk]).date() if family.pk in included else anchor,
                    anchor - timedelta(weeks=WEEKS))
        Assegnazione.objects.create(family=family, operatore=educator.user, ente=educator.ente,
                                    servizio=Servizio.EDUCATIVA, ruolo=Ruolo.EDUCATORE,
                                    ore_settimanali=Decimal(10 if family.stato == Stato.IN_CORSO else 8),
                                    data_inizio=start, created_by=builder.users["casemanager"])
        psychologist = members.get((family.equipe_id, "psicologo"))
        people = list(family.persone.order_by("data_nascita", "pk"))
        for week in range(WEEKS):
            monday = anchor - timedelta(days=anchor.weekday()) - timedelta(weeks=WEEKS - 1 - week)
            for day in sorted(rng.sample(range(5), rng.choice([2, 3, 3, 4]))):
                when = monday + timedelta(days=day)
                if when < start or when > anchor:
                    continue
                slot = next((i for i in rng.sample(range(len(SLOTS)), len(SLOTS))
                             if (educator.user_id, when, i) not in busy), None)
                if slot is None:
                    continue
                busy.add((educator.user_id, when, slot))
                _visit(family, educator, Servizio.EDUCATIVA, Ruolo.EDUCATORE, when, SLOTS[slot],
                       rng.choice([Luogo.CASA, Luogo.CASA, Luogo.SCUOLA, Luogo.TERRITORIO]), rng.choice(ACTIVITIES),
                       rng.sample(people, min(len(people), rng.randint(1, 2))))
            if psychologist is not None and week % 2 == 1 and monday >= start:
                when = monday + timedelta(days=3)
                if (psychologist.user_id, when, 0) not in busy and when <= anchor:
                    busy.add((psychologist.user_id, when, 0))
                    _visit(family, psychologist, Servizio.PSICOLOGICO, Ruolo.PSICOLOGO, when, SLOTS[0],
                           Luogo.SERVIZIO, "Colloquio di sostegno psicologico con i genitori.", people[:1])
    _group(builder, rng, families, members, anchor)


def _visit(family, member, servizio, ruolo, when, slot, luogo, attivita, presenti) -> None:
    start, end = slot
    minutes = (datetime.combine(when, end) - datetime.combine(when, start)).seconds // 60
    visit = Intervento.objects.create(family=family, ambito_id=family.ambito_id, operatore=member.user,
                                      ente=member.ente, servizio=servizio, ruolo=ruolo, data=when, ora_inizio=start,
                                      ora_fine=end, durata_minuti=minutes, luogo=luogo, attivita=attivita,
                                      created_by=member.user)
    visit.presenti.set(presenti)


def _budget(ambito, anchor: date) -> Budget:
    start = add_months(anchor.replace(day=1), -30)
    end = add_months(start, 36) - timedelta(days=1)
    budget = Budget.objects.create(ambito=ambito, nome="Co-progettazione P.I.P.P.I. (cifre di Seregno)",
                                   data_inizio=start, data_fine=end, importo=Decimal("211500.00"),
                                   cup="J39I22000340006")  # an invented code of the right shape
    for ruolo, hours, rate in SEREGNO_LINES:
        BudgetLine.objects.create(budget=budget, ruolo=ruolo, ore_previste=hours, costo_orario=Decimal(rate))
    return budget


def _group(builder, rng, families, members, anchor) -> None:
    facilitators = [m for key, m in sorted(members.items()) if key[0] == builder.equipe1.pk
                    and key[1] in ("educatore", "psicologo")]
    if not facilitators:
        return
    group = Gruppo.objects.create(ambito=builder.ambito, nome="Genitori al centro", tipo=Gruppo.Tipo.GENITORI,
                                  sede="Biblioteca civica di Seregno", frequenza=Gruppo.Frequenza.SETTIMANALE,
                                  supporti=[Gruppo.Supporto.MERENDA, Gruppo.Supporto.CUSTODIA],
                                  created_by=builder.users["casemanager"])
    for m in facilitators:
        Facilitatore.objects.create(gruppo=group, user=m.user, ente=m.ente,
                                    ruolo=Ruolo.PSICOLOGO if m.user.username == "psicologo" else Ruolo.EDUCATORE)
    first = anchor - timedelta(days=anchor.weekday()) - timedelta(weeks=4) + timedelta(days=3)  # a Thursday
    enrolled = []
    for family in families[:6]:
        parent = family.persone.filter(ruolo__in=["madre", "padre"]).order_by("pk").first()
        if parent is not None:
            enrolled.append(Iscrizione.objects.create(gruppo=group, persona=parent, family=family))
    for n in range(6):
        day = first + timedelta(weeks=n)
        held = day <= anchor
        meeting = Incontro.objects.create(
            gruppo=group, numero=n + 1, data=day, ora_inizio=time(17, 30), ora_fine=time(19, 0), durata_minuti=90,
            sede=group.sede, svolto=held,
            note="Clima sereno, buona partecipazione." if held else "",
            apprendimenti="Alcuni genitori chiedono idee per la routine della sera: riprenderle nelle visite."
            if held and n % 2 == 0 else "")
        if held:
            Presenza.objects.bulk_create([Presenza(incontro=meeting, iscrizione=i) for i in enrolled
                                          if rng.random() < 0.75])
