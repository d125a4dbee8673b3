"""Turning a register's cells into values, with an Italian message for what cannot be read.

Each parser takes the raw cell (str, number, date... as `reader` gives it) and returns the value or raises
`CellError` with what is wrong and how to put it right."""

import re
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from codicefiscale import codicefiscale
from django.utils.translation import gettext as _

from families.models import Person, Stato

from .reader import FormulaWithoutValue

# Excel's day 0 (its serial dates count from here, with the 1900 leap-year bug built in).
EXCEL_EPOCH = date(1899, 12, 30)
TWO_DIGIT_PIVOT = 30  # "15" → 2015, "85" → 1985: registers hold people born before 2030


class CellError(ValueError):
    pass


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, FormulaWithoutValue):
        raise CellError(_("la cella ha una formula (%(f)s) senza un valore calcolato: apri il file in Excel o "
                          "LibreOffice, salvalo e caricalo di nuovo, oppure scrivi il valore al posto della formula.")
                        % {"f": value.formula[:40]})
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return " ".join(str(value).split())


_DATE_PATTERNS = (
    re.compile(r"^(?P<d>\d{1,2})[/\-. ](?P<m>\d{1,2})[/\-. ](?P<y>\d{2}|\d{4})$"),
    re.compile(r"^(?P<y>\d{4})[/\-.](?P<m>\d{1,2})[/\-.](?P<d>\d{1,2})(?:[t ].*)?$"),
    re.compile(r"^(?P<d>\d{2})(?P<m>\d{2})(?P<y>\d{4})$"),
)
MONTHS = {name: number for number, names in enumerate((
    ("gennaio", "gen"), ("febbraio", "feb"), ("marzo", "mar"), ("aprile", "apr"), ("maggio", "mag"),
    ("giugno", "giu"), ("luglio", "lug"), ("agosto", "ago"), ("settembre", "set", "sett"), ("ottobre", "ott"),
    ("novembre", "nov"), ("dicembre", "dic")), 1) for name in names}
_WORD_DATE = re.compile(r"^(?P<d>\d{1,2})\s+(?P<m>[a-z]+)\.?\s+(?P<y>\d{4})$")


def parse_date(value: Any) -> date | None:
    """A date as Excel stores it (a date, or a serial number), or as text: 03/05/2015, 3-5-15, 2015-05-03,
    03.05.2015, 03052015, 3 maggio 2015. Day before month, as in Italy."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 80000:
            return EXCEL_EPOCH + timedelta(days=int(value))
        raise CellError(_("il numero %(v)s non è una data: scrivi la data come 03/05/2015.") % {"v": text(value)})
    raw = text(value).lower()
    if not raw:
        return None
    match = next((m for p in _DATE_PATTERNS if (m := p.match(raw))), None)
    if match is None and (word := _WORD_DATE.match(raw)) and word["m"] in MONTHS:
        day, month, year = int(word["d"]), MONTHS[word["m"]], int(word["y"])
    elif match is not None:
        day, month, year = int(match["d"]), int(match["m"]), int(match["y"])
    else:
        raise CellError(_("«%(v)s» non è una data che Trama sa leggere: scrivila come 03/05/2015.") % {"v": raw})
    if year < 100:
        year += 2000 if year < TWO_DIGIT_PIVOT else 1900
    try:
        return date(year, month, day)
    except ValueError:
        raise CellError(_("la data «%(v)s» non esiste: controlla il giorno e il mese.") % {"v": raw}) from None


def parse_codice_fiscale(value: Any) -> str:
    """Upper case, without spaces, dots or dashes (the check against the person is families.models.check_person)."""
    return re.sub(r"[\s.\-_]", "", text(value)).upper()


def parse_sex(value: Any) -> str:
    raw = text(value).lower()
    if not raw:
        return ""
    if raw in {"f", "femmina", "donna", "femminile"}:
        return Person.Sesso.F
    if raw in {"m", "maschio", "uomo", "maschile"}:
        return Person.Sesso.M
    raise CellError(_("«%(v)s» non è un sesso: scrivi F o M.") % {"v": text(value)})


_ROLES = (
    (("madre", "mamma", "genitore madre"), Person.Ruolo.MADRE),
    (("padre", "papa", "papà", "genitore padre"), Person.Ruolo.PADRE),
    (("figlio", "figlia", "figlio/a", "figlio minore", "figlia minore", "minore", "bambino", "bambina", "figlio/a minore"),
     Person.Ruolo.MINORE),
    (("figlio maggiorenne", "figlia maggiorenne", "figlio/a maggiorenne", "figlio adulto", "figlia adulta"),
     Person.Ruolo.FIGLIO_ADULTO),
    (("nonno", "nonna", "nonno/a", "caregiver", "compagno", "compagna", "partner", "convivente", "zio", "zia",
      "tutore", "affidatario", "affidataria"), Person.Ruolo.CAREGIVER),
    (("altro", "fratello", "sorella", "altro familiare", "cugino", "cugina"), Person.Ruolo.ALTRO),
)
ROLE_WORDS = {word: role for words, role in _ROLES for word in words}


def parse_role(value: Any) -> str:
    raw = text(value).lower()
    if not raw:
        return ""
    if raw in ROLE_WORDS:
        return ROLE_WORDS[raw]
    if raw in Person.Ruolo.values:
        return raw
    raise CellError(_("«%(v)s» non è un ruolo: scrivi madre, padre, figlio/a, nonno/a, altro caregiver o altro "
                      "familiare.") % {"v": text(value)})


def parse_bool(value: Any) -> bool:
    raw = text(value).lower()
    if raw in {"", "no", "n", "0", "falso", "false"}:
        return False
    if raw in {"si", "sì", "s", "x", "1", "vero", "true", "yes"}:
        return True
    raise CellError(_("«%(v)s»: scrivi sì o no.") % {"v": text(value)})


_STATES = {
    "segnalata": Stato.SEGNALATA, "segnalazione": Stato.SEGNALATA, "pre-assessment": Stato.PREASSESSMENT,
    "preassessment": Stato.PREASSESSMENT, "pre assessment": Stato.PREASSESSMENT, "inclusa": Stato.INCLUSA,
    "non inclusa": Stato.NON_INCLUSA, "assessment t0": Stato.ASSESSMENT_T0, "t0": Stato.ASSESSMENT_T0,
    "assessment": Stato.ASSESSMENT_T0, "progettazione": Stato.PROGETTAZIONE, "progetto quadro": Stato.PROGETTAZIONE,
    "in corso": Stato.IN_CORSO, "intervento in corso": Stato.IN_CORSO, "intervento": Stato.IN_CORSO,
    "t1": Stato.T1, "valutazione intermedia": Stato.T1, "t2": Stato.T2, "valutazione finale": Stato.T2,
    "chiusa": Stato.CHIUSA, "chiuso": Stato.CHIUSA, "conclusa": Stato.CHIUSA,
}


def parse_state(value: Any) -> str:
    raw = text(value).lower()
    if not raw:
        return ""
    if raw in _STATES:
        return _STATES[raw]
    for choice_value, label in Stato.choices:
        if raw in {choice_value, str(label).lower()}:
            return choice_value
    raise CellError(_("«%(v)s» non è una fase del percorso: scrivi segnalata, pre-assessment, inclusa, assessment "
                      "T0, progettazione, in corso, T1, T2 o chiusa.") % {"v": text(value)})


def parse_hours(value: Any, *, maximum: Decimal) -> Decimal | None:
    raw = text(value).lower().replace(",", ".").removesuffix("h").removesuffix("ore").strip()
    if not raw:
        return None
    try:
        hours = Decimal(raw).quantize(Decimal("0.1"))
    except InvalidOperation:
        raise CellError(_("«%(v)s» non è un numero di ore: scrivi per esempio 4 o 2,5.") % {"v": text(value)}) from None
    if hours <= 0 or hours > maximum:
        raise CellError(_("%(v)s ore: scrivi un numero di ore tra 0,1 e %(max)s.") % {"v": raw, "max": maximum})
    return hours


PARTICLES = {"de", "di", "da", "del", "della", "dei", "degli", "dello", "lo", "la", "le", "li", "el", "al", "ben",
             "bin", "abu", "van", "von", "mac", "mc", "dal", "dalla", "san", "santa"}


def split_full_name(value: str) -> tuple[str, str]:
    """«Cognome e nome» in one cell: the surname first, with its particles («De Luca Maria» → De Luca, Maria)."""
    words = value.split()
    if len(words) < 2:
        return value, ""
    cut = 1
    while cut < len(words) - 1 and words[cut - 1].lower() in PARTICLES:
        cut += 1
    return " ".join(words[:cut]), " ".join(words[cut:])


def name_case(value: str) -> str:
    """«ROSSI» and «rossi» as «Rossi», keeping what was typed in mixed case («De Luca», «McBride»)."""
    if value and (value.isupper() or value.islower()):
        return " ".join(w[:1].upper() + w[1:].lower() for w in value.split())
    return value


def sex_from_codice_fiscale(code: str) -> str:
    """F or M, from the day of birth of a valid codice fiscale (women's days are 41-71)."""
    try:
        if not codicefiscale.is_valid(code):
            raise CellError(code)
        return str(codicefiscale.decode(code)["gender"])
    except ValueError as error:
        raise CellError(code) from error
