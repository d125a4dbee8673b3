"""Registers as the comuni keep them, made in the test: XLSX with a title row and merged headers, CSV in
Windows-1252 with `;`, Italian headers that differ from comune to comune, dates as text in several formats,
codici fiscali in lower case with spaces, the same family in two comuni's files with transliterated names."""

import csv
import io
import random
from dataclasses import dataclass
from datetime import date, timedelta

import openpyxl
from openpyxl.styles import Font

from core.testing import EnteFactory, cf_for, today
from organisation.models import Ambito, Ente

FIRST_F = ["Maria", "Fatima", "Giulia", "Amina", "Elena", "Sara", "Khadija", "Ioana", "Anna", "Meryem"]
FIRST_M = ["Luca", "Mohamed", "Hassan", "Ahmed", "Marco", "Youssef", "Andrei", "Omar", "Paolo", "Karim"]
SURNAMES = ["Rossi", "El Amrani", "Bianchi", "Ouali", "Popescu", "Ferrari", "Benali", "Esposito", "Hoxha",
            "Kovalenko", "Ricci", "Moretti", "Bruno", "Galli", "Conti", "De Luca", "Mancini", "Costa"]
# Transliterations the same person's name takes in two comuni's registers.
TRANSLITERATED = {"Mohamed": "Muhammad", "Hassan": "Hasan", "Youssef": "Yusuf", "Ouali": "Uali", "Fatima": "Fatma"}


@dataclass
class Member:
    cognome: str
    nome: str
    sesso: str
    born: date
    ruolo: str
    cf: str


def people_of(rng: random.Random, n_families: int, *, start: int = 0) -> list[tuple[str, str, list[Member]]]:
    """Families (nucleo id, address, members): a mother, often a father, one to three children."""
    now = today()
    families = []
    for i in range(start, start + n_families):
        surname = SURNAMES[i % len(SURNAMES)]
        members = []
        mother_born = now - timedelta(days=rng.randint(25 * 365, 45 * 365))
        members.append(_member(surname, rng.choice(FIRST_F), "F", mother_born, "madre"))
        if rng.random() < 0.6:
            members.append(_member(surname, rng.choice(FIRST_M), "M", mother_born - timedelta(days=rng.randint(0, 3000)),
                                   "padre"))
        for _ in range(rng.randint(1, 3)):
            sex = rng.choice("FM")
            born = now - timedelta(days=rng.randint(200, 12 * 365))
            members.append(_member(surname, rng.choice(FIRST_F if sex == "F" else FIRST_M), sex, born, "figlio/a"))
        families.append((f"N{i:04d}", f"Via {rng.choice(['Roma', 'Milano', 'Garibaldi', 'Verdi'])} {i + 1}", members))
    return families


def _member(cognome: str, nome: str, sesso: str, born: date, ruolo: str) -> Member:
    return Member(cognome, nome, sesso, born, ruolo, cf_for(cognome, nome, sesso, born))


def messy_cf(cf: str, rng: random.Random) -> str:
    """As typed by hand: lower case, spaces."""
    style = rng.randrange(3)
    if style == 0:
        return cf.lower()
    if style == 1:
        return f"{cf[:3]} {cf[3:6]} {cf[6:11]} {cf[11:]}"
    return cf


def messy_date(born: date, rng: random.Random) -> object:
    style = rng.randrange(5)
    return [born, born.strftime("%d/%m/%Y"), born.strftime("%d-%m-%Y"), born.strftime("%Y-%m-%d"),
            born.strftime("%d.%m.%y")][style]


def xlsx_bytes(headers: list[str], rows: list[list[object]], *, title: str = "", merged_header: bool = False) -> bytes:
    """An XLSX register; with a title row above the headers (merged across them) when `title` is given, and with
    the header «Cognome e nome» merged over two columns when `merged_header` (the second column is blank)."""
    book = openpyxl.Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
        sheet.append([])
    sheet.append(headers)
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    if merged_header:
        index = headers.index("Cognome") + 1
        sheet.merge_cells(start_row=header_row - 1, start_column=index, end_row=header_row - 1,
                          end_column=index + 1)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(headers: list[str], rows: list[list[object]], *, encoding: str = "cp1252", delimiter: str = ";") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["" if v is None else v.strftime("%d/%m/%Y") if isinstance(v, date) else v for v in row])
    return out.getvalue().encode(encoding)


SEREGNO_HEADERS = ["N. cartella", "Cognome", "Nome", "Sesso", "Data nascita", "Nato a", "C.F.", "Parentela",
                   "Indirizzo", "Comune di residenza", "Cittadinanza", "Consenso privacy"]
GIUSSANO_HEADERS = ["Nucleo", "Cognome e nome", "Data di nascita", "Cod. fiscale", "Ruolo nel nucleo", "Via",
                    "Comune", "Lingue"]


def seregno_rows(families, rng: random.Random, comune: str) -> list[list[object]]:
    rows = []
    for nucleo, address, members in families:
        for m in members:
            consent = (today() - timedelta(days=rng.randint(1, 300))).strftime("%d/%m/%Y") if m.ruolo == "madre" else ""
            rows.append([nucleo, m.cognome.upper() if rng.random() < 0.3 else m.cognome, m.nome, m.sesso,
                         messy_date(m.born, rng), "Seregno", messy_cf(m.cf, rng), m.ruolo, address, comune,
                         "italiana", consent])
    return rows


def giussano_rows(families, rng: random.Random, comune: str, *, transliterate: bool = True,
                  with_cf: bool = False) -> list[list[object]]:
    """The other comune's file: one column for the name, often no codice fiscale, names transliterated."""
    rows = []
    for nucleo, address, members in families:
        for m in members:
            nome = TRANSLITERATED.get(m.nome, m.nome) if transliterate else m.nome
            cognome = TRANSLITERATED.get(m.cognome, m.cognome) if transliterate else m.cognome
            rows.append([nucleo, f"{cognome} {nome}", m.born.strftime("%d/%m/%Y"), m.cf if with_cf else "",
                         m.ruolo, address, comune, "italiano"])
    return rows


def second_comune(ambito: Ambito) -> Ente:
    return EnteFactory(ambito=ambito, nome="Comune di Giussano")
