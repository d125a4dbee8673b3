"""The data-subject access export as a letter a parent can read (GDPR art. 12 and 15).

The JSON export stays complete for machines. The PDF says the same in plain Italian: who holds the data, what
is held about the family and the children (with the fields' own labels, the choices' words, dates written out,
people's names instead of ids), why, who has seen it and when, the consents, how long it is kept, the rights
and whom to ask.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.models import AuditEntry
from families.models import Consent, Family

from .collect import SKIP_FIELDS, related_objects

# Fields that say when or how a row was stored, not something about the family.
TECHNICAL = SKIP_FIELDS | {"id", "updated_at", "family", "ambito", "versione_attivita"}
# The order of the kinds of records in the letter: the family and its people first.
FIRST = ["families.family", "families.person", "families.consent", "families.pathevent"]


@dataclass(frozen=True)
class Item:
    label: str
    value: str


@dataclass
class Record:
    title: str
    items: list[Item] = field(default_factory=list)


@dataclass
class Kind:
    title: str
    records: list[Record] = field(default_factory=list)


@dataclass
class Letter:
    family: Family
    kinds: list[Kind]
    consents: list[Consent]
    accesses: list[AuditEntry]
    retention_years: int
    written: datetime = field(default_factory=timezone.now)


def spoken(value: object, model_field: models.Field | None = None) -> str:
    """A value as a person writes it: words for choices, dates written out, "sì"/"no", names for people."""
    if value is None or value == "" or value == [] or value == {}:
        return ""
    choices = dict(model_field.flatchoices) if model_field is not None and model_field.choices else {}
    base = getattr(model_field, "base_field", None)
    if not choices and base is not None and base.choices:
        choices = dict(base.flatchoices)
    if isinstance(value, bool):
        return _("sì") if value else _("no")
    if isinstance(value, datetime):
        # Italian months are written in lower case (Django's catalogue capitalises them).
        return formats.date_format(timezone.localtime(value), "j F Y, H:i").lower()
    if isinstance(value, date):
        return formats.date_format(value, "j F Y").lower()
    if isinstance(value, list | tuple):
        return ", ".join(filter(None, (spoken(v, None) if not choices else str(choices.get(v, v)) for v in value)))
    if isinstance(value, dict):
        return "; ".join(f"{k}: {spoken(v)}" for k, v in value.items() if spoken(v))
    if isinstance(value, User):
        return value.get_full_name() or value.get_username()
    if isinstance(value, models.fields.files.FieldFile):
        return _("un documento allegato") if value else ""
    if choices:
        return str(choices.get(value, value))
    return str(value)


def _record(instance: models.Model) -> Record:
    record = Record(title=str(instance))
    for model_field in instance._meta.concrete_fields:
        if model_field.name in TECHNICAL:
            continue
        value = getattr(instance, model_field.name)
        text = spoken(value, model_field)
        if text:
            record.items.append(Item(str(model_field.verbose_name).capitalize(), text))
    return record


def letter_for(family: Family) -> Letter:
    """What the family is told it holds: every record of it, written out (the family's own records only)."""
    found = related_objects(family)
    order = {label: i for i, label in enumerate(FIRST)}
    kinds = []
    for model, instances in sorted(found.items(), key=lambda kv: (order.get(kv[0]._meta.label_lower, len(order)),
                                                                  str(kv[0]._meta.verbose_name_plural))):
        kinds.append(Kind(title=str(model._meta.verbose_name_plural).capitalize(),
                          records=[_record(instance) for instance in instances]))
    accesses = list(AuditEntry.objects.filter(family_id=family.pk, action=AuditEntry.Action.ACCESS)
                    .select_related("actor").order_by("timestamp"))
    consents = list(family.consensi.select_related("person").order_by("data", "pk"))
    return Letter(family=family, kinds=kinds, consents=consents, accesses=accesses,
                  retention_years=settings.TRAMA_RETENTION_YEARS)
