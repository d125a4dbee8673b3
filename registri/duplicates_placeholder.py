"""Stand-in for families.duplicates (being written on branch h4) with its interface: exact codice fiscale only.
Replaced by `families.duplicates` once merged; nothing else of this app depends on how matching is done."""

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class PersonKey:
    nome: str
    cognome: str
    data_nascita: date | None
    codice_fiscale: str = ""


@dataclass(frozen=True)
class Evidence:
    kind: str
    reason: str


def match(a: PersonKey, b: PersonKey) -> Evidence | None:
    if a.codice_fiscale and a.codice_fiscale == b.codice_fiscale:
        return Evidence("codice_fiscale", "Stesso codice fiscale")
    return None


def candidate_pairs(keys: Sequence[tuple[K, PersonKey]]) -> list[tuple[K, K, Evidence]]:
    by_cf: dict[str, list[K]] = {}
    for key, person in keys:
        if person.codice_fiscale:
            by_cf.setdefault(person.codice_fiscale, []).append(key)
    pairs = []
    for group in by_cf.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                pairs.append((a, b, Evidence("codice_fiscale", "Stesso codice fiscale")))
    return pairs
