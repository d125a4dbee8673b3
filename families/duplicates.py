"""Finding the same person registered twice: by codice fiscale, or by a similar name and the same birth date.

Pure functions on plain values, with no database access, so that the import of a register (which matches rows
of a file before they are saved) and the review page of the ambito (which matches saved persons) share one rule.

The name rule is domain knowledge, written here rather than borrowed: the families' names reach the registers
through several transliterations (Arabic through French and through Italian, Albanian, Ukrainian...), so that
Mohamed, Mohammed and Muhammad, Youssef and Yusuf, Oualid and Walid are one name typed by different offices.
The rule folds those differences into a key and then accepts only small vowel-like edits between two keys, never
in the last letter: in Italian that letter carries the gender (Mario / Maria, Francesco / Francesca), and twins share
a birth date and a surname. A pair with only the birth date in common is never a candidate.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from codicefiscale import codicefiscale
from django.utils.translation import gettext as _
from rapidfuzz.distance import Levenshtein

K = TypeVar("K")

# The characters of a codice fiscale that omocodia may replace with a letter, and the letter for each digit.
_OMOCODIA_POSITIONS = (6, 7, 9, 10, 12, 13, 14)
_OMOCODIA_LETTERS = "LMNPQRSTUV"
_CF_SHAPE = re.compile(r"^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$")

_VOWELS = frozenset("aiu")  # after the folding below, e and o have become i and u
# Applied in order to each name, after accents are removed and before double letters are collapsed.
_TRANSLITERATIONS: tuple[tuple[str, str], ...] = (
    ("sh", "s"),   # Aisha / Aicha (below): one sound, kept apart from the Italian s only by the vowel rule
    ("x", "ks"),   # Oxana / Oksana
    ("ph", "f"),   # Mustapha / Mustafa
    ("kh", "k"),   # Khadija / Kadija
    ("ck", "k"),
    ("q", "k"),    # Qasim / Kasim
    ("ou", "u"),   # French: Youssef / Yussef, Mourad / Murad
    ("w", "u"),    # Walid / Oualid (which the line above made ualid)
    ("y", "i"),    # Yasmin / Iasmin, Aysha / Aisha
    ("ee", "i"),
    ("oo", "u"),
    ("e", "i"),    # Arabic has three short vowels: e/i and o/u are one sound written two ways
    ("o", "u"),
)


@dataclass(frozen=True)
class PersonKey:
    """What the matcher needs of a person; sesso ("F", "M" or "") keeps twins of different sex apart."""

    nome: str
    cognome: str
    data_nascita: date | None
    codice_fiscale: str = ""
    sesso: str = ""


@dataclass(frozen=True)
class Evidence:
    kind: str  # "codice_fiscale" | "nome_data"
    reason: str  # Italian, shown to the person who decides


def normalize_codice_fiscale(value: str) -> str:
    """Upper case, without spaces or punctuation: the codice fiscale as registers type it, made comparable."""
    return re.sub(r"[^A-Z0-9]", "", (value or "").upper())


def decode_omocodia(value: str) -> str:
    """The first 15 characters of a well-formed codice fiscale with its omocodia letters turned back to digits.

    The check character is dropped because omocodia recomputes it. Anything not shaped like a codice fiscale, or
    whose check character is wrong, gives "": a typing mistake must neither match nor rule out another person.
    """
    if not value:
        return ""  # most persons of a register, and the fast way out of the matcher's blocking
    cf = normalize_codice_fiscale(value)
    if not _CF_SHAPE.match(cf) or codicefiscale.encode_cin(cf[:15]) != cf[15]:
        return ""
    chars = list(cf[:15])
    for position in _OMOCODIA_POSITIONS:
        if chars[position] in _OMOCODIA_LETTERS:
            chars[position] = str(_OMOCODIA_LETTERS.index(chars[position]))
    return "".join(chars)


def _sex_from_cf(cf: str) -> str:
    base = decode_omocodia(cf)
    if not base:
        return ""
    return "F" if int(base[9:11]) > 40 else "M"


def _fold(value: str) -> str:
    """Lower case ASCII letters and spaces: accents, apostrophes and hyphens go (D'Angelo, Al-Amin, Hélène)."""
    decomposed = unicodedata.normalize("NFKD", value or "")
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return " ".join(re.sub(r"[^a-z]+", " ", ascii_only).split())


def name_key(value: str) -> str:
    """The transliteration-tolerant key of one name (nome or cognome), tokens kept apart by spaces."""
    tokens = []
    for token in _fold(value).split():
        # French "ch" is the English "sh" (Aicha, Chaima); Italian has no "ch" before a, o, u, so no clash.
        token = re.sub(r"ch(?=[aou])", "s", token)
        for old, new in _TRANSLITERATIONS:
            token = token.replace(old, new)
        token = re.sub(r"(.)\1+", r"\1", token)  # Hassan / Hasan, Mohammed / Mohamed
        if len(token) > 2 and token.endswith("h"):
            token = token[:-1]  # Fatimah / Fatima
        if token:
            tokens.append(token)
    return " ".join(tokens)


def _keys_close(a: str, b: str) -> bool:
    """Two joined keys differ only by one or two vowel-like edits, none of them in the last letter."""
    if a == b:
        return True
    if min(len(a), len(b)) < 4:
        return False
    allowed = 2 if min(len(a), len(b)) >= 8 else 1
    if Levenshtein.distance(a, b, score_cutoff=allowed) > allowed:
        return False
    for op in Levenshtein.editops(a, b):
        if op.src_pos >= len(a) - 1 or op.dest_pos >= len(b) - 1:
            return False  # the last letter: Mario / Maria, Francesco / Francesca
        if op.tag == "replace":
            if not (a[op.src_pos] in _VOWELS and b[op.dest_pos] in _VOWELS):
                return False
        elif op.tag == "delete":
            if a[op.src_pos] not in _VOWELS | {"h"}:
                return False
        elif op.tag == "insert" and b[op.dest_pos] not in _VOWELS | {"h"}:
            return False
    return True


def _names_close(a: str, b: str) -> bool:
    """One name field of two persons: close keys, joined (El Amrani / Elamrani) or a second name left out."""
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return False
    if _keys_close(ka.replace(" ", ""), kb.replace(" ", "")):
        return True
    # "Maria" in one register and "Maria Grazia" in the other: every name of the shorter is in the longer.
    ta, tb = ka.split(), kb.split()
    shorter, longer = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(shorter) == len(longer):
        return False
    return all(any(_keys_close(s, t) for t in longer) for s in shorter)


def _same_spelling(a: str, b: str) -> bool:
    return _fold(a) == _fold(b)


def _match_by_cf(a: PersonKey, b: PersonKey) -> Evidence | None | bool:
    """Evidence when the codici fiscali agree, False when both are valid and differ (then they decide), else None."""
    cfa, cfb = normalize_codice_fiscale(a.codice_fiscale), normalize_codice_fiscale(b.codice_fiscale)
    base_a, base_b = decode_omocodia(cfa), decode_omocodia(cfb)
    if not base_a or not base_b:
        return None
    if cfa == cfb:
        return Evidence(kind="codice_fiscale", reason=_("Stesso codice fiscale"))
    if base_a == base_b:
        return Evidence(kind="codice_fiscale", reason=_(
            "Stesso codice fiscale salvo le lettere di omocodia (%(a)s / %(b)s): verificare, "
            "l'omocodia serve a distinguere due persone") % {"a": cfa, "b": cfb})
    return False


def match(a: PersonKey, b: PersonKey) -> Evidence | None:
    """Why a and b may be the same person, or None.

    Two well-formed codici fiscali that differ say two persons, whatever the names: the codice fiscale is the
    stronger evidence and a name match would then only be a coincidence of twins or namesakes.
    """
    by_cf = _match_by_cf(a, b)
    if isinstance(by_cf, Evidence):
        return by_cf
    if by_cf is False or a.data_nascita is None or a.data_nascita != b.data_nascita:
        return None
    sex_a = a.sesso or _sex_from_cf(a.codice_fiscale)
    sex_b = b.sesso or _sex_from_cf(b.codice_fiscale)
    if sex_a and sex_b and sex_a != sex_b:
        return None
    if _names_close(a.nome, b.nome) and _names_close(a.cognome, b.cognome):
        differing = [(x, y) for x, y in ((a.nome, b.nome), (a.cognome, b.cognome)) if not _same_spelling(x, y)]
        if not differing:
            return Evidence(kind="nome_data", reason=_("Stesso nome e cognome, stessa data di nascita"))
        shown = ", ".join(f"{x.strip()} / {y.strip()}" for x, y in differing)
        return Evidence(kind="nome_data", reason=_("Nomi simili (%(names)s), stessa data di nascita") % {"names": shown})
    if _names_close(a.nome, b.cognome) and _names_close(a.cognome, b.nome):
        shown = f"{a.nome.strip()} {a.cognome.strip()} / {b.nome.strip()} {b.cognome.strip()}"
        return Evidence(kind="nome_data", reason=_(
            "Nome e cognome scambiati (%(names)s), stessa data di nascita") % {"names": shown})
    return None


def candidate_pairs(keys: Sequence[tuple[K, PersonKey]]) -> list[tuple[K, K, Evidence]]:
    """Every pair of keys that match, each once, in the order of the input.

    Only keys sharing a block are compared: the birth date, or the codice fiscale without omocodia. Blocks are
    small (a birth date is shared by a few persons of an ambito), so the work grows with the number of keys,
    not with its square.
    """
    blocks: defaultdict[object, list[int]] = defaultdict(list)
    for index, (_key, person) in enumerate(keys):
        if person.data_nascita is not None:
            blocks[("data", person.data_nascita)].append(index)
        base = decode_omocodia(person.codice_fiscale)
        if base:
            blocks[("cf", base)].append(index)
    seen: set[tuple[int, int]] = set()
    found: list[tuple[int, int, Evidence]] = []
    for members in blocks.values():
        for position, i in enumerate(members):
            for j in members[position + 1:]:
                if i == j or (i, j) in seen:
                    continue
                seen.add((i, j))
                evidence = match(keys[i][1], keys[j][1])
                if evidence is not None:
                    found.append((i, j, evidence))
    found.sort(key=lambda item: (item[0], item[1]))
    return [(keys[i][0], keys[j][0], evidence) for i, j, evidence in found]
