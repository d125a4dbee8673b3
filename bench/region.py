"""A whole region of synthetic data, fast: `manage.py seed_demo --families 100000` (or `--region`).

The small demo (core/demo.py) writes object by object through the services; at regional scale that
would take hours. Here every row is generated in Python with explicit primary keys and written in
batches: COPY on PostgreSQL, executemany elsewhere (SQLite, for the tests). No signals, no audit log
(as in the demo), no model validation: the generator only produces valid rows (valid-format codici
fiscali, unique within the ambito; states reached through the path's real steps).

The region: the Seregno demo of `make run` (its users and ten families), then ambiti of about 1,100
families each (Lombardy-like names), each with ten équipe, six cohorts over three years, about two
persons per family, the path events, the pre-assessment and Il Mondo del Bambino at T0/T1/T2 with
answers, Progetti Quadro with outcomes, actions, agreements and reviews, assignments, weekly visits
with their hours (millions of rows at 100,000 families), parents' groups with their meetings and
attendance, and a budget per ambito.

Deterministic: the same --families, --seed and --anchor give the same rows (each ambito has its own
generator seeded from the seed and the ambito's number).

Bench users (password: the demo password): `<code>-rt`, `<code>-amm`, `<code>-coach`, and per équipe
`<code>-cm01`..`-cm10` (case managers) and `<code>-ed01`..`-ed10` (educators), `<code>-psi1`..`-psi5`;
codes are lom01, lom02...
"""

import json
import math
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from auditlog.context import disable_auditlog
from codicefiscale import codicefiscale as cf
from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from accounts.models import User
from assessments.models import Answer, Response
from assessments.selectors import current_instrument_version
from core.demo import ORIGINS, PATH, build_demo
from families.models import Consent, EsitoChiusura, Family, PathEvent, Person, Stato
from interventions.models import (
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
from plans.demo import GOALS, SUPPORT_FAMILIES
from plans.models import Accordo, Azione, EsitoVerifica, ProgettoQuadro, RisultatoAtteso, Verifica

# `seed_demo --families N` builds a region from this many families up (below: the Seregno demo).
REGION_THRESHOLD = 1000
FAMILIES_PER_AMBITO = 1100
EQUIPE_PER_AMBITO = 10
DEMO_FAMILIES = 10  # the Seregno demo inside the region, for the `make run` users
BATCH = 20_000

TOWNS = [
    "Bergamo", "Brescia", "Como", "Cremona", "Lecco", "Lodi", "Mantova", "Monza", "Pavia", "Sondrio", "Varese",
    "Busto Arsizio", "Gallarate", "Saronno", "Legnano", "Rho", "Garbagnate Milanese", "Sesto San Giovanni",
    "Cinisello Balsamo", "Cologno Monzese", "Desio", "Carate Brianza", "Vimercate", "Merate", "Cantù", "Erba",
    "Olgiate Comasco", "Treviglio", "Dalmine", "Seriate", "Romano di Lombardia", "Chiari", "Rovato",
    "Desenzano del Garda", "Salò", "Lumezzane", "Crema", "Casalmaggiore", "Vigevano", "Voghera",
    "Abbiategrasso", "Magenta", "Corsico", "Rozzano", "San Donato Milanese", "Melegnano", "Codogno",
    "Castiglione delle Stiviere", "Suzzara", "Viadana", "Ostiglia", "Chiavenna", "Morbegno", "Tirano", "Bormio",
    "Luino", "Tradate", "Sesto Calende", "Arcisate", "Castellanza", "Cassano Magnago", "Parabiago", "Bollate",
    "Paderno Dugnano", "Cernusco sul Naviglio", "Pioltello", "Segrate", "Peschiera Borromeo", "Binasco",
    "Mortara", "Stradella", "Broni", "Casteggio", "Lecco Nord", "Bellano", "Calolziocorte", "Oggiono",
    "Lomazzo", "Mariano Comense", "Menaggio", "Dongo", "Clusone", "Zogno", "Lovere", "Sarnico", "Grumello",
    "Ghedi", "Leno", "Manerbio", "Orzinuovi", "Gardone Val Trompia", "Breno", "Edolo",
]
SURNAMES = ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco",
            "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti",
            "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso", "Ferrara", "Galli", "Martini",
            "Leone", "Longo", "Gentile", "Martinelli", "Vitale", "Lombardo", "Serra", "Coppola", "De Santis",
            "Brambilla", "Fumagalli", "Sala", "Villa", "Cattaneo", "Pozzi", "Riva", "Meroni", "Longoni", "Mauri"]
FEMALE = ["Giulia", "Francesca", "Sara", "Martina", "Chiara", "Valentina", "Alessia", "Silvia", "Elisa", "Federica",
          "Laura", "Paola", "Anna", "Roberta", "Simona", "Elena", "Sofia", "Aurora", "Alice", "Ginevra", "Emma",
          "Giorgia", "Beatrice", "Greta", "Noemi", "Camilla"]
MALE = ["Marco", "Luca", "Andrea", "Matteo", "Alessandro", "Davide", "Simone", "Federico", "Stefano", "Paolo",
        "Giuseppe", "Francesco", "Roberto", "Massimo", "Daniele", "Leonardo", "Lorenzo", "Tommaso", "Riccardo",
        "Edoardo", "Gabriele", "Pietro", "Filippo", "Samuele", "Diego", "Nicolò"]
MOTIVI = [
    "Difficoltà nella cura quotidiana dei bambini e isolamento della madre dopo la nascita dell'ultimo figlio.",
    "Frequenza scolastica irregolare del figlio maggiore; i genitori chiedono aiuto per l'organizzazione familiare.",
    "Condizione economica fragile e abitazione inadeguata; la famiglia ha fiducia nel servizio sociale.",
    "Rientro in famiglia del bambino dopo un periodo in comunità: accompagnare la riunificazione.",
]
SLOTS = [(time(9, 0), time(11, 0), 120), (time(11, 0), time(13, 0), 120), (time(14, 30), time(17, 0), 150),
         (time(17, 0), time(19, 0), 120), (time(15, 0), time(16, 0), 60)]
ACTIVITIES = [
    "Compiti insieme e preparazione dello zaino per il giorno dopo.",
    "Routine della sera: cena, bagno e lettura della storia con la mamma.",
    "Accompagnamento al parco e al centro sportivo del quartiere.",
    "Colloquio con la mamma sul calendario della settimana.",
    "Gioco libero con i bambini e osservazione della relazione con il papà.",
    "Accompagnamento alla biblioteca comunale per l'iscrizione.",
]
PSY_ACTIVITIES = ["Colloquio di sostegno con la madre.", "Colloquio con i genitori sulla relazione con i figli.",
                  "Incontro con il bambino e la madre: gioco e osservazione."]
MONTH_LETTERS = "ABCDEHLMPRST"
BIRTHPLACES = ["Milano", "Bergamo", "Brescia", "Monza", "Como", "Varese", "Lecco", "Pavia", "Cremona", "Lodi"]


@dataclass
class RegionResult:
    ambiti: int
    families: int
    users: int
    rows: dict[str, int]


# --- writing rows -------------------------------------------------------------------------------

class Writer:
    """Buffers rows (dicts keyed by attname) per model and writes them in batches, with explicit pks."""

    def __init__(self, now: datetime):
        self.now = now
        self.pg = connection.vendor == "postgresql"
        self.buffers: dict[type[models.Model], list[tuple]] = {}
        self.specs: dict[type[models.Model], tuple] = {}
        self.next_ids: dict[type[models.Model], int] = {}
        self.counts: dict[str, int] = {}

    def _spec(self, model):
        spec = self.specs.get(model)
        if spec is None:
            fields = [f for f in model._meta.concrete_fields]
            defaults = []
            for f in fields:
                if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                    defaults.append(self.now)
                elif f.primary_key:
                    defaults.append(None)
                else:
                    defaults.append(f.get_default())
            if self.pg:
                converters = [(lambda v: None if v is None else json.dumps(v)) if isinstance(f, models.JSONField)
                              else None for f in fields]
            else:
                converters = [(lambda v, f=f: f.get_db_prep_save(v, connection)) for f in fields]
            spec = ([f.attname for f in fields], [f.column for f in fields], defaults, converters)
            self.specs[model] = spec
        return spec

    def new_id(self, model) -> int:
        if model not in self.next_ids:
            self.next_ids[model] = (model.objects.aggregate(m=models.Max("pk"))["m"] or 0) + 1
        pk = self.next_ids[model]
        self.next_ids[model] = pk + 1
        return pk

    def add(self, model, **values) -> int:
        """Queue one row; returns its primary key (allocated here unless given)."""
        attnames, _columns, defaults, converters = self._spec(model)
        if "id" not in values:
            values["id"] = self.new_id(model)
        row = tuple(values.get(a, d) if a in values else d for a, d in zip(attnames, defaults, strict=True))
        if any(converters):
            row = tuple(c(v) if c else v for c, v in zip(converters, row, strict=True))
        buffer = self.buffers.setdefault(model, [])
        buffer.append(row)
        if len(buffer) >= BATCH:
            self.flush(model)
        return values["id"]

    def flush(self, model=None) -> None:
        for m in [model] if model else list(self.buffers):
            rows = self.buffers.get(m)
            if not rows:
                continue
            _attnames, columns, _d, _c = self._spec(m)
            table = connection.ops.quote_name(m._meta.db_table)
            cols = ", ".join(connection.ops.quote_name(c) for c in columns)
            with connection.cursor() as cursor:
                if self.pg:
                    raw = cursor.cursor
                    with raw.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:  # noqa: S608 - model metadata
                        for row in rows:
                            copy.write_row(row)
                else:
                    marks = ", ".join(["%s"] * len(columns))
                    cursor.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks})", rows)  # noqa: S608
            self.counts[m._meta.label] = self.counts.get(m._meta.label, 0) + len(rows)
            rows.clear()

    def finish(self) -> None:
        self.flush()
        if self.pg:
            sql = connection.ops.sequence_reset_sql(no_style(), list(self.next_ids))
            with connection.cursor() as cursor:
                for statement in sql:
                    cursor.execute(statement)


# --- codici fiscali -----------------------------------------------------------------------------

class CodiceFiscale:
    """Valid-format codici fiscali, fast (the library's encode() takes about a millisecond)."""

    def __init__(self):
        self.cf = cf
        self.parts: dict[tuple[str, str], str] = {}

    def _part(self, kind: str, text: str) -> str:
        key = (kind, text)
        if key not in self.parts:
            if kind == "l":
                self.parts[key] = self.cf.encode_lastname(text)
            elif kind == "f":
                self.parts[key] = self.cf.encode_firstname(text)
            else:
                self.parts[key] = self.cf.encode_birthplace(text)
        return self.parts[key]

    def encode(self, cognome: str, nome: str, sesso: str, born: date, place: str) -> str:
        day = born.day + (40 if sesso == "F" else 0)
        code = (f"{self._part('l', cognome)}{self._part('f', nome)}{born.year % 100:02d}"
                f"{MONTH_LETTERS[born.month - 1]}{day:02d}{self._part('p', place)}")
        return code + self.cf.encode_cin(code)


# --- the region ---------------------------------------------------------------------------------

def build_region(*, families: int, seed: int, anchor: date, password: str,
                 progress: Callable[[str], None] | None = None) -> RegionResult:
    """The Seregno demo plus enough ambiti of about 1,100 families to reach `families` in all."""
    say = progress or (lambda message: None)
    demo_families = min(DEMO_FAMILIES, families)
    build_demo(families=demo_families, seed=seed, anchor=anchor, password=password, second_ambito=False)
    rest = families - demo_families
    n_ambiti = math.ceil(rest / FAMILIES_PER_AMBITO) if rest > 0 else 0
    sizes = [rest // n_ambiti + (1 if k < rest % n_ambiti else 0) for k in range(n_ambiti)] if n_ambiti else []
    now = timezone.now()
    writer = Writer(now)
    context = RegionContext(writer=writer, anchor=anchor, password_hash=make_password(password),
                            cf=CodiceFiscale())
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO OFF")
    with disable_auditlog():
        for k, size in enumerate(sizes):
            with transaction.atomic():
                AmbitoBuilder(context, k, size, random.Random(f"trama-region-{seed}-{k}")).build()  # noqa: S311
                writer.flush()
            if (k + 1) % 5 == 0 or k + 1 == n_ambiti:
                say(f"  {k + 1}/{n_ambiti} ambiti, {sum(sizes[:k + 1])} famiglie")
        with transaction.atomic():
            writer.finish()
    region_officer(password_hash=context.password_hash)
    if connection.vendor == "postgresql":
        # Fresh statistics for the planner; VACUUM also sets the visibility map that index-only scans
        # need (not possible inside a transaction, as in the tests).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
    return RegionResult(ambiti=n_ambiti + 1, families=families, users=User.objects.count(), rows=writer.counts)


def region_officer(*, password_hash: str) -> User:
    """`regione`, the region's officer: Ufficio di Piano in every ambito, so that the semi-annual report of the
    whole region is theirs to ask for (figures only: the role sees no family record). Idempotent."""
    officer, _created = User.objects.get_or_create(username="regione", defaults={
        "password": password_hash, "first_name": "Ufficio", "last_name": "Regionale",
        "email": "regione@bench.trama.invalid"})
    have = set(Membership.objects.filter(user=officer, role=Role.AMMINISTRATIVO).values_list("ambito_id", flat=True))
    Membership.objects.bulk_create([Membership(user=officer, ambito_id=pk, role=Role.AMMINISTRATIVO)
                                    for pk in Ambito.objects.exclude(pk__in=have).values_list("pk", flat=True)])
    return officer


@dataclass
class RegionContext:
    writer: Writer
    anchor: date
    password_hash: str
    cf: CodiceFiscale

    def __post_init__(self):
        self.mdb = current_instrument_version("mondo_del_bambino")
        self.pre = current_instrument_version("preassessment")
        self.mdb_items = [i.code for i in self.mdb.parsed.items]
        self.mdb_sections = [(s.code, [i.code for i in s.items if i.type == "scale"], s.score)
                             for s in self.mdb.parsed.sections if s.score != "none"]


class AmbitoBuilder:
    def __init__(self, ctx: RegionContext, index: int, size: int, rng: random.Random):
        self.ctx, self.w, self.rng, self.size = ctx, ctx.writer, rng, size
        self.index = index
        self.anchor = ctx.anchor
        self.code = f"lom{index + 1:02d}"
        town = TOWNS[index % len(TOWNS)]
        self.town = town if index < len(TOWNS) else f"{town} {index // len(TOWNS) + 1}"
        self.used_cf: set[str] = set()

    def at(self, day: date, hour: int = 10) -> datetime:
        return timezone.make_aware(datetime.combine(day, time(hour, self.rng.randint(0, 59))))

    # --- organisation ---
    def build(self) -> None:
        w = self.w
        self.ambito = w.add(Ambito, codice=self.code.upper(), nome=f"Ambito Territoriale di {self.town}")
        towns = [self.town] + [f"{self.town} {suffix}" for suffix in ("Nord", "Sud", "Est", "Ovest", "Centro")]
        self.comuni = [w.add(Ente, ambito_id=self.ambito, tipo=Ente.Tipo.COMUNE, nome=f"Comune di {t}")
                       for t in towns]
        self.capofila = self.comuni[0]
        self.ets = w.add(Ente, ambito_id=self.ambito, tipo=Ente.Tipo.ETS, nome=f"Cooperativa sociale {self.town}")
        self.asst = w.add(Ente, ambito_id=self.ambito, tipo=Ente.Tipo.ASST, nome=f"Consultorio familiare di {self.town}")
        self.school = w.add(Ente, ambito_id=self.ambito, tipo=Ente.Tipo.SCUOLA, nome=f"Istituto Comprensivo {self.town}")
        self.users: dict[str, int] = {}
        self.user("rt", Role.RT, self.capofila, "Referente", "Territoriale")
        self.user("amm", Role.AMMINISTRATIVO, self.capofila, "Ufficio", "di Piano")
        coach = self.user("coach", Role.COACH, self.ets, "Coach", self.town, Professione.PEDAGOGISTA)
        self.equipe: list[dict] = []
        psychologists = [self.user(f"psi{i + 1}", Role.OPERATORE, self.asst, "Psicologo", str(i + 1),
                                   Professione.PSICOLOGO) for i in range((EQUIPE_PER_AMBITO + 1) // 2)]
        for j in range(EQUIPE_PER_AMBITO):
            comune = self.comuni[j % len(self.comuni)]
            cm = self.user(f"cm{j + 1:02d}", Role.CASE_MANAGER, comune, "Case manager", f"{j + 1:02d}",
                           Professione.ASSISTENTE_SOCIALE)
            ed = self.user(f"ed{j + 1:02d}", Role.OPERATORE, self.ets, "Educatore", f"{j + 1:02d}",
                           Professione.EDUCATORE)
            psi = psychologists[j // 2]
            pk = self.w.add(Equipe, ambito_id=self.ambito, nome=f"Équipe {j + 1:02d} – {self.town}",
                            case_manager_id=cm, coach_id=coach)
            for user, prof, ente in ((cm, Professione.ASSISTENTE_SOCIALE, comune), (ed, Professione.EDUCATORE, self.ets),
                                     (psi, Professione.PSICOLOGO, self.asst)):
                self.w.add(EquipeMember, equipe_id=pk, user_id=user, professione=prof, ente_id=ente)
            self.equipe.append({"pk": pk, "cm": cm, "ed": ed, "psi": psi, "comune": comune})
        # Ambito.capofila points to an ente: written with the ambito's row already queued, so patched after.
        self.w.flush()
        Ambito.objects.filter(pk=self.ambito).update(capofila_id=self.capofila)
        self.cohorts = self.build_cohorts()
        self.budget()
        self.group_parents: dict[int, list[tuple[int, int]]] = {}
        for i in range(self.size):
            self.family(i)
        self.groups()

    def user(self, suffix: str, role: str, ente: int, first: str, last: str, professione: str = "") -> int:
        username = f"{self.code}-{suffix}"
        pk = self.w.add(User, username=username, password=self.ctx.password_hash, first_name=first,
                        last_name=last, email=f"{username}@bench.trama.invalid", date_joined=self.w.now,
                        is_active=True)
        self.w.add(Membership, user_id=pk, ambito_id=self.ambito, ente_id=ente, role=role, professione=professione)
        self.users[suffix] = pk
        return pk

    def build_cohorts(self) -> list[dict]:
        """Six cohorts, one starting every six months over the last three years."""
        start = self.anchor.replace(day=1)
        cohorts = []
        for n in range(6):
            begin = add_months(start, -36 + 6 * n)
            pk = self.w.add(Implementazione, ambito_id=self.ambito, nome=f"Implementazione {begin:%Y-%m}",
                            data_inizio=begin, durata_mesi=18, famiglie_target=self.size // 6)
            cohorts.append({"pk": pk, "start": begin, "t1": add_months(begin, 9), "end": add_months(begin, 18)})
        return cohorts

    def budget(self) -> None:
        start = add_months(self.anchor.replace(day=1), -30)
        scale = max(1, self.size // 10)
        lines = ((Ruolo.EDUCATORE, 2600, "24.00"), (Ruolo.PSICOLOGO, 300, "30.00"), (Ruolo.PEDAGOGISTA, 50, "26.00"),
                 (Ruolo.MEDIATORE, 20, "21.00"))
        amount = sum(Decimal(h * scale) * Decimal(r) for _ruolo, h, r in lines)
        pk = self.w.add(Budget, ambito_id=self.ambito, nome=f"P.I.P.P.I. {self.town}", data_inizio=start,
                        data_fine=add_months(start, 36) - timedelta(days=1), importo=amount)
        for ruolo, hours, rate in lines:
            self.w.add(BudgetLine, budget_id=pk, ruolo=ruolo, ore_previste=Decimal(hours * scale),
                       costo_orario=Decimal(rate))

    # --- families ---
    def state_for(self, cohort: dict | None) -> str:
        rng = self.rng
        if cohort is None:
            return rng.choice([Stato.SEGNALATA, Stato.PREASSESSMENT, Stato.NON_INCLUSA])
        elapsed = (self.anchor - cohort["start"]).days / 30.4
        if elapsed > 19:
            return rng.choice([Stato.CHIUSA] * 19 + [Stato.T2])
        position = min(int(elapsed / 18 * 6) + 2, 7)
        return PATH[max(2, min(position + rng.choice([-1, 0, 0]), 7))]

    def family(self, i: int) -> None:
        rng, w = self.rng, self.w
        eq = self.equipe[i % len(self.equipe)]
        cohort = None if rng.random() < 0.08 else rng.choice(self.cohorts)
        state = self.state_for(cohort)
        comune = eq["comune"] if rng.random() < 0.7 else rng.choice(self.comuni)
        if cohort is None:
            start = self.anchor - timedelta(days=rng.randint(5, 60))
        else:
            start = cohort["start"] - timedelta(days=rng.randint(20, 60))
        migrant = rng.random() < 0.45
        if migrant:
            country, citizenship, langs, f_names, m_names, surnames = rng.choice(ORIGINS)
        else:
            country, citizenship, langs, f_names, m_names, surnames = "", "Italiana", "italiano", FEMALE, MALE, SURNAMES
        surname = rng.choice(surnames)
        family = w.new_id(Family)
        included = state not in (Stato.SEGNALATA, Stato.PREASSESSMENT, Stato.NON_INCLUSA)
        persons = self.persons(family, surname, start, migrant, (country, citizenship, langs, f_names, m_names))
        parent = persons[0]
        child = next((p for p in persons if p["target"]), None)
        steps = ([Stato.SEGNALATA, Stato.PREASSESSMENT, Stato.NON_INCLUSA] if state == Stato.NON_INCLUSA
                 else PATH[: PATH.index(state) + 1])
        milestones = self.milestones(start, cohort or {"start": start, "t1": start, "end": start})
        days = {step: min(milestones[step], self.anchor) for step in steps}
        outcome = ""
        if state == Stato.CHIUSA:
            outcome = rng.choice([EsitoChiusura.PROSEGUE] * 5 + [EsitoChiusura.CONCLUSA] * 3
                                 + [EsitoChiusura.ALLONTANAMENTO, EsitoChiusura.TRASFERITA])
        last_at = self.at(days[steps[-1]])
        w.add(Family, id=family, ambito_id=self.ambito, codice=f"{self.code.upper()}-{i + 1:05d}",
              nome=f"Famiglia {surname}", comune_id=comune, servizio_riferimento_id=comune,
              ente_segnalante_id=rng.choice([comune, self.asst, self.school]), equipe_id=eq["pk"],
              implementazione_id=cohort["pk"] if cohort and included else None, data_segnalazione=start,
              motivo_segnalazione=rng.choice(MOTIVI), riunificazione=rng.random() < 0.2, stato=state,
              stato_dal=last_at, esito_chiusura=outcome,
              chiusura_continuita="Colloqui mensili con l'assistente sociale." if outcome == EsitoChiusura.PROSEGUE
              else "", segnalata_da_id=eq["cm"], created_at=self.at(start), updated_at=last_at)
        self.path_events(family, eq, steps, days, last_at, outcome)
        self.records_along_the_path(family, eq, days, state, cohort, parent, child, persons, migrant)

    def persons(self, family: int, surname: str, start: date, migrant: bool, origin: tuple) -> list[dict]:
        """A parent and a target child for most families; some have both parents or a second child."""
        rng, w = self.rng, self.w
        country, citizenship, langs, f_names, m_names = origin
        people = [("madre" if rng.random() < 0.93 else "padre", 25, 48)]
        roll = rng.random()
        if roll < 0.08:
            people.append(("padre" if people[0][0] == "madre" else "madre", 27, 52))
        if 0.08 <= roll < 0.12:
            people.append(("minore", 3, 16))  # an older sibling, not a target of the programme
        people.append(("minore", 0, 12))
        persons = []
        for n, (ruolo, lo, hi) in enumerate(people):
            born = self.anchor - timedelta(days=rng.randint(lo * 365 + 30, hi * 365 + 300))
            sex = "F" if ruolo == "madre" else "M" if ruolo == "padre" else rng.choice("FM")
            nome = rng.choice(f_names if sex == "F" else m_names)
            place = rng.choice(BIRTHPLACES)
            if country and (ruolo != "minore" or rng.random() < 0.2):
                place = country
            cf = ""
            if rng.random() < 0.9:
                cf = self.ctx.cf.encode(surname, nome, sex, born, place)
                if cf in self.used_cf:
                    cf = ""
                else:
                    self.used_cf.add(cf)
            target = n == len(people) - 1  # the youngest child, under 13
            if ruolo == "minore" and not target and (self.anchor - born).days >= 17 * 365:
                ruolo = "figlio_adulto"
            pk = w.add(Person, family_id=family, ambito_id=self.ambito, cognome=surname, nome=nome, sesso=sex,
                       data_nascita=born, codice_fiscale=cf, cittadinanza=citizenship, lingue=langs,
                       mediazione_culturale=migrant and ruolo != "minore" and rng.random() < 0.4, ruolo=ruolo,
                       target=target, partecipa_equipe=ruolo != "minore", created_at=self.at(start))
            persons.append({"pk": pk, "ruolo": ruolo, "nome": nome, "target": target})
        return persons

    def milestones(self, start: date, c: dict) -> dict:
        """When the family reached each state (its cohort's calendar, or its own start without one)."""
        rng = self.rng
        return {
            Stato.SEGNALATA: start, Stato.PREASSESSMENT: start + timedelta(days=rng.randint(3, 10)),
            Stato.INCLUSA: c["start"] - timedelta(days=rng.randint(1, 10)),
            Stato.NON_INCLUSA: start + timedelta(days=rng.randint(12, 20)),
            Stato.ASSESSMENT_T0: c["start"] + timedelta(days=rng.randint(0, 10)),
            Stato.PROGETTAZIONE: c["start"] + timedelta(days=rng.randint(40, 60)),
            Stato.IN_CORSO: c["start"] + timedelta(days=rng.randint(70, 90)),
            Stato.T1: c["t1"] + timedelta(days=rng.randint(-10, 10)),
            Stato.T2: c["end"] - timedelta(days=rng.randint(5, 20)),
            Stato.CHIUSA: c["end"] + timedelta(days=rng.randint(5, 30)),
        }

    def path_events(self, family: int, eq: dict, steps: list, days: dict, last_at: datetime, outcome: str) -> None:
        w = self.w
        previous = ""
        for step in steps:
            at = last_at if step == steps[-1] else self.at(days[step])
            w.add(PathEvent, family_id=family, from_state=previous, to_state=step, at=at, by_id=eq["cm"],
                  motivazione="Chiusura concordata con la famiglia." if step == Stato.CHIUSA else
                  "Situazione di grave maltrattamento: presa in carico dalla Tutela Minori."
                  if step == Stato.NON_INCLUSA else "",
                  esito_chiusura=outcome if step == Stato.CHIUSA else "")
            previous = step

    def records_along_the_path(self, family: int, eq: dict, days: dict, state: str, cohort: dict | None,
                               parent: dict, child: dict | None, persons: list[dict], migrant: bool) -> None:
        """Pre-assessment, consents, assessments, plan, groups and visits of the steps the family reached."""
        rng, w = self.rng, self.w
        if Stato.INCLUSA in days or Stato.NON_INCLUSA in days:
            self.preassessment(family, eq, days.get(Stato.INCLUSA) or days[Stato.NON_INCLUSA],
                               Stato.INCLUSA in days)
        if Stato.INCLUSA in days:
            for finalita in (Consent.Finalita.TRATTAMENTO, Consent.Finalita.PARTECIPAZIONE):
                w.add(Consent, family_id=family, person_id=parent["pk"], finalita=finalita,
                      data=days[Stato.INCLUSA], registrato_da_id=eq["cm"], created_at=self.at(days[Stato.INCLUSA]))
        if child is not None:
            base = rng.randint(2, 3)
            for step, tp, gain in ((Stato.PROGETTAZIONE, "T0", 0), (Stato.T2, "T1", 1), (Stato.CHIUSA, "T2", 2)):
                if step in days:
                    self.mdb(family, child["pk"], eq, days[step], tp, base + gain)
        if Stato.PROGETTAZIONE in days:
            self.plan(family, eq, parent, child, days, state)
        if Stato.IN_CORSO in days and cohort is not None:
            self.group_parents.setdefault(self.cohorts.index(cohort), []).append((family, parent["pk"]))
        if Stato.IN_CORSO in days:
            end = days.get(Stato.T2) or self.anchor
            if state in (Stato.T2, Stato.CHIUSA):
                end = days.get(Stato.CHIUSA, days[Stato.T2] + timedelta(days=20))
            self.visits(family, eq, persons, days[Stato.IN_CORSO], min(end, self.anchor), migrant)

    def groups(self) -> None:
        """Two parents' groups per cohort, twelve weekly meetings each, with enrolment and attendance."""
        rng, w = self.rng, self.w
        for c, cohort in enumerate(self.cohorts):
            parents = self.group_parents.get(c, [])
            for g in range(2):
                members = parents[g::2][:10]
                if not members:
                    continue
                eq = self.equipe[(2 * c + g) % len(self.equipe)]
                first = cohort["start"] + timedelta(days=100 + 3 * g)
                sede = f"Biblioteca civica di {self.town}" if g == 0 else f"Centro per le famiglie di {self.town}"
                group = w.add(Gruppo, ambito_id=self.ambito, nome=f"Genitori insieme {cohort['start']:%Y-%m} {'AB'[g]}",
                              tipo=Gruppo.Tipo.GENITORI, sede=sede, frequenza=Gruppo.Frequenza.SETTIMANALE,
                              supporti=[Gruppo.Supporto.MERENDA, Gruppo.Supporto.CUSTODIA], created_by_id=eq["cm"],
                              created_at=self.at(first - timedelta(days=14)))
                w.add(Facilitatore, gruppo_id=group, user_id=eq["ed"], ruolo=Ruolo.EDUCATORE, ente_id=self.ets)
                w.add(Facilitatore, gruppo_id=group, user_id=eq["psi"], ruolo=Ruolo.PSICOLOGO, ente_id=self.asst)
                enrolled = [w.add(Iscrizione, gruppo_id=group, persona_id=parent, family_id=family)
                            for family, parent in members]
                for n in range(12):
                    day = first + timedelta(weeks=n)
                    held = day <= self.anchor
                    meeting = w.add(Incontro, gruppo_id=group, numero=n + 1, data=day, ora_inizio=time(17, 30),
                                    ora_fine=time(19, 0), durata_minuti=90, sede=sede, svolto=held,
                                    note="Clima sereno, buona partecipazione." if held else "")
                    if held:
                        for enrolment in enrolled:
                            if rng.random() < 0.75:
                                w.add(Presenza, incontro_id=meeting, iscrizione_id=enrolment)

    def preassessment(self, family: int, eq: dict, day: date, included: bool) -> None:
        esito = "inclusa" if included else "non_inclusa"
        values = {"fasce_eta": ["0_3", "4_6"], "vulnerabilita": "negligenza" if included else "maltrattamento",
                  "orientamento": "casa", "fiducia": 3, "esito": esito,
                  "motivazione": "La famiglia rientra nei criteri del programma." if included
                  else "Situazione di grave maltrattamento: non è target del programma."}
        at = self.at(day)
        response = self.w.add(Response, instrument_version_id=self.ctx.pre.pk, family_id=family, person_id=None,
                              time_point="data", date=day, perspective="operatore", status="inviata",
                              scores={}, created_by_id=eq["cm"], submitted_by_id=eq["cm"], submitted_at=at,
                              created_at=at, updated_at=at)
        for code, value in values.items():
            kind = {"fasce_eta": "choices", "fiducia": "number"}.get(code, "text")
            extra = {"choices": value} if kind == "choices" else {"number": Decimal(value)} if kind == "number" \
                else {"text": value}
            self.w.add(Answer, response_id=response, item_code=code, **extra)

    def mdb(self, family: int, child: int, eq: dict, day: date, time_point: str, level: int) -> None:
        rng = self.rng
        values = {code: min(6, max(1, level + rng.choice([-1, 0, 0, 1]))) for code in self.ctx.mdb_items}
        scores = {}
        for code, items, rule in self.ctx.mdb_sections:
            numbers = [values[i] for i in items if i in values]
            if numbers:
                scores[code] = round(sum(numbers) / len(numbers), 2) if rule == "mean" else sum(numbers)
        at = self.at(day)
        response = self.w.add(Response, instrument_version_id=self.ctx.mdb.pk, family_id=family, person_id=child,
                              time_point=time_point, date=day, perspective="operatore", status="inviata",
                              scores=scores, created_by_id=eq["cm"], submitted_by_id=eq["cm"], submitted_at=at,
                              created_at=at, updated_at=at)
        for code, value in values.items():
            self.w.add(Answer, response_id=response, item_code=code, number=Decimal(value),
                       note="Abitazione piccola; la famiglia cerca una casa popolare." if code == "casa" else "")

    def plan(self, family: int, eq: dict, parent: dict, child: dict | None, days: dict, state: str) -> None:
        rng, w = self.rng, self.w
        on = days[Stato.PROGETTAZIONE]
        agreed = Stato.IN_CORSO in days
        agreed_on = days.get(Stato.IN_CORSO)
        plan = w.add(ProgettoQuadro, family_id=family, numero=1,
                     stato=ProgettoQuadro.Stato.CONCORDATO if agreed else ProgettoQuadro.Stato.BOZZA,
                     analisi=f"{parent['nome']} racconta la fatica di tenere insieme lavoro, casa e figli.",
                     data_inizio=on, data_fine=on + timedelta(days=540), created_by_id=eq["cm"],
                     updated_by_id=eq["cm"], concordato_il=agreed_on, created_at=self.at(on),
                     updated_at=self.at(agreed_on or on))
        fill = {"c": child["nome"] if child else parent["nome"], "p": parent["nome"]}
        goals = []
        for code in rng.sample(sorted(GOALS), rng.choice([2, 3])):
            text, analysis, actions = GOALS[code]
            goal = w.add(RisultatoAtteso, progetto_id=plan, sottodimensione=code, descrizione=text.format(**fill),
                         analisi=analysis.format(**fill), data_prevista=on + timedelta(days=rng.choice([90, 180, 270])),
                         created_at=self.at(on))
            goals.append(goal)
            for kind, what, dispositivi in actions:
                start = on + timedelta(days=rng.randint(0, 14))
                end = on + timedelta(days=rng.choice([90, 180, 360]))
                who = {"responsabile_tipo": kind}
                if kind == "operatore":
                    who["responsabile_user_id"] = eq["ed"]
                elif kind == "insegnante":
                    who = {"responsabile_tipo": "operatore", "responsabile_user_id": eq["cm"]}
                    dispositivi = [*dispositivi]
                elif kind == "familiare":
                    who["responsabile_persona_id"] = parent["pk"]
                else:
                    who["responsabile_testo"] = rng.choice(SUPPORT_FAMILIES)
                stato = Azione.StatoAzione.PREVISTA
                if agreed and end < self.anchor:
                    stato = Azione.StatoAzione.SVOLTA if rng.random() < 0.8 else Azione.StatoAzione.NON_SVOLTA
                elif agreed and start <= self.anchor:
                    stato = Azione.StatoAzione.IN_CORSO
                w.add(Azione, risultato_id=goal, descrizione=what.format(**fill), data_inizio=start, data_fine=end,
                      dispositivi=list(dispositivi), stato=stato, created_at=self.at(on), **who)
        if agreed:
            w.add(Accordo, progetto_id=plan, persona_id=parent["pk"], data=agreed_on, esito="concorda",
                  commento="Ci proviamo insieme.", registrato_da_id=eq["cm"], created_at=self.at(agreed_on))
        for step, momento in ((Stato.T2, "T1"), (Stato.CHIUSA, "T2")):
            if step in days and agreed:
                review = w.add(Verifica, progetto_id=plan, momento=momento, data=max(days[step], agreed_on),
                               note="Verifica fatta a casa con la famiglia.", registrata_da_id=eq["cm"],
                               created_at=self.at(days[step]))
                for goal in goals:
                    w.add(EsitoVerifica, verifica_id=review, risultato_id=goal,
                          esito=rng.choice(["raggiunto", "parziale", "parziale", "non_raggiunto"]))

    def visits(self, family: int, eq: dict, persons: list[dict], start: date, end: date, migrant: bool) -> None:
        """Weekly home education by the équipe's educator, monthly psychological support for some."""
        rng, w = self.rng, self.w
        w.add(Assegnazione, family_id=family, operatore_id=eq["ed"], ente_id=self.ets, servizio=Servizio.EDUCATIVA,
              ruolo=Ruolo.EDUCATORE, ore_settimanali=Decimal(rng.choice([2, 3, 4])), data_inizio=start,
              data_fine=end if end < self.anchor else None, created_by_id=eq["cm"], created_at=self.at(start))
        psy = rng.random() < 0.4
        if psy:
            w.add(Assegnazione, family_id=family, operatore_id=eq["psi"], ente_id=self.asst,
                  servizio=Servizio.PSICOLOGICO, ruolo=Ruolo.PSICOLOGO, ore_settimanali=Decimal("0.5"),
                  data_inizio=start, data_fine=end if end < self.anchor else None, created_by_id=eq["cm"],
                  created_at=self.at(start))
        weekday = rng.randint(0, 4)
        slot = rng.randrange(len(SLOTS))
        day = start + timedelta(days=(weekday - start.weekday()) % 7)
        week = 0
        luoghi = [Luogo.CASA, Luogo.CASA, Luogo.CASA, Luogo.SCUOLA, Luogo.TERRITORIO]
        while day <= end:
            if rng.random() < 0.9:
                begin, finish, minutes = SLOTS[slot]
                w.add(Intervento, family_id=family, ambito_id=self.ambito, operatore_id=eq["ed"], ente_id=self.ets,
                      servizio=Servizio.EDUCATIVA, ruolo=Ruolo.EDUCATORE, data=day, ora_inizio=begin, ora_fine=finish,
                      durata_minuti=minutes, luogo=rng.choice(luoghi), attivita=rng.choice(ACTIVITIES),
                      created_by_id=eq["ed"], created_at=timezone.make_aware(datetime.combine(day, finish)))
            if psy and week % 4 == 2:
                psy_day = day + timedelta(days=1 if day.weekday() < 4 else -1)
                if psy_day <= end:
                    w.add(Intervento, family_id=family, ambito_id=self.ambito, operatore_id=eq["psi"],
                          ente_id=self.asst, servizio=Servizio.PSICOLOGICO, ruolo=Ruolo.PSICOLOGO, data=psy_day,
                          ora_inizio=time(10, 0), ora_fine=time(11, 0), durata_minuti=60, luogo=Luogo.SERVIZIO,
                          attivita=rng.choice(PSY_ACTIVITIES), created_by_id=eq["psi"],
                          created_at=timezone.make_aware(datetime.combine(psy_day, time(11, 0))))
            day += timedelta(days=7)
            week += 1

