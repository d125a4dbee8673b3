from datetime import date, time

from organisation.models import Ente
from scuola.models import Frequenza, IncontroScuola


def school(world) -> Ente:
    return Ente.objects.get(ambito=world.ambito, tipo=Ente.Tipo.SCUOLA, nome="IC Seregno")


def frequenza(world) -> Frequenza:
    luca = world.family.persone.get(nome="Luca")
    return Frequenza.objects.get_or_create(
        person=luca, anno_scolastico="2026/2027",
        defaults={"family": world.family, "ambito": world.ambito, "scuola": school(world), "classe": "1ª A",
                  "insegnante": world.insegnante})[0]


def meeting(world) -> IncontroScuola:
    return IncontroScuola.objects.get_or_create(
        family=world.family, tema="Inserimento in prima",
        defaults={"ambito": world.ambito, "scuola": school(world), "data": date(2026, 10, 5),
                  "ora_inizio": time(16, 30), "ora_fine": time(17, 30)})[0]
