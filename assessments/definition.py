"""Instrument definitions: the data files in assessments/instruments/ (TOML), checked and read here.

A definition has sections of items. Item types: scale (min..max with labelled anchors), single and
multiple choice, number, date, text. Items may be required; scale items may carry a narrative.
Sections are scored with "mean", "sum" or "none" over their scale items.
"""

import hashlib
import json
import tomllib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.utils.translation import gettext as _

ITEM_TYPES = {"scale", "single", "multiple", "number", "date", "text"}
SCORE_RULES = {"mean", "sum", "none"}
KINDS = {"generic", "preassessment", "mdb", "satisfaction"}
SUBJECTS = {"family", "person"}
SHIPPED_DIR = Path(__file__).resolve().parent / "instruments"


class DefinitionError(ValueError):
    pass


@dataclass(frozen=True)
class Item:
    code: str
    label: str
    type: str
    required: bool = False
    narrative: bool = False
    choices: tuple[tuple[str, str], ...] = ()
    min: int | None = None
    max: int | None = None
    labels: dict[int, str] = field(default_factory=dict)
    section: str = ""

    def choice_label(self, value: str) -> str:
        return dict(self.choices).get(value, value)


@dataclass(frozen=True)
class Section:
    code: str
    title: str
    score: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Definition:
    code: str
    version: int
    title: str
    kind: str
    subject: str
    description: str
    sections: tuple[Section, ...]
    raw: dict

    @property
    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]

    def item(self, code: str) -> Item | None:
        return next((item for item in self.items if item.code == code), None)

    def languages(self) -> list[str]:
        return ["it", *sorted(self.raw.get("i18n", {}))]

    def localized(self, lang: str) -> dict:
        """Title, description, section titles, item and scale labels in `lang` (Italian where missing)."""
        i18n = self.raw.get("i18n", {}).get(lang, {})
        return {
            "title": i18n.get("title", self.title),
            "description": i18n.get("description", self.description),
            "sections": {s.code: i18n.get("sections", {}).get(s.code, s.title) for s in self.sections},
            "items": {i.code: i18n.get("items", {}).get(i.code, i.label) for i in self.items},
            "scale": {int(k): str(v) for k, v in i18n.get("scale", {}).items()},
        }

    @property
    def checksum(self) -> str:
        return hashlib.sha256(json.dumps(self.raw, sort_keys=True).encode()).hexdigest()


def _need(mapping: dict, key: str, where: str):
    if key not in mapping or mapping[key] in ("", None):
        raise DefinitionError(_("Manca «%(key)s» in %(where)s.") % {"key": key, "where": where})
    return mapping[key]


def parse(raw: dict) -> Definition:
    """Check a definition and return it; DefinitionError says what is wrong, in Italian."""
    code = _need(raw, "code", _("lo strumento"))
    version = _need(raw, "version", code)
    if not isinstance(version, int) or version < 1:
        raise DefinitionError(_("La versione deve essere un numero intero positivo."))
    kind = raw.get("kind", "generic")
    subject = raw.get("subject", "family")
    if kind not in KINDS:
        raise DefinitionError(_("Tipo di strumento sconosciuto: %(k)s.") % {"k": kind})
    if subject not in SUBJECTS:
        raise DefinitionError(_("Il soggetto deve essere «family» o «person»."))
    default_scale = raw.get("scale", {})
    seen: set[str] = set()
    sections = [_parse_section(s, seen, default_scale) for s in _need(raw, "sections", code)]
    return Definition(code=code, version=version, title=_need(raw, "title", code), kind=kind, subject=subject,
                      description=raw.get("description", ""), sections=tuple(sections), raw=raw)


def _parse_section(s: dict, seen: set[str], default_scale: dict) -> Section:
    s_code = _need(s, "code", _("una sezione"))
    score = s.get("score", "mean")
    if score not in SCORE_RULES:
        raise DefinitionError(_("Regola di punteggio sconosciuta nella sezione %(s)s.") % {"s": s_code})
    items = [_parse_item(i, s_code, seen, default_scale) for i in _need(s, "items", s_code)]
    return Section(code=s_code, title=_need(s, "title", s_code), score=score, items=tuple(items))


def _parse_item(i: dict, s_code: str, seen: set[str], default_scale: dict) -> Item:
    i_code = _need(i, "code", s_code)
    if i_code in seen:
        raise DefinitionError(_("Il codice «%(c)s» è ripetuto.") % {"c": i_code})
    seen.add(i_code)
    i_type = _need(i, "type", i_code)
    if i_type not in ITEM_TYPES:
        raise DefinitionError(_("Tipo di domanda sconosciuto per «%(c)s»: %(t)s.") % {"c": i_code, "t": i_type})
    choices = tuple((str(c[0]), str(c[1])) for c in i.get("choices", ()))
    if i_type in {"single", "multiple"} and not choices:
        raise DefinitionError(_("La domanda «%(c)s» non ha opzioni.") % {"c": i_code})
    low, high, labels = None, None, {}
    if i_type == "scale":
        low = int(i.get("min", default_scale.get("min", 1)))
        high = int(i.get("max", default_scale.get("max", 6)))
        if low >= high:
            raise DefinitionError(_("La scala di «%(c)s» non è valida.") % {"c": i_code})
        labels = {int(k): str(v) for k, v in (i.get("labels") or default_scale.get("labels") or {}).items()}
    return Item(code=i_code, label=_need(i, "label", i_code), type=i_type,
                required=bool(i.get("required", False)), narrative=bool(i.get("narrative", False)),
                choices=choices, min=low, max=high, labels=labels, section=s_code)


def parse_toml(text: str) -> Definition:
    try:
        return parse(tomllib.loads(text))
    except tomllib.TOMLDecodeError as error:
        raise DefinitionError(_("Il file non è un TOML valido: %(e)s") % {"e": error}) from error


def shipped_definitions() -> list[Definition]:
    return [parse_toml(path.read_text(encoding="utf-8")) for path in sorted(SHIPPED_DIR.glob("*.toml"))]


def _clean_scale(item: Item, value) -> tuple[dict, str | None]:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return {}, _("«%(l)s»: indica un punteggio.") % {"l": item.label}
    if not item.min <= number <= item.max:
        return {}, _("«%(l)s»: il punteggio deve essere tra %(a)s e %(b)s.") % {
            "l": item.label, "a": item.min, "b": item.max}
    return {"number": Decimal(number)}, None


def _clean_number(item: Item, value) -> tuple[dict, str | None]:
    try:
        return {"number": Decimal(str(value))}, None
    except InvalidOperation:
        return {}, _("«%(l)s»: scrivi un numero.") % {"l": item.label}


def _clean_single(item: Item, value) -> tuple[dict, str | None]:
    if value not in dict(item.choices):
        return {}, _("«%(l)s»: scegli una delle opzioni.") % {"l": item.label}
    return {"text": value}, None


def _clean_multiple(item: Item, value) -> tuple[dict, str | None]:
    values = list(value) if isinstance(value, list | tuple) else [value]
    if any(v not in dict(item.choices) for v in values):
        return {}, _("«%(l)s»: scegli tra le opzioni proposte.") % {"l": item.label}
    return {"choices": values}, None


def _clean_date(item: Item, value) -> tuple[dict, str | None]:
    try:
        return {"date": value if isinstance(value, date) else date.fromisoformat(str(value))}, None
    except ValueError:
        return {}, _("«%(l)s»: la data non è valida.") % {"l": item.label}


def _clean_text(item: Item, value) -> tuple[dict, str | None]:
    return {"text": str(value).strip()}, None


_CLEANERS = {"scale": _clean_scale, "number": _clean_number, "single": _clean_single, "multiple": _clean_multiple,
             "date": _clean_date}


def clean_answer(item: Item, value, note: str = "") -> tuple[dict, str | None]:
    """Turn a submitted value into a stored answer, or say in Italian why it is not acceptable."""
    empty = value in (None, "", [], ())
    stored: dict = {"number": None, "text": "", "choices": [], "date": None, "note": note.strip()}
    if empty:
        return stored, None
    changes, error = _CLEANERS.get(item.type, _clean_text)(item, value)
    if error:
        return stored, error
    stored.update(changes)
    return stored, None


def is_answered(item: Item, stored: dict) -> bool:
    return bool(stored.get("number") is not None or stored.get("text") or stored.get("choices") or stored.get("date"))
