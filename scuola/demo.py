"""Demo school partnership for `manage.py seed_demo`: the children of équipe 1's active families at the
demo teacher's school, one meeting each (deterministic from a copy of the builder's rng)."""

import random
from datetime import time, timedelta

from families.models import Family, Person, Stato

from .models import Frequenza, IncontroScuola
from .services import current_school_year

THEMES = ["Inserimento e amicizie in classe", "Compiti a casa e diario", "Frequenza e ritardi del mattino",
          "Preparazione del colloquio con la famiglia"]


def add_demo_school(builder) -> None:
    rng = random.Random()  # noqa: S311 - demo data, not secrets
    rng.setstate(builder.rng.getstate())
    school, teacher = builder.schools[0], builder.users["insegnante"]
    year = current_school_year(builder.anchor)
    families = (Family.objects.filter(equipe=builder.equipe1, stato__in=[Stato.IN_CORSO, Stato.T1, Stato.T2])
                .order_by("codice"))
    for family in families:
        children = [p for p in family.persone.filter(ruolo=Person.Ruolo.MINORE).order_by("data_nascita")
                    if p.data_nascita and 3 <= (builder.anchor - p.data_nascita).days // 365 <= 13]
        for child in children[:1]:
            age = (builder.anchor - child.data_nascita).days // 365
            if age < 6:
                classe = f"Sezione {rng.choice(['Girasoli', 'Delfini', 'Coccinelle'])} (infanzia)"
            elif age <= 10:
                classe = f"{age - 5}ª {rng.choice('ABC')}"
            else:
                classe = f"{age - 10}ª {rng.choice('ABC')} (media)"
            Frequenza.objects.create(family=family, ambito=family.ambito, person=child, scuola=school,
                                     anno_scolastico=year, classe=classe, insegnante=teacher,
                                     created_by=builder.users["casemanager"])
            day = builder.anchor - timedelta(days=rng.randint(3, 40))
            IncontroScuola.objects.create(
                family=family, ambito=family.ambito, scuola=school, data=day, ora_inizio=time(16, 30),
                ora_fine=time(17, 30), tema=rng.choice(THEMES),
                partecipanti=f"la mamma di {child.nome}, l'insegnante di classe, l'educatrice",
                esito=f"{child.nome} partecipa di più; la mamma firma il diario ogni sera.",
                prossimi_passi="Rivedersi tra un mese.", created_by=teacher)
