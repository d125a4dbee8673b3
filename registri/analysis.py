"""The preview: a register's rows read against the ambito, grouped into families, each problem by row and column.

`analyse` writes nothing. It says, for every family of the file, whether it is valid (all its rows are), what
will be created and what is already in Trama (by codice fiscale, or by the register's own id), and which people
may be duplicates (within the file and against the ambito, `families.duplicates.candidate_pairs`). The commit
(`services.import_commit`) imports the valid families of a fresh `analyse`, never a stale preview."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from families.duplicates import PersonKey, candidate_pairs
from families.models import ADULT_AGE, Family, Person, check_person
from organisation.models import Ambito, Ente, Equipe, Membership

from . import parsing
from .fields import CONSENT_FIELDS, FIELD_BY_CODE, normalise_header
from .models import RiferimentoRegistro
from .parsing import CellError
from .reader import Sheet

MAX_WEEKLY_HOURS = Decimal("40")
ROLE_SEX = {Person.Ruolo.MADRE: Person.Sesso.F, Person.Ruolo.PADRE: Person.Sesso.M}
MAX_VISIT_HOURS = Decimal("8")
Progress = Callable[[int], None]


@dataclass
class Problem:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("Riga %(row)s, %(column)s: %(message)s") % {"row": self.row, "column": self.column,
                                                             "message": self.message}


@dataclass
class RowData:
    row: int
    cognome: str = ""
    nome: str = ""
    sesso: str = ""
    ruolo: str = ""
    data_nascita: date | None = None
    codice_fiscale: str = ""
    cittadinanza: str = ""
    lingue: str = ""
    target: bool = False
    id_registro: str = ""
    consents: list[tuple[str, date]] = field(default_factory=list)
    sedt: tuple[int, Decimal, date | None] | None = None
    visit: tuple[date, Decimal, int | None] | None = None
    family_values: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    existing_person_id: int | None = None
    existing_family_id: int | None = None

    @property
    def label(self) -> str:
        return f"{self.cognome} {self.nome}".strip()


@dataclass
class FamilyPlan:
    key: str
    label: str
    rows: list[RowData]
    comune_id: int | None = None
    nucleo: str = ""
    servizio_id: int | None = None
    equipe_id: int | None = None
    data_presa_in_carico: date | None = None
    stato: str = ""
    problems: list[Problem] = field(default_factory=list)
    existing_family_id: int | None = None
    existing_family_label: str = ""

    @property
    def valid(self) -> bool:
        return not self.problems and not any(r.problems for r in self.rows)

    @property
    def new_rows(self) -> list[RowData]:
        return [r for r in self.rows if r.existing_person_id is None]


@dataclass
class Duplicate:
    a: str
    b: str
    reason: str
    person_id: int | None = None  # the one already in Trama, when the pair is a row and a person


@dataclass
class Plan:
    headers: list[str]
    families: list[FamilyPlan]
    duplicates: list[Duplicate]
    rows: int

    @property
    def valid_families(self) -> list[FamilyPlan]:
        return [f for f in self.families if f.valid]

    @property
    def rows_with_errors(self) -> int:
        return sum(1 for f in self.families for r in f.rows if r.problems or f.problems)

    @property
    def valid_rows(self) -> int:
        return self.rows - self.rows_with_errors

    @property
    def problems(self) -> list[Problem]:
        found = [p for f in self.families for r in f.rows for p in r.problems]
        found += [p for f in self.families for p in f.problems]
        return sorted(found, key=lambda p: (p.row, p.column))

    @property
    def warnings(self) -> list[Problem]:
        return sorted((p for f in self.families for r in f.rows for p in r.warnings), key=lambda p: p.row)

    def counts(self) -> dict[str, int]:
        valid = self.valid_families
        return {
            "righe": self.rows, "valide": self.valid_rows, "errori": self.rows_with_errors,
            "doppioni": len(self.duplicates), "famiglie": len(self.families),
            "famiglie_valide": len(valid),
            "famiglie_nuove": sum(1 for f in valid if f.existing_family_id is None and f.new_rows),
            "persone_nuove": sum(len(f.new_rows) for f in valid),
            "persone_esistenti": sum(1 for f in self.families for r in f.rows if r.existing_person_id),
            # Rows without a problem of their own, left out with their family (another of its rows has one).
            "escluse_con_famiglia": sum(1 for f in self.families if not f.valid and not f.problems
                                        for r in f.rows if not r.problems),
        }

    def summary_line(self) -> str:
        c = self.counts()
        return (_("righe %(righe)s, valide %(valide)s, con errori %(errori)s, possibili doppioni %(doppioni)s")
                % c)

    def as_json(self) -> dict[str, Any]:
        """What the preview page shows (stored on the Importazione: the page does not read the file again)."""
        return {
            "counts": self.counts(),
            "problems": [str(p) for p in self.problems],
            "warnings": [str(p) for p in self.warnings],
            "duplicates": [{"a": d.a, "b": d.b, "reason": d.reason} for d in self.duplicates],
            "families": [{
                "label": f.label, "valid": f.valid, "existing": f.existing_family_label,
                "rows": [{"row": r.row, "name": r.label, "existing": bool(r.existing_person_id),
                          "errors": bool(r.problems)} for r in f.rows],
            } for f in self.families],
        }


def name_key(name: str) -> str:
    """Names of comuni, enti, équipe and people compared as typed by hand: no «Comune di», case, accents."""
    key = normalise_header(name)
    return re.sub(r"^(comune|citta) (di |del |della )?", "", key)


class Context:
    """What the rows are checked against: the ambito's comuni, enti, équipe, users and people, read once."""

    def __init__(self, *, ambito: Ambito, user: User | None, default_comune: Ente | None = None,
                 default_equipe: Equipe | None = None, managed_equipe_ids: frozenset[int] | None = None) -> None:
        self.ambito, self.user, self.today = ambito, user, timezone.localdate()
        self.default_comune, self.default_equipe = default_comune, default_equipe
        # None: any équipe of the ambito (the RT, the command line); else a case manager's own équipe only.
        self.managed_equipe_ids = managed_equipe_ids
        enti = list(Ente.objects.filter(ambito=ambito).only("pk", "nome", "tipo"))
        self.comuni = {name_key(e.nome): e.pk for e in enti if e.tipo == Ente.Tipo.COMUNE}
        self.enti = {name_key(e.nome): e.pk for e in enti}
        self.comune_names = {e.pk: e.nome for e in enti}
        self.other_comuni = set(Ente.objects.filter(tipo=Ente.Tipo.COMUNE).exclude(ambito=ambito)
                                .values_list("nome", flat=True))
        self.other_comuni = {name_key(n) for n in self.other_comuni} - set(self.comuni)
        equipe = list(Equipe.objects.filter(ambito=ambito).values_list("pk", "nome", "case_manager_id"))
        self.equipe = {name_key(name): pk for pk, name, _cm in equipe}
        self.equipe_of_manager: dict[int, int] = {}
        for pk, _name, manager in equipe:
            self.equipe_of_manager.setdefault(manager, pk)
        self.manager_of_equipe = {pk: manager for pk, _name, manager in equipe}
        self.users: dict[str, int] = {}
        member_ids = Membership.objects.filter(ambito=ambito, active=True).values_list("user_id", flat=True)
        for pk, username, first, last in User.objects.filter(pk__in=member_ids).values_list(
                "pk", "username", "first_name", "last_name"):
            for name in (username, f"{first} {last}", f"{last} {first}"):
                if name.strip():
                    self.users.setdefault(name_key(name), pk)
        self.people_by_cf: dict[str, tuple[int, int]] = {
            cf: (pk, family_id) for pk, cf, family_id in Person.objects.filter(ambito=ambito).exclude(
                codice_fiscale="").values_list("pk", "codice_fiscale", "family_id")}
        self.refs: dict[tuple[int, str, str], tuple[int, int | None]] = {
            (comune, tipo, codice): (family_id, person_id)
            for comune, tipo, codice, family_id, person_id in RiferimentoRegistro.objects.filter(
                ambito=ambito).values_list("comune_id", "tipo", "codice", "family_id", "person_id")}

    def comune(self, name: str) -> int:
        key = name_key(name)
        if key in self.comuni:
            return self.comuni[key]
        if key in self.other_comuni:
            raise CellError(_("il comune «%(c)s» non è dell'ambito %(a)s: importa solo i registri dei comuni "
                              "dell'ambito.") % {"c": name, "a": self.ambito.nome})
        raise CellError(_("«%(c)s» non è un comune dell'ambito: scrivilo come in Trama (%(list)s).")
                        % {"c": name, "list": ", ".join(sorted(self.comune_names[p] for p in self.comuni.values()))})

    def ente(self, name: str) -> int:
        if name_key(name) in self.enti:
            return self.enti[name_key(name)]
        raise CellError(_("«%(s)s» non è un ente dell'ambito: scrivilo come in Trama o aggiungilo prima tra gli "
                          "enti.") % {"s": name})

    def equipe_named(self, name: str) -> int:
        if name_key(name) in self.equipe:
            return self.equipe[name_key(name)]
        raise CellError(_("«%(s)s» non è un'équipe dell'ambito: scrivila come in Trama.") % {"s": name})

    def user_named(self, name: str) -> int:
        if name_key(name) in self.users:
            return self.users[name_key(name)]
        raise CellError(_("«%(s)s» non è un operatore dell'ambito: scrivi nome e cognome (o il nome utente) come "
                          "in Trama.") % {"s": name})


# Field → parser of a cell into the row (parsers that need the context take it).
_PERSON_PARSERS: dict[str, Callable[[Any], Any]] = {
    "cognome": lambda v: parsing.name_case(parsing.text(v)),
    "nome": lambda v: parsing.name_case(parsing.text(v)),
    "sesso": parsing.parse_sex, "ruolo": parsing.parse_role, "data_nascita": parsing.parse_date,
    "codice_fiscale": parsing.parse_codice_fiscale, "cittadinanza": parsing.text, "lingue": parsing.text,
    "target": parsing.parse_bool, "id_registro": parsing.text,
}


class RowReader:
    """One row of cells → RowData, each problem on its row and column (as the file names the column)."""

    def __init__(self, headers: list[str], mapping: list[str], context: Context) -> None:
        self.context = context
        self.columns = {code: index for index, code in enumerate(mapping) if code}
        self.headers = {code: (headers[index] if index < len(headers) and headers[index] else
                               str(FIELD_BY_CODE[code].label)) for code, index in self.columns.items()}

    def column(self, code: str) -> str:
        return self.headers.get(code) or str(FIELD_BY_CODE[code].label if code in FIELD_BY_CODE else code)

    def cell(self, cells: list[Any], code: str) -> Any:
        index = self.columns.get(code)
        return cells[index] if index is not None and index < len(cells) else None

    def parse(self, code: str, cells: list[Any], parser: Callable[[Any], Any], row: RowData) -> Any:
        try:
            return parser(self.cell(cells, code))
        except CellError as error:
            row.problems.append(Problem(row.row, self.column(code), str(error)))
            return None

    def read(self, number: int, cells: list[Any]) -> RowData:
        row = RowData(row=number)
        for code, parser in _PERSON_PARSERS.items():
            source = "id_persona" if code == "id_registro" else code
            if source in self.columns:
                value = self.parse(source, cells, parser, row)
                if value is not None:
                    setattr(row, code, value)
        if "cognome_nome" in self.columns and not (row.cognome and row.nome):
            full = self.parse("cognome_nome", cells, parsing.text, row) or ""
            cognome, nome = parsing.split_full_name(full)
            row.cognome, row.nome = row.cognome or parsing.name_case(cognome), row.nome or parsing.name_case(nome)
        self._family_values(cells, row)
        self._check_person(row)
        self._consents(cells, row)
        self._activities(cells, row)
        return row

    def _family_values(self, cells: list[Any], row: RowData) -> None:
        ctx = self.context
        parsers: dict[str, Callable[[Any], Any]] = {
            "nucleo": parsing.text, "indirizzo": parsing.text, "comune": lambda v: ctx.comune(t) if (t := parsing.text(v)) else None,
            "servizio": lambda v: ctx.ente(t) if (t := parsing.text(v)) else None,
            "equipe": lambda v: ctx.equipe_named(t) if (t := parsing.text(v)) else None,
            "case_manager": lambda v: ctx.user_named(t) if (t := parsing.text(v)) else None,
            "data_presa_in_carico": parsing.parse_date, "fase": parsing.parse_state,
        }
        for code, parser in parsers.items():
            if code in self.columns:
                value = self.parse(code, cells, parser, row)
                if value not in (None, ""):
                    row.family_values[code] = value
        taken = row.family_values.get("data_presa_in_carico")
        if taken and taken > ctx.today:
            row.problems.append(Problem(row.row, self.column("data_presa_in_carico"),
                                        _("la data di presa in carico non può essere nel futuro.")))

    def _check_person(self, row: RowData) -> None:
        if not row.cognome:
            row.problems.append(Problem(row.row, self.column("cognome" if "cognome" in self.columns else "cognome_nome"),
                                        _("manca il cognome.")))
        if not row.nome:
            row.problems.append(Problem(row.row, self.column("nome" if "nome" in self.columns else "cognome_nome"),
                                        _("manca il nome.")))
        self._infer_sex_and_role(row)
        person = Person(ambito=self.context.ambito, cognome=row.cognome, nome=row.nome, sesso=row.sesso,
                        ruolo=row.ruolo, data_nascita=row.data_nascita, codice_fiscale=row.codice_fiscale,
                        target=row.target)
        for code, messages in check_person(person, today=self.context.today).items():
            for message in messages:
                row.problems.append(Problem(row.row, self.column(code), message))
        row.codice_fiscale = person.codice_fiscale

    def _infer_sex_and_role(self, row: RowData) -> None:
        """The sex from a valid codice fiscale, the role from the age when the register does not say them."""
        if not row.sesso and row.codice_fiscale:
            try:
                row.sesso = parsing.sex_from_codice_fiscale(row.codice_fiscale)
            except CellError:
                pass
        if not row.sesso and row.ruolo in ROLE_SEX:
            row.sesso = ROLE_SEX[row.ruolo]
        if not row.sesso:
            row.problems.append(Problem(row.row, self.column("sesso"), _("manca il sesso (F o M) e non si ricava dal "
                                                                          "codice fiscale.")))
        if not row.ruolo:
            age = self._age(row.data_nascita)
            if age is not None and age < ADULT_AGE:
                row.ruolo = Person.Ruolo.MINORE
            else:
                row.ruolo = Person.Ruolo.ALTRO
                row.warnings.append(Problem(row.row, self.column("ruolo"), _("ruolo non indicato: sarà registrato "
                                                                              "come «Altro familiare convivente».")))

    def _age(self, born: date | None, on: date | None = None) -> int | None:
        if born is None:
            return None
        day = on or self.context.today
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    def _consents(self, cells: list[Any], row: RowData) -> None:
        for code, finalita in CONSENT_FIELDS.items():
            if code not in self.columns:
                continue
            raw = self.cell(cells, code)
            if parsing.text(raw).lower() in {"", "no", "n"}:
                continue
            if parsing.text(raw).lower() in {"si", "sì", "s", "x"}:
                row.problems.append(Problem(row.row, self.column(code), _("scrivi la data in cui il consenso è stato "
                                                                           "firmato, non solo «sì».")))
                continue
            day = self.parse(code, cells, parsing.parse_date, row)
            if day is None:
                continue
            if day > self.context.today:
                row.problems.append(Problem(row.row, self.column(code), _("la data del consenso non può essere nel "
                                                                           "futuro.")))
            elif (age := self._age(row.data_nascita, day)) is not None and age < ADULT_AGE:
                row.problems.append(Problem(row.row, self.column(code), _("il consenso lo dà un adulto: questa persona "
                                                                           "era minorenne in quella data.")))
            else:
                row.consents.append((finalita, day))

    def _activities(self, cells: list[Any], row: RowData) -> None:
        ctx = self.context
        operator = None
        if "sedt_operatore" in self.columns and parsing.text(self.cell(cells, "sedt_operatore")):
            operator = self.parse("sedt_operatore", cells, lambda v: ctx.user_named(parsing.text(v)), row)
            hours = self.parse("sedt_ore", cells, lambda v: parsing.parse_hours(v, maximum=MAX_WEEKLY_HOURS), row)
            since = self.parse("sedt_dal", cells, parsing.parse_date, row)
            if operator is not None and hours is None and not any(p.column == self.column("sedt_ore")
                                                                  for p in row.problems):
                row.problems.append(Problem(row.row, self.column("sedt_ore"), _("indica le ore settimanali previste "
                                                                                 "per l'educatore.")))
            elif operator is not None and hours is not None:
                row.sedt = (operator, hours, since)
        if "visita_data" in self.columns and parsing.text(self.cell(cells, "visita_data")):
            day = self.parse("visita_data", cells, parsing.parse_date, row)
            hours = self.parse("visita_ore", cells, lambda v: parsing.parse_hours(v, maximum=MAX_VISIT_HOURS), row)
            if day is not None and day > ctx.today:
                row.problems.append(Problem(row.row, self.column("visita_data"), _("una visita già fatta non può "
                                                                                    "avere una data futura.")))
            elif day is not None and hours is None:
                row.problems.append(Problem(row.row, self.column("visita_ore"), _("indica la durata della visita in "
                                                                                   "ore.")))
            elif day is not None and hours is not None:
                row.visit = (day, hours, operator)


def _group_key(row: RowData, default_comune: int | None) -> tuple[str, str]:
    """Which family a row belongs to: the register's nucleo (in its comune), else the address and surname, else
    the row alone."""
    comune = row.family_values.get("comune") or default_comune or 0
    if nucleo := row.family_values.get("nucleo"):
        return f"n:{comune}:{name_key(str(nucleo))}", _("Nucleo %(n)s") % {"n": nucleo}
    if address := row.family_values.get("indirizzo"):
        return (f"a:{comune}:{name_key(address)}:{name_key(row.cognome)}",
                _("%(c)s, %(a)s") % {"c": row.cognome, "a": address})
    return f"r:{row.row}", _("%(c)s (riga %(r)s)") % {"c": row.label, "r": row.row}


FAMILY_FIELDS = (("comune", "comune_id"), ("indirizzo", None), ("servizio", "servizio_id"), ("equipe", "equipe_id"),
                 ("data_presa_in_carico", "data_presa_in_carico"), ("fase", "stato"))


def _comparable(code: str, value: Any) -> Any:
    return name_key(value) if code == "indirizzo" else value


def _shown(code: str, value: Any, context: Context) -> str:
    if code in {"comune", "servizio"}:
        return context.comune_names.get(value, str(value))
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _build_family(key: str, label: str, rows: list[RowData], reader: RowReader) -> FamilyPlan:
    ctx = reader.context
    family = FamilyPlan(key=key, label=label, rows=rows, nucleo=str(rows[0].family_values.get("nucleo", "")))
    seen: dict[str, tuple[Any, int]] = {}
    for row in rows:
        for code, attr in FAMILY_FIELDS:
            if code not in row.family_values:
                continue
            value = row.family_values[code]
            if code in seen and _comparable(code, seen[code][0]) != _comparable(code, value):
                first, first_row = seen[code]
                family.problems.append(Problem(row.row, reader.column(code), _(
                    "la stessa famiglia (%(f)s) ha «%(v1)s» alla riga %(r1)s e «%(v2)s» qui: correggi una delle due "
                    "righe (o il nucleo).") % {"f": label, "v1": _shown(code, first, ctx), "r1": first_row,
                                                "v2": _shown(code, value, ctx)}))
                continue
            seen.setdefault(code, (value, row.row))
            if attr:
                setattr(family, attr, value)
    first_row = rows[0].row
    family.comune_id = family.comune_id or (ctx.default_comune.pk if ctx.default_comune else None)
    comune_column = reader.column("comune")
    if family.comune_id is None and not any(p.column == comune_column for r in rows for p in r.problems):
        family.problems.append(Problem(first_row, reader.column("comune"),
                                       _("manca il comune di residenza: aggiungi la colonna o scegli il comune del "
                                         "registro.")))
    _choose_equipe(family, rows, reader)
    manager = ctx.manager_of_equipe.get(family.equipe_id) if family.equipe_id else None
    for row in rows:
        if row.visit and row.visit[2] is None and manager is None:
            row.problems.append(Problem(row.row, reader.column("visita_data"), _(
                "indica l'educatore della visita (o l'équipe della famiglia, per attribuirla al case manager).")))
    return family


def _choose_equipe(family: FamilyPlan, rows: list[RowData], reader: RowReader) -> None:
    ctx = reader.context
    manager = next((r.family_values["case_manager"] for r in rows if "case_manager" in r.family_values), None)
    if family.equipe_id is None and manager is not None:
        family.equipe_id = ctx.equipe_of_manager.get(manager)
        if family.equipe_id is None:
            family.problems.append(Problem(rows[0].row, reader.column("case_manager"),
                                           _("questo operatore non è case manager di un'équipe dell'ambito.")))
    if family.equipe_id is None and ctx.default_equipe is not None:
        family.equipe_id = ctx.default_equipe.pk
    if ctx.managed_equipe_ids is not None and family.equipe_id not in ctx.managed_equipe_ids:
        family.problems.append(Problem(rows[0].row, reader.column("equipe"),
                                       _("puoi importare solo le famiglie della tua équipe: questa riga ne indica "
                                         "un'altra (o nessuna).")))


def _match_existing(family: FamilyPlan, ctx: Context, seen_cf: dict[str, int], reader: RowReader) -> None:
    """What of the family is already in Trama: people by codice fiscale or register id, the family by its
    nucleo or by a member already there."""
    families: set[int] = set()
    comune = family.comune_id or 0
    if family.nucleo and (ref := ctx.refs.get((comune, RiferimentoRegistro.Tipo.NUCLEO, name_key(family.nucleo)))):
        families.add(ref[0])
    for row in family.rows:
        if row.codice_fiscale:
            if row.codice_fiscale in seen_cf:
                row.problems.append(Problem(row.row, reader.column("codice_fiscale"), _(
                    "lo stesso codice fiscale è già alla riga %(r)s del file.") % {"r": seen_cf[row.codice_fiscale]}))
            seen_cf.setdefault(row.codice_fiscale, row.row)
            if row.codice_fiscale in ctx.people_by_cf:
                row.existing_person_id, row.existing_family_id = ctx.people_by_cf[row.codice_fiscale]
        if row.existing_person_id is None and row.id_registro:
            ref = ctx.refs.get((comune, RiferimentoRegistro.Tipo.PERSONA, name_key(row.id_registro)))
            if ref and ref[1]:
                row.existing_family_id, row.existing_person_id = ref
        if row.existing_family_id:
            families.add(row.existing_family_id)
    if len(families) > 1:
        family.problems.append(Problem(family.rows[0].row, reader.column("nucleo"), _(
            "alcune persone di questa famiglia sono già in Trama in famiglie diverse: controlla il nucleo, o unisci "
            "prima le famiglie in Trama.")))
    elif families:
        family.existing_family_id = families.pop()


def _check_existing_families(families: list[FamilyPlan], ctx: Context, reader: RowReader) -> None:
    """A family already in Trama gets only its new members, and only from who may change it."""
    ids = {f.existing_family_id for f in families if f.existing_family_id}
    known = {pk: (codice, nome, equipe) for pk, codice, nome, equipe in Family.objects.filter(
        pk__in=ids, ambito=ctx.ambito).values_list("pk", "codice", "nome", "equipe_id")}
    for family in families:
        if family.existing_family_id is None:
            continue
        codice, nome, equipe = known[family.existing_family_id]
        family.existing_family_label = f"{nome} ({codice})"
        if family.new_rows and ctx.managed_equipe_ids is not None and equipe not in ctx.managed_equipe_ids:
            family.problems.append(Problem(family.new_rows[0].row, reader.column("nucleo"), _(
                "la famiglia è già in Trama (%(f)s) e la segue un'altra équipe: chiedi al suo case manager di "
                "aggiungere questa persona.") % {"f": family.existing_family_label}))


def _duplicates(families: list[FamilyPlan], ctx: Context) -> list[Duplicate]:
    rows = {r.row: r for f in families for r in f.rows if r.cognome and r.nome}
    keys: list[tuple[tuple[str, int], PersonKey]] = [
        (("r", r.row), PersonKey(nome=r.nome, cognome=r.cognome, data_nascita=r.data_nascita,
                                 codice_fiscale=r.codice_fiscale)) for r in rows.values()]
    ambito_people = {pk: (nome, cognome, born, cf, family) for pk, nome, cognome, born, cf, family in
                     Person.objects.filter(ambito=ctx.ambito).values_list(
                         "pk", "nome", "cognome", "data_nascita", "codice_fiscale", "family__codice")}
    keys += [(("p", pk), PersonKey(nome=n, cognome=c, data_nascita=b, codice_fiscale=cf))
             for pk, (n, c, b, cf, _f) in ambito_people.items()]

    def shown(key: tuple[str, int]) -> str:
        if key[0] == "r":
            row = rows[key[1]]
            return _("Riga %(r)s: %(n)s") % {"r": row.row, "n": row.label}
        nome, cognome, _born, _cf, family = ambito_people[key[1]]
        return _("In Trama: %(n)s (%(f)s)") % {"n": f"{cognome} {nome}", "f": family}

    found = []
    for a, b, evidence in candidate_pairs(keys):
        if a[0] == "p" and b[0] == "p":
            continue  # both already in Trama: the duplicates review page's, not this file's
        row_key, other = (a, b) if a[0] == "r" else (b, a)
        if other[0] == "p" and rows[row_key[1]].existing_person_id == other[1]:
            continue  # the row is that very person, recognised: not a duplicate
        first, second = sorted((a, b), key=lambda k: (k[0] == "p", k[1]))
        found.append(Duplicate(shown(first), shown(second), evidence.reason,
                               person_id=other[1] if other[0] == "p" else None))
    return found


def analyse(sheet: Sheet, mapping: list[str], context: Context, progress: Progress | None = None) -> Plan:
    reader = RowReader(sheet.headers, mapping, context)
    rows: list[RowData] = []
    total = len(sheet.rows)
    for index, (number, cells) in enumerate(sheet.rows):
        rows.append(reader.read(number, cells))
        if progress and index % 500 == 0:
            progress(int(80 * index / max(total, 1)))
    groups: dict[str, tuple[str, list[RowData]]] = {}
    default_comune = context.default_comune.pk if context.default_comune else None
    for row in rows:
        key, label = _group_key(row, default_comune)
        groups.setdefault(key, (label, []))[1].append(row)
    families = [_build_family(key, label, members, reader) for key, (label, members) in groups.items()]
    seen_cf: dict[str, int] = {}
    for family in families:
        _match_existing(family, context, seen_cf, reader)
    _check_existing_families(families, context, reader)
    if progress:
        progress(85)
    duplicates = _duplicates(families, context)
    if progress:
        progress(95)
    return Plan(headers=sheet.headers, families=families, duplicates=duplicates, rows=len(rows))


