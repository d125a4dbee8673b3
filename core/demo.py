"""Deterministic synthetic data modelled on the Seregno co-design (seed 004): its ten comuni, an
ASST with consultori, a partner ETS, schools, two équipe and cohorts of families along the path.

Everything is invented. The same --seed and --anchor give the same data.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from auditlog.context import disable_auditlog
from codicefiscale import codicefiscale
from django.db import transaction
from django.utils import timezone
from faker import Faker

from accounts.models import User
from assessments.models import Answer, Response
from assessments.selectors import current_instrument_version
from assessments.services import compute_scores, instruments_sync_shipped
from families.demo import add_demo_duplicates
from families.models import Consent, EsitoChiusura, Family, PathEvent, Person, Stato
from governance.demo import add_demo_governance
from interventions.demo import add_demo_interventions
from network.demo import add_demo_network
from organisation.models import (
    Ambito,
    Ente,
    Equipe,
    EquipeMember,
    Implementazione,
    Membership,
    Professione,
    Role,
    add_months,
)
from plans.demo import add_demo_family_version, add_demo_plans, add_demo_review
from plans.models import Azione
from portal.demo import add_demo_portal
from reporting.demo import add_demo_territorio
from scuola.demo import add_demo_school
from vicinanza.demo import add_demo_vicinanza

COMUNI = ["Barlassina", "Ceriano Laghetto", "Cogliate", "Giussano", "Lazzate", "Lentate sul Seveso", "Meda",
          "Misinto", "Seregno", "Seveso"]

# (country for the codice fiscale, citizenship, languages, female names, male names, surnames)
ORIGINS = [
    ("Marocco", "Marocchina", "arabo, francese", ["Fatima", "Amina", "Khadija", "Salma", "Nadia"],
     ["Mohamed", "Youssef", "Said", "Karim", "Omar"], ["El Amrani", "Benali", "Haddad", "Idrissi", "Tazi"]),
    ("Romania", "Rumena", "rumeno", ["Ioana", "Elena", "Maria", "Andreea"], ["Andrei", "Mihai", "Ion", "Stefan"],
     ["Popescu", "Ionescu", "Dumitru", "Stan"]),
    ("Albania", "Albanese", "albanese", ["Elira", "Arta", "Blerina", "Mirela"], ["Arben", "Dritan", "Ilir", "Gentian"],
     ["Hoxha", "Kola", "Shehu", "Basha"]),
    ("Ucraina", "Ucraina", "ucraino, russo", ["Olena", "Iryna", "Oksana", "Nataliia"], ["Andriy", "Taras", "Oleh", "Serhiy"],
     ["Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko"]),
    ("Senegal", "Senegalese", "wolof, francese", ["Awa", "Fatou", "Aminata", "Mariama"], ["Mamadou", "Cheikh", "Ousmane", "Ibrahima"],
     ["Diop", "Ndiaye", "Fall", "Sow"]),
    ("Perù", "Peruviana", "spagnolo", ["Rosa", "Carmen", "Lucia", "Milagros"], ["Luis", "Jorge", "Carlos", "Miguel"],
     ["Quispe", "Flores", "Huaman", "Rojas"]),
    ("Egitto", "Egiziana", "arabo", ["Mona", "Heba", "Yasmin", "Rania"], ["Ahmed", "Mahmoud", "Mostafa", "Tarek"],
     ["Hassan", "Ibrahim", "Saleh", "Mansour"]),
]

# The demo users: username → (first name, last name, role, profession)
DEMO_USERS = {
    "rt": ("Laura", "Colombo", Role.RT, ""),
    "amministrativo": ("Paolo", "Brambilla", Role.AMMINISTRATIVO, ""),
    "coach": ("Giulia", "Fumagalli", Role.COACH, Professione.PEDAGOGISTA),
    "casemanager": ("Chiara", "Riva", Role.CASE_MANAGER, Professione.ASSISTENTE_SOCIALE),
    "educatore": ("Marco", "Sala", Role.OPERATORE, Professione.EDUCATORE),
    "psicologo": ("Elena", "Galli", Role.OPERATORE, Professione.PSICOLOGO),
    "insegnante": ("Anna", "Cattaneo", Role.OPERATORE, Professione.INSEGNANTE),
    "tutor": ("Sara", "Mariani", Role.TUTOR, ""),
    "ets": ("Davide", "Longoni", Role.COORDINATORE_ETS, ""),
    "volontario": ("Franca", "Meroni", Role.VOLONTARIO, ""),
    "casemanager2": ("Luca", "Villa", Role.CASE_MANAGER, Professione.ASSISTENTE_SOCIALE),
    "educatore2": ("Silvia", "Pozzi", Role.OPERATORE, Professione.EDUCATORE),
    "genitore": ("", "", Role.FAMIGLIA, ""),  # named after the mother of the first family
}

# The second demo ambito's users (modelled on seed 001's ambito): username → (first, last, role, profession).
# The same roles as the first ambito, with ".melzo" after the name; the RT, case managers and the others of one
# ambito never see a family, a record or a name of the other.
MELZO_USERS = {
    "rt": ("Marta", "Brambati", Role.RT, ""),
    "amministrativo": ("Giorgio", "Perego", Role.AMMINISTRATIVO, ""),
    "coach": ("Alessandra", "Mauri", Role.COACH, Professione.PEDAGOGISTA),
    "casemanager": ("Federica", "Oggioni", Role.CASE_MANAGER, Professione.ASSISTENTE_SOCIALE),
    "educatore": ("Stefano", "Rivolta", Role.OPERATORE, Professione.EDUCATORE),
    "psicologo": ("Paola", "Sironi", Role.OPERATORE, Professione.PSICOLOGO),
    "insegnante": ("Lucia", "Bestetti", Role.OPERATORE, Professione.INSEGNANTE),
    "tutor": ("Roberto", "Crippa", Role.TUTOR, ""),
    "ets": ("Elisa", "Gerosa", Role.COORDINATORE_ETS, ""),
    "volontario": ("Carla", "Pirovano", Role.VOLONTARIO, ""),
    "casemanager2": ("Andrea", "Teruzzi", Role.CASE_MANAGER, Professione.ASSISTENTE_SOCIALE),
    "educatore2": ("Valeria", "Motta", Role.OPERATORE, Professione.EDUCATORE),
    "genitore": ("", "", Role.FAMIGLIA, ""),
}


@dataclass(frozen=True)
class AmbitoProfile:
    """What differs between the demo ambiti: names, comuni, organisations and users."""

    codice: str
    nome: str
    comuni: tuple[str, ...]
    capofila: str
    second_comune: str  # the second équipe's case manager works for this comune
    equipe_names: tuple[str, str]
    equipe_comuni: tuple[tuple[str, ...], tuple[str, ...]]  # the comuni each équipe serves
    asst: str
    consultori: tuple[str, ...]
    ats: str
    ets: str
    schools: tuple[str, ...]
    users: dict
    suffix: str  # after each demo username: "" for the first ambito


SEREGNO = AmbitoProfile(
    codice="SER", nome="Ambito Territoriale di Seregno", comuni=tuple(COMUNI), capofila="Seregno",
    second_comune="Giussano",
    equipe_names=("Équipe Seregno – Seveso", "Équipe Giussano – Meda"),
    equipe_comuni=(("Seregno", "Seveso", "Barlassina", "Lentate sul Seveso", "Cogliate"),
                   ("Ceriano Laghetto", "Giussano", "Lazzate", "Meda", "Misinto")),
    asst="ASST Brianza", consultori=("Seregno", "Giussano", "Meda"), ats="ATS Brianza",
    ets="Cooperativa sociale Il Girasole (partner)",
    schools=("Istituto Comprensivo Seregno Nord", "Istituto Comprensivo di Giussano",
             "Scuola dell'infanzia Arcobaleno di Meda"),
    users=DEMO_USERS, suffix="")

# Seed 001's ambito (8 comuni, 83,321 residents on 1 January 2021, Settala the comune with most minors) is the
# Ambito di Melzo, in ASST Melegnano e della Martesana: seed 001 names only Settala, the rest is the ambito's.
MELZO = AmbitoProfile(
    codice="MEL", nome="Ambito Territoriale di Melzo", capofila="Melzo", second_comune="Cassano d'Adda",
    comuni=("Cassano d'Adda", "Inzago", "Liscate", "Melzo", "Pozzuolo Martesana", "Settala", "Truccazzano",
            "Vignate"),
    equipe_names=("Équipe Melzo – Settala", "Équipe Cassano d'Adda – Inzago"),
    equipe_comuni=(("Melzo", "Liscate", "Settala", "Vignate"),
                   ("Cassano d'Adda", "Inzago", "Pozzuolo Martesana", "Truccazzano")),
    asst="ASST Melegnano e della Martesana", consultori=("Melzo", "Cassano d'Adda"),
    ats="ATS Città Metropolitana di Milano", ets="Cooperativa sociale La Martesana (partner)",
    schools=("Istituto Comprensivo di Melzo", "Istituto Comprensivo di Cassano d'Adda"),
    users=MELZO_USERS, suffix=".melzo")

# The path in order; a family in state S has passed through all the states before it.
PATH = [Stato.SEGNALATA, Stato.PREASSESSMENT, Stato.INCLUSA, Stato.ASSESSMENT_T0, Stato.PROGETTAZIONE,
        Stato.IN_CORSO, Stato.T1, Stato.T2, Stato.CHIUSA]
# The states of the ten demo families of the current cohort, one each, so every step can be tried.
DEMO_STATES = [Stato.IN_CORSO, Stato.ASSESSMENT_T0, Stato.PROGETTAZIONE, Stato.INCLUSA, Stato.T1,
               Stato.PREASSESSMENT, Stato.SEGNALATA, Stato.IN_CORSO, Stato.NON_INCLUSA, Stato.SEGNALATA]
# The states whose next step is due some days after they began (families.path.NEXT_STEP), not at the cohort's dates.
DATED_BY_STATE = {Stato.SEGNALATA, Stato.PREASSESSMENT, Stato.INCLUSA, Stato.ASSESSMENT_T0, Stato.PROGETTAZIONE,
                  Stato.T2}


@dataclass
class DemoResult:
    ambito: Ambito
    families: int
    users: list[str]
    second_ambito: Ambito | None = None
    second_users: list[str] = field(default_factory=list)


class DemoBuilder:
    def __init__(self, *, seed: int, anchor: date, password: str, profile: AmbitoProfile = SEREGNO):
        self.profile = profile
        self.rng = random.Random(seed)
        self.fake = Faker("it_IT")
        self.fake.seed_instance(seed)
        self.anchor = anchor
        self.password = password
        self.used_cf: set[str] = set()
        self._child_base: dict[int, int] = {}
        instruments_sync_shipped()
        self.instruments = {code: current_instrument_version(code) for code in ("preassessment", "mondo_del_bambino")}

    # --- organisation ---------------------------------------------------------------------------
    def build_organisation(self) -> None:
        pr = self.profile
        self.ambito = Ambito.objects.create(codice=pr.codice, nome=pr.nome)
        self.comuni = {n: Ente.objects.create(ambito=self.ambito, tipo=Ente.Tipo.COMUNE, nome=f"Comune di {n}")
                       for n in pr.comuni}
        self.ambito.capofila = self.comuni[pr.capofila]
        self.ambito.save()
        e = Ente.objects.create
        self.asst = e(ambito=self.ambito, tipo=Ente.Tipo.ASST, nome=pr.asst)
        self.consultori = [e(ambito=self.ambito, tipo=Ente.Tipo.ASST, nome=f"Consultorio familiare di {n}", parent=self.asst)
                           for n in pr.consultori]
        e(ambito=self.ambito, tipo=Ente.Tipo.ATS, nome=pr.ats)
        self.ets = e(ambito=self.ambito, tipo=Ente.Tipo.ETS, nome=pr.ets)
        self.schools = [e(ambito=self.ambito, tipo=Ente.Tipo.SCUOLA, nome=n) for n in pr.schools]
        self.tutela = e(ambito=self.ambito, tipo=Ente.Tipo.ALTRO, nome="Servizio Tutela Minori d'Ambito")
        self.pediatria = e(ambito=self.ambito, tipo=Ente.Tipo.ALTRO, nome="Pediatria di libera scelta")

        capofila, second = self.comuni[pr.capofila], self.comuni[pr.second_comune]
        ente_for = {"rt": capofila, "amministrativo": capofila, "coach": self.ets,
                    "casemanager": capofila, "educatore": self.ets, "psicologo": self.consultori[0],
                    "insegnante": self.schools[0], "tutor": capofila, "ets": self.ets,
                    "volontario": None, "casemanager2": second, "educatore2": self.ets,
                    "genitore": None}
        self.users: dict[str, User] = {}
        for key, (first, last, role, professione) in pr.users.items():
            username = key + pr.suffix
            user = User.objects.create_user(username=username, password=self.password, first_name=first,
                                            last_name=last, email=f"{username}@demo.trama.invalid")
            Membership.objects.create(user=user, ambito=self.ambito, ente=ente_for[key], role=role,
                                      professione=professione)
            self.users[key] = user
        if not pr.suffix:
            admin = User.objects.create_superuser(username="admin", password=self.password, first_name="Amministratore",
                                                  last_name="di sistema", email="admin@demo.trama.invalid")
            self.users["admin"] = admin

        u = self.users
        self.equipe1 = Equipe.objects.create(ambito=self.ambito, nome=pr.equipe_names[0],
                                             case_manager=u["casemanager"], coach=u["coach"])
        for username, prof, ente in (("casemanager", Professione.ASSISTENTE_SOCIALE, capofila),
                                     ("educatore", Professione.EDUCATORE, self.ets),
                                     ("psicologo", Professione.PSICOLOGO, self.consultori[0]),
                                     ("insegnante", Professione.INSEGNANTE, self.schools[0])):
            EquipeMember.objects.create(equipe=self.equipe1, user=u[username], professione=prof, ente=ente)
        self.equipe2 = Equipe.objects.create(ambito=self.ambito, nome=pr.equipe_names[1],
                                             case_manager=u["casemanager2"], coach=u["coach"])
        for username, prof, ente in (("casemanager2", Professione.ASSISTENTE_SOCIALE, second),
                                     ("educatore2", Professione.EDUCATORE, self.ets)):
            EquipeMember.objects.create(equipe=self.equipe2, user=u[username], professione=prof, ente=ente)

    def build_cohorts(self, n_families: int) -> None:
        # The current cohort started eight months ago: its T1 falls in a month or two, so nothing of its families is
        # overdue on the day the demo is built.
        current = add_months(self.anchor.replace(day=1), -8)
        self.cohorts = [Implementazione.objects.create(ambito=self.ambito, nome="Seconda implementazione",
                                                       data_inizio=current, famiglie_target=10)]
        if n_families > 10:
            self.cohorts.insert(0, Implementazione.objects.create(
                ambito=self.ambito, nome="Prima implementazione", data_inizio=add_months(current, -18), famiglie_target=10))
            self.cohorts.append(Implementazione.objects.create(
                ambito=self.ambito, nome="Terza implementazione", data_inizio=add_months(current, 8), famiglie_target=10))

    # --- people ---------------------------------------------------------------------------------
    def _cf(self, cognome: str, nome: str, sesso: str, born: date, place: str) -> str:
        cf = codicefiscale.encode(lastname=cognome, firstname=nome, gender=sesso, birthdate=born.strftime("%d/%m/%Y"),
                                  birthplace=place)
        if cf in self.used_cf:
            return ""  # a homonym born the same day: leave it out rather than invent an omocode
        self.used_cf.add(cf)
        return cf

    def _birth(self, min_age: int, max_age: int) -> date:
        days = self.rng.randint(min_age * 365 + 30, max_age * 365 + 300)
        return self.anchor - timedelta(days=days)

    def _people(self, comune: str) -> tuple[str, list[dict]]:
        rng = self.rng
        migrant = rng.random() < 0.6
        if migrant:
            country, citizenship, langs, f_names, m_names, surnames = rng.choice(ORIGINS)
            surname = rng.choice(surnames)
            first_f, first_m = (lambda: rng.choice(f_names)), (lambda: rng.choice(m_names))
        else:
            country, citizenship, langs = "", "Italiana", "italiano"
            surname = self.fake.last_name()
            first_f, first_m = self.fake.first_name_female, self.fake.first_name_male
        people = []
        mother_born = self._birth(24, 44)
        people.append({"cognome": surname, "nome": first_f(), "sesso": "F", "ruolo": Person.Ruolo.MADRE,
                       "data_nascita": mother_born, "place": country or comune, "cittadinanza": citizenship,
                       "lingue": langs, "mediazione_culturale": migrant and rng.random() < 0.5, "partecipa_equipe": True})
        if rng.random() < 0.7:
            people.append({"cognome": surname, "nome": first_m(), "sesso": "M", "ruolo": Person.Ruolo.PADRE,
                           "data_nascita": self._birth(26, 50), "place": country or comune, "cittadinanza": citizenship,
                           "lingue": langs, "mediazione_culturale": False, "partecipa_equipe": rng.random() < 0.6})
        n_children = rng.choice([1, 2, 2, 3])
        for i in range(n_children):
            older = i == 0 and rng.random() < 0.2  # about a fifth of families have an 11-14 target child
            born = self._birth(11, 13) if older else self._birth(0, 10)
            sex = rng.choice("FM")
            people.append({"cognome": surname, "nome": first_f() if sex == "F" else first_m(), "sesso": sex,
                           "ruolo": Person.Ruolo.MINORE, "data_nascita": born,
                           "place": comune if rng.random() < 0.8 else (country or comune),
                           "cittadinanza": "Italiana" if not migrant else citizenship, "lingue": langs,
                           "mediazione_culturale": False, "partecipa_equipe": False, "target": i == 0 or rng.random() < 0.5})
        return surname, people

    # --- families -------------------------------------------------------------------------------
    def build_families(self, n_families: int) -> int:
        u = self.users
        for index in range(n_families):
            equipe = self.equipe1 if index % 2 == 0 else self.equipe2
            pool = list(self.profile.equipe_comuni[0 if equipe is self.equipe1 else 1])
            comune = self.rng.choice(pool)
            if n_families <= 10 or index < 10:
                state = DEMO_STATES[index % len(DEMO_STATES)]
                cohort = self.cohorts[-1] if n_families <= 10 else self.cohorts[1]
            else:
                cohort = self.rng.choice(self.cohorts)
                state = self._state_for(cohort)
            # The last family (the tutor's report) is the one meant to be late: reported 45 days ago, its
            # pre-assessment is due since 15 days ("Scaduto" on the RT's and the tutor's desk).
            self._family(index, equipe, comune, state, cohort, late=index == n_families - 1)
        # The tutor territoriale reported the last family; the first family's mother has the portal login.
        Family.objects.filter(pk=self.last_family_pk).update(segnalata_da=u["tutor"], equipe=None)
        return n_families

    def _state_for(self, cohort: Implementazione) -> str:
        elapsed = (self.anchor - cohort.data_inizio).days / 30.4
        if elapsed < 0:
            return self.rng.choice([Stato.SEGNALATA, Stato.PREASSESSMENT])
        if elapsed > cohort.durata_mesi + 1:
            return self.rng.choice([Stato.CHIUSA] * 9 + [Stato.NON_INCLUSA])
        if self.rng.random() < 0.1:
            return Stato.NON_INCLUSA
        position = min(int(elapsed / cohort.durata_mesi * 6) + 2, 7)
        return PATH[max(2, min(position + self.rng.choice([-1, 0, 0]), 7))]

    def _family(self, index: int, equipe: Equipe, comune: str, state: str, cohort: Implementazione,
                late: bool = False) -> None:
        rng = self.rng
        surname, people = self._people(comune)
        if late and state == Stato.SEGNALATA:
            start = self.anchor - timedelta(days=45)
        elif state == Stato.SEGNALATA:
            start = self.anchor - timedelta(days=rng.randint(2, 12))
        elif state in (Stato.PREASSESSMENT, Stato.NON_INCLUSA):
            start = self.anchor - timedelta(days=rng.randint(5, 20))
        else:
            start = cohort.data_inizio - timedelta(days=rng.randint(20, 60))
        family = Family.objects.create(
            ambito=self.ambito, codice=f"{self.ambito.codice}-{index + 1:05d}", nome=f"Famiglia {surname}",
            comune=self.comuni[comune], servizio_riferimento=self.comuni[comune],
            ente_segnalante=rng.choice([self.comuni[comune], self.consultori[0], self.schools[0], self.pediatria]),
            equipe=equipe,
            implementazione=None if state in (Stato.SEGNALATA, Stato.PREASSESSMENT, Stato.NON_INCLUSA) else cohort,
            data_segnalazione=start,
            motivo_segnalazione=rng.choice([
                "Difficoltà nella cura quotidiana dei bambini e isolamento della madre dopo la nascita dell'ultimo figlio.",
                "Frequenza scolastica irregolare del figlio maggiore; i genitori chiedono aiuto per l'organizzazione familiare.",
                "Condizione economica fragile e abitazione inadeguata; la famiglia ha fiducia nel servizio sociale.",
                "Rientro in famiglia del bambino dopo un periodo in comunità: accompagnare la riunificazione.",
            ]),
            riunificazione=rng.random() < 0.2, stato=state, segnalata_da=self.users[
                "casemanager" if equipe is self.equipe1 else "casemanager2"],
        )
        persons = []
        for data in people:
            place = data.pop("place")
            data.setdefault("target", False)
            cf = "" if (place != comune and rng.random() < 0.15) else self._cf(
                data["cognome"], data["nome"], data["sesso"], data["data_nascita"], place)
            persons.append(Person.objects.create(family=family, ambito=self.ambito, codice_fiscale=cf, **data))
        if index == 0:
            mother = persons[0]
            parent_user = self.users["genitore"]
            parent_user.first_name, parent_user.last_name = mother.nome, mother.cognome
            parent_user.save()
            mother.user = parent_user
            mother.save()
        self._replay_path(family, state, start, cohort, persons[0])
        self.last_family_pk = family.pk

    def _replay_path(self, family: Family, state: str, start: date, cohort: Implementazione, mother: Person) -> None:
        rng = self.rng
        by = family.equipe.case_manager if family.equipe else self.users["rt"]
        if state == Stato.NON_INCLUSA:
            steps = [Stato.SEGNALATA, Stato.PREASSESSMENT, Stato.NON_INCLUSA]
        else:
            steps = PATH[: PATH.index(state) + 1]
        milestones = {
            Stato.SEGNALATA: start, Stato.PREASSESSMENT: start + timedelta(days=rng.randint(3, 10)),
            Stato.INCLUSA: cohort.data_inizio - timedelta(days=rng.randint(1, 10)),
            Stato.NON_INCLUSA: start + timedelta(days=rng.randint(12, 20)),
            Stato.ASSESSMENT_T0: cohort.data_inizio + timedelta(days=rng.randint(0, 10)),
            Stato.PROGETTAZIONE: cohort.data_inizio + timedelta(days=rng.randint(40, 60)),
            Stato.IN_CORSO: cohort.data_inizio + timedelta(days=rng.randint(70, 90)),
            Stato.T1: cohort.data_t1 + timedelta(days=rng.randint(-10, 10)),
            Stato.T2: cohort.data_fine - timedelta(days=rng.randint(5, 20)),
            Stato.CHIUSA: cohort.data_fine + timedelta(days=rng.randint(5, 30)),
        }
        if state in DATED_BY_STATE and state != Stato.SEGNALATA:
            # The family entered its current step a few days ago: its next step is due ahead, not in the past.
            milestones[state] = max(milestones[state], self.anchor - timedelta(days=rng.randint(2, 12)))
        previous = ""
        last_at = None
        for step in steps:
            day = min(milestones[step], self.anchor)
            at = timezone.make_aware(datetime.combine(day, time(10, rng.randint(0, 59))))
            outcome = ""
            reason = ""
            if step == Stato.CHIUSA:
                outcome = rng.choice([EsitoChiusura.PROSEGUE] * 5 + [EsitoChiusura.CONCLUSA] * 3
                                     + [EsitoChiusura.ALLONTANAMENTO, EsitoChiusura.TRASFERITA])
                reason = "Chiusura concordata con la famiglia al termine dell'implementazione."
            if step == Stato.NON_INCLUSA:
                reason = "Situazione di grave maltrattamento: presa in carico dal Servizio Tutela Minori."
            PathEvent.objects.create(family=family, from_state=previous, to_state=step, at=at, by=by,
                                     motivazione=reason, esito_chiusura=outcome)
            if step == Stato.INCLUSA:
                for finalita in (Consent.Finalita.TRATTAMENTO, Consent.Finalita.PARTECIPAZIONE):
                    Consent.objects.create(family=family, person=mother, finalita=finalita, data=day, registrato_da=by)
            self._assessments_for_step(family, step, day, at, by)
            self._plans_for_step(family, step, state, day, by)
            previous, last_at = step, at
        closed = state == Stato.CHIUSA
        Family.objects.filter(pk=family.pk).update(
            stato_dal=last_at, esito_chiusura=outcome if closed else "",
            chiusura_continuita="Colloqui mensili con l'assistente sociale e frequenza del centro per la famiglia."
            if closed and outcome == EsitoChiusura.PROSEGUE else "")


    # --- plans ----------------------------------------------------------------------------------
    def _plans_for_step(self, family: Family, step: str, state: str, day: date, by) -> None:
        """The Progetto Quadro: drafted in progettazione, agreed before the intervention, reviewed at T1 and T2."""
        if family.equipe_id is None:
            return
        if step == Stato.PROGETTAZIONE and state == Stato.PROGETTAZIONE:
            add_demo_plans(family, by, self.rng, on=day, agreed=False)
        elif step == Stato.IN_CORSO:
            add_demo_plans(family, by, self.rng, on=day)
        elif step in (Stato.T2, Stato.CHIUSA):
            # Reviews happen at the T they close: the T1 review when moving on to T2, the T2 one at closure.
            add_demo_review(family, by, self.rng, momento="T1" if step == Stato.T2 else "T2", on=day)

    def progress_plan_actions(self) -> None:
        """Actions whose time has passed were mostly done; those under way are in progress."""
        done, not_done, running = [], [], []
        for pk, start, end in (Azione.objects.filter(risultato__progetto__family__ambito=self.ambito,
                                                     risultato__progetto__stato="concordato")
                               .order_by("pk").values_list("pk", "data_inizio", "data_fine")):
            if end and end < self.anchor:
                (done if self.rng.random() < 0.8 else not_done).append(pk)
            elif start and start <= self.anchor:
                running.append(pk)
        Azione.objects.filter(pk__in=done).update(stato=Azione.StatoAzione.SVOLTA)
        Azione.objects.filter(pk__in=not_done).update(stato=Azione.StatoAzione.NON_SVOLTA)
        Azione.objects.filter(pk__in=running).update(stato=Azione.StatoAzione.IN_CORSO)

    # --- assessments ----------------------------------------------------------------------------
    def _assessments_for_step(self, family: Family, step: str, day: date, at, by) -> None:
        """The records a step needs: the pre-assessment before the decision, Il Mondo del Bambino before
        progettazione (T0) and at T1 and T2, with the family's own view beside the équipe's."""
        if step in (Stato.INCLUSA, Stato.NON_INCLUSA):
            esito = "inclusa" if step == Stato.INCLUSA else "non_inclusa"
            values = {"fasce_eta": ["0_3", "4_6"], "vulnerabilita": "negligenza" if esito == "inclusa" else "maltrattamento",
                      "orientamento": "casa", "fiducia": 3, "esito": esito,
                      "motivazione": "La famiglia rientra nei criteri del programma e si fida del servizio."
                      if esito == "inclusa" else "Situazione di grave maltrattamento: non è target del programma."}
            self._response(family, "preassessment", "data", "operatore", None, day, at, by, values)
        time_point = {Stato.PROGETTAZIONE: "T0", Stato.T2: "T1", Stato.CHIUSA: "T2"}.get(step)
        if time_point is None:
            return
        for child in family.persone.filter(target=True):
            base = self._child_base.setdefault(child.pk, self.rng.randint(2, 3))
            gain = {"T0": 0, "T1": 1, "T2": 2}[time_point]
            mdb = self.instruments["mondo_del_bambino"].parsed
            values = {i.code: min(6, max(1, base + gain + self.rng.choice([-1, 0, 0, 1]))) for i in mdb.items}
            notes = {i.code: "" for i in mdb.items}
            notes["casa"] = "Abitazione piccola; la famiglia cerca una casa popolare."
            self._response(family, "mondo_del_bambino", time_point, "operatore", child, day, at, by, values, notes)
            family_view = {code: min(6, v + self.rng.choice([0, 1])) for code, v in values.items()}
            self._response(family, "mondo_del_bambino", time_point, "famiglia", child, day, at, by, family_view)

    def _response(self, family, code, time_point, perspective, person, day, at, by, values, notes=None) -> None:
        version = self.instruments[code]
        response = Response.objects.create(
            instrument_version=version, family=family, person=person, time_point=time_point, date=day,
            perspective=perspective, status=Response.Status.SUBMITTED, created_by=by, submitted_by=by, submitted_at=at)
        answers = []
        for item in version.parsed.items:
            value = values.get(item.code)
            if value is None:
                continue
            answer = Answer(response=response, item_code=item.code, note=(notes or {}).get(item.code, ""))
            if item.type == "scale":
                answer.number = Decimal(value)
            elif item.type == "multiple":
                answer.choices = value
            else:
                answer.text = str(value)
            answers.append(answer)
        Answer.objects.bulk_create(answers)
        response.scores = compute_scores(response)
        response.save(update_fields=["scores"])


SECOND_AMBITO_FAMILIES = 6


def build_demo(*, families: int, seed: int, anchor: date, password: str, second_ambito: bool = True) -> DemoResult:
    """The Seregno ambito with everything to try, and a second, smaller ambito modelled on seed 001 (Melzo) with
    its own users and families: one installation, two ambiti that never see each other (the region of the
    benchmark, `bench/region.py`, builds its own ambiti instead of the second)."""
    builder = DemoBuilder(seed=seed, anchor=anchor, password=password)
    second = DemoBuilder(seed=seed + 1000, anchor=anchor, password=password, profile=MELZO)
    with transaction.atomic(), disable_auditlog():
        builder.build_organisation()
        builder.build_cohorts(families)
        count = builder.build_families(families)
        builder.progress_plan_actions()
        add_demo_network(builder.ambito, builder.users, builder.rng, builder.anchor)
        add_demo_portal(builder)
        add_demo_family_version(builder.users["genitore"])
        add_demo_interventions(builder)
        add_demo_school(builder)
        add_demo_vicinanza(builder)
        add_demo_territorio(builder)
        add_demo_governance(builder)
        add_demo_duplicates(builder)
        if not second_ambito:
            return DemoResult(ambito=builder.ambito, families=count, users=[*DEMO_USERS, "admin"])
        second.used_cf = builder.used_cf  # no two demo people share a codice fiscale, whatever their ambito
        second.build_organisation()
        second.build_cohorts(SECOND_AMBITO_FAMILIES)
        second.build_families(SECOND_AMBITO_FAMILIES)
        second.progress_plan_actions()
        add_demo_portal(second)
        add_demo_territorio(second)
    return DemoResult(ambito=builder.ambito, families=count, users=[*DEMO_USERS, "admin"],
                      second_ambito=second.ambito, second_users=[u + MELZO.suffix for u in MELZO_USERS])
