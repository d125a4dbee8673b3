"""Demo data for the network: a directory of the Seregno ambito's services, a few first contacts of the
tutor territoriale with referrals in every state, and two protocols (one expiring soon).

Called by core.demo.build_demo inside its transaction (auditlog off). Deterministic: only the builder's
`rng` and `anchor` decide; records are written directly (the anchor may lie ahead of the clock)."""

import random
from datetime import date, datetime, time, timedelta

from codicefiscale import codicefiscale
from django.utils import timezone

from families.models import Family, Person
from organisation.models import Ambito, Ente

from .models import NEEDS, Intake, IntakeChild, IntakeNeed, Protocol, Referral, ReferralEvent, Service

# (name, area, tipologia, provider ente name or None, free-text provider, comune, languages, hours, how to access)
SERVICES = [
    ("Pediatria di libera scelta – Seregno", "salute", "pediatra", "Pediatria di libera scelta", "", "Seregno",
     "italiano, inglese", "lun-ven 9-12, su appuntamento", "Scelta del pediatra all'anagrafe sanitaria con la tessera."),
    ("Consultorio familiare di Seregno", "salute", "consultorio", "Consultorio familiare di Seregno", "", "Seregno",
     "italiano, arabo, francese", "lun-ven 8.30-16", "Accesso diretto e gratuito; spazio neo-mamme il giovedì."),
    ("Consultorio familiare di Giussano", "salute", "consultorio", "Consultorio familiare di Giussano", "", "Giussano",
     "italiano", "mar e gio 9-13", "Accesso diretto; per le visite telefonare."),
    ("Consultorio familiare di Meda", "salute", "consultorio", "Consultorio familiare di Meda", "", "Meda",
     "italiano, spagnolo", "lun, mer, ven 9-15", "Accesso diretto e gratuito."),
    ("Neuropsichiatria dell'infanzia (UONPIA)", "salute", "salute_mentale", "ASST Brianza", "", "Seregno",
     "italiano", "su appuntamento", "Con l'impegnativa del pediatra."),
    ("Nido comunale Il Girotondo", "educazione", "nido", "Comune di Seregno", "", "Seregno",
     "italiano", "lun-ven 7.30-17", "Domanda al Comune entro marzo; posti riservati per famiglie fragili."),
    ("Spazio gioco 0-3 Primi passi", "educazione", "childcare", "Cooperativa sociale Il Girasole (partner)", "",
     "Seveso", "italiano, arabo", "mar e ven 9.30-11.30", "Gratuito, senza iscrizione."),
    ("Servizio sociale di base – Giussano", "protezione", "servizi_sociali", "Comune di Giussano", "", "Giussano",
     "italiano", "lun 9-12, gio 14-17", "Su appuntamento con l'assistente sociale."),
    ("Centro antiviolenza Filo Rosa", "protezione", "antiviolenza", None, "Associazione Filo Rosa", "Meda",
     "italiano, inglese, francese", "24 ore su 24 al numero 1522", "Telefonare; accesso riservato e gratuito."),
    ("Spazio mamme Mamme in cerchio", "genitorialita", "spazio_mamme", "Cooperativa sociale Il Girasole (partner)",
     "", "Seregno", "italiano, arabo, wolof", "mer 9.30-11.30", "Libero; con mediatrice culturale."),
    ("Italiano per mamme con custodia dei bambini", "genitorialita", "scuola_lingua", None,
     "CPIA Monza e Brianza", "Lentate sul Seveso", "italiano", "lun e mer 9-11", "Iscrizione in segreteria."),
    ("Sportello casa", "casa", "casa", None, "Sicet Brianza", "Seregno", "italiano",
     "ven 14-17", "Per doti affitto, iscrizione Sicet e bandi per le case popolari."),
    ("Sportello lavoro e formazione", "lavoro", "lavoro", None, "AFOL Monza Brianza", "Giussano",
     "italiano, inglese", "mar 9-13", "Su appuntamento; porta il curriculum se ce l'hai."),
    ("Orientamento legale e documenti", "identita", "legale", None, "Associazione Avvocati per tutti", "Seregno",
     "italiano, francese, arabo", "sab 9-12", "Permesso di soggiorno, residenza, documenti dei bambini."),
]

# (surname, female name, country, citizenship, languages)
PEOPLE = [
    ("Benali", "Salma", "Marocco", "Marocchina", "arabo, francese"),
    ("Ndiaye", "Aminata", "Senegal", "Senegalese", "wolof, francese"),
    ("Quispe", "Milagros", "Perù", "Peruviana", "spagnolo"),
    ("Shehu", "Blerina", "Albania", "Albanese", "albanese"),
    ("Mansour", "Heba", "Egitto", "Egiziana", "arabo"),
    ("Tkachenko", "Oksana", "Ucraina", "Ucraina", "ucraino, russo"),
]

# The referral states the demo shows, with the path each one went through.
PATHS = {
    "inviato": ["inviato"],
    "accolto": ["inviato", "accolto"],
    "preso_in_carico": ["inviato", "accolto", "preso_in_carico"],
    "concluso": ["inviato", "accolto", "preso_in_carico", "concluso"],
    "rifiutato": ["inviato", "rifiutato"],
    "perso": ["inviato", "perso"],
}


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def add_demo_network(ambito: Ambito, users: dict, rng: random.Random, anchor: date) -> None:
    tutor = users["tutor"]
    enti = {e.nome: e for e in Ente.objects.filter(ambito=ambito)}
    directory = []
    for nome, area, tipologia, ente, testo, comune, lingue, orari, accesso in SERVICES:
        directory.append(Service.objects.create(
            ambito=ambito, nome=nome, area=area, tipologia=tipologia, ente=enti.get(ente) if ente else None,
            ente_testo=testo if not ente or ente not in enti else "", comune=enti.get(f"Comune di {comune}"),
            lingue=lingue, orari=orari, come_accedere=accesso, telefono=f"0362 {rng.randint(100000, 999999)}"))
    by_area: dict[str, list[Service]] = {}
    for service in directory:
        by_area.setdefault(service.area, []).append(service)

    comuni = [e for e in enti.values() if e.tipo == Ente.Tipo.COMUNE]
    comuni.sort(key=lambda e: e.nome)
    states = list(PATHS)
    for index, (cognome, nome, country, citizenship, lingue) in enumerate(PEOPLE):
        born = anchor - timedelta(days=rng.randint(22 * 365, 38 * 365))
        cf = codicefiscale.encode(lastname=cognome, firstname=nome, gender="F", birthdate=born.strftime("%d/%m/%Y"),
                                  birthplace=country) if index % 2 == 0 else ""
        contact = anchor - timedelta(days=rng.randint(15, 150))
        intake = Intake.objects.create(
            ambito=ambito, tutor=tutor, cognome=cognome, nome=nome, sesso="F", data_nascita=born, codice_fiscale=cf,
            cittadinanza=citizenship, lingue=lingue, comune=rng.choice(comuni), data_contatto=contact,
            come_arrivata=rng.choice(["dal punto nascita", "dal pediatra", "dal consultorio", "di persona"]),
            accompagnamento=index % 2 == 0, stato=Intake.Stato.CHIUSO if index == 5 else Intake.Stato.APERTO,
            chiuso_il=anchor - timedelta(days=3) if index == 5 else None)
        for child in range(rng.choice([1, 1, 2])):
            IntakeChild.objects.create(intake=intake, nome=rng.choice(["Adam", "Sara", "Noah", "Lina", "Omar", "Maya"]),
                                       sesso=rng.choice("FM"),
                                       data_nascita=anchor - timedelta(days=rng.randint(30, 900 + 365 * child)))
        needs = sorted(rng.sample([d.value for d in NEEDS], k=rng.randint(2, 4)))
        IntakeNeed.objects.bulk_create([IntakeNeed(intake=intake, diritto=d) for d in needs])
        for n, diritto in enumerate(needs[:3]):
            service = rng.choice(by_area[diritto])
            state = states[(index + n) % len(states)]
            sent = contact + timedelta(days=rng.randint(0, 10))
            follow_up = anchor + timedelta(days=rng.randint(-3, 10)) if state in ("inviato", "accolto") else None
            referral = Referral.objects.create(
                ambito=ambito, intake=intake, service=service, area=service.area, data_invio=sent,
                follow_up_il=follow_up, motivo=f"Orientamento: {service.get_area_display().lower()}.", stato=state,
                stato_dal=_at(min(anchor, sent + timedelta(days=7 * (len(PATHS[state]) - 1)))), inviato_da=tutor)
            previous = ""
            for step, target in enumerate(PATHS[state]):
                ReferralEvent.objects.create(referral=referral, from_state=previous, to_state=target,
                                             at=_at(min(anchor, sent + timedelta(days=7 * step))), by=tutor)
                previous = target

    # The family the tutor reported started as a first contact.
    family = Family.objects.filter(ambito=ambito, segnalata_da=tutor).order_by("pk").first()
    mother = family.persone.filter(ruolo=Person.Ruolo.MADRE).first() if family else None
    if mother is not None:
        intake = Intake.objects.create(
            ambito=ambito, tutor=tutor, cognome=mother.cognome, nome=mother.nome, sesso=mother.sesso,
            data_nascita=mother.data_nascita, codice_fiscale=mother.codice_fiscale, cittadinanza=mother.cittadinanza,
            lingue=mother.lingue, comune=family.comune, data_contatto=family.data_segnalazione - timedelta(days=20),
            come_arrivata="dal consultorio", accompagnamento=True, family=family)
        IntakeNeed.objects.bulk_create([IntakeNeed(intake=intake, diritto=d) for d in ("genitorialita", "salute")])

    tavolo = Protocol.objects.create(
        ambito=ambito, titolo="Protocollo d'intesa del Tavolo 1000 giorni",
        oggetto="Percorsi condivisi tra consultori, pediatri, nidi e servizi sociali per i primi 1000 giorni di vita.",
        altre_parti="ATS Brianza", firmato_il=anchor - timedelta(days=3 * 365 - 40),
        scadenza=anchor + timedelta(days=40), registrato_da=users["rt"])
    tavolo.enti.set([e for name, e in enti.items() if name.startswith("Consultorio") or name == "Comune di Seregno"])
    accordo = Protocol.objects.create(
        ambito=ambito, titolo="Accordo di rete scuola–famiglia–servizi",
        oggetto="Il ruolo degli insegnanti nelle équipe e lo scambio di informazioni con il consenso delle famiglie.",
        firmato_il=anchor - timedelta(days=200), scadenza=anchor + timedelta(days=2 * 365), registrato_da=users["rt"])
    accordo.enti.set([e for e in enti.values() if e.tipo in (Ente.Tipo.SCUOLA, Ente.Tipo.COMUNE)][:6])
