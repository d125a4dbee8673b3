"""The pseudonymised data set for the university's evaluation.

No names, codici fiscali, addresses or free text; stable pseudonyms for the same export key (HMAC), so that
two exports with the same key can be joined and two with different keys cannot.

k-anonymity (k = K_ANONYMITY): a child is described by the place of the family, the birth, the sex and the
citizenship, and a family by its place and the dates of its path; together they could single one out (the only
girl of another citizenship born in May 2019 in a small comune). The export uses the least general level of
LEVELS at which no more than MAX_SUPPRESSED of the children and of the families fall in a combination that
fewer than k share; at that level those few have their describing columns left empty (local suppression). So
every combination that the files show appears at least k times. The level used is written in the dictionary.
"""

import csv
import hashlib
import hmac
import io
import os
import tempfile
import zipfile
from collections import Counter
from pathlib import Path
from typing import BinaryIO

from django.utils import timezone

from assessments.models import Answer, Response
from audit.services import log_list_view
from common.tabular import neutralise
from families.models import Family, Person
from plans.models import EsitoVerifica

from .policies import research_ambiti
from .rendicontazione import AGE_BANDS

CHUNK = 2000  # rows fetched from the database at a time (a server-side cursor on PostgreSQL)

# Each CSV file also comes as Parquet (same name, .parquet), with the same columns.
DICTIONARY = [
    ("famiglie.csv", "famiglia", "pseudonimo della famiglia (stabile per la stessa chiave di esportazione)"),
    ("famiglie.csv", "implementazione", "nome dell'implementazione (coorte)"),
    ("famiglie.csv", "territorio", "comune di residenza, o ambito (vedi «livello»); vuoto se raro"),
    ("famiglie.csv", "stato", "fase attuale del percorso"),
    ("famiglie.csv", "segnalazione", "mese (AAAA-MM) o anno della segnalazione (vedi «livello»); vuoto se raro"),
    ("famiglie.csv", "riunificazione", "1 se percorso di riunificazione familiare"),
    ("famiglie.csv", "esito_chiusura", "esito della chiusura, se chiusa"),
    ("famiglie.csv", "stato_dal", "mese (AAAA-MM) o anno di ingresso nella fase attuale; vuoto se raro"),
    ("bambini.csv", "bambino", "pseudonimo del bambino"),
    ("bambini.csv", "famiglia", "pseudonimo della famiglia"),
    ("bambini.csv", "nascita", "mese (AAAA-MM), anno o fascia d'età (vedi «livello»); vuoto se raro"),
    ("bambini.csv", "sesso", "F o M; vuoto se raro"),
    ("bambini.csv", "target", "1 se bambino target del programma"),
    ("bambini.csv", "cittadinanza", "italiana / altra; vuoto se raro"),
    ("mondo_del_bambino.csv", "bambino", "pseudonimo del bambino"),
    ("mondo_del_bambino.csv", "momento", "T0, T1, T2"),
    ("mondo_del_bambino.csv", "punto_di_vista", "operatore, famiglia, bambino, insegnante"),
    ("mondo_del_bambino.csv", "sottodimensione", "codice della sottodimensione (vedi lo strumento, versione indicata)"),
    ("mondo_del_bambino.csv", "versione", "versione dello strumento"),
    ("mondo_del_bambino.csv", "punteggio", "punteggio 1-6"),
    ("esiti_progetto.csv", "famiglia", "pseudonimo della famiglia"),
    ("esiti_progetto.csv", "momento", "momento della verifica (T1, T2, data)"),
    ("esiti_progetto.csv", "sottodimensione", "sottodimensione del risultato atteso"),
    ("esiti_progetto.csv", "esito", "raggiunto, parziale, non_raggiunto"),
]


K_ANONYMITY = 5
MAX_SUPPRESSED = 0.05
# From the most to the least detailed: (place, birth, dates of the path).
LEVELS = [("comune", "mese", "mese"), ("comune", "anno", "anno"), ("comune", "fascia", "anno"),
          ("ambito", "fascia", "anno")]
LEVEL_WORDS = {"comune": "comune di residenza", "ambito": "ambito territoriale", "mese": "mese (AAAA-MM)",
               "anno": "anno (AAAA)", "fascia": "fascia d'età alla data dell'esportazione"}


def _place(level: int, comune: str | None, ambito: str) -> str:
    return (comune or "") if LEVELS[level][0] == "comune" else ambito


def _birth(level: int, born, today) -> str:
    if not born:
        return ""
    kind = LEVELS[level][1]
    if kind == "mese":
        return born.strftime("%Y-%m")
    if kind == "anno":
        return str(born.year)
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return next((label for lo, hi, label in AGE_BANDS if lo <= age <= hi), "18+")


def _date(level: int, value) -> str:
    if not value:
        return ""
    return value.strftime("%Y-%m") if LEVELS[level][2] == "mese" else str(value.year)


def _citizenship(cit: str | None) -> str:
    return "italiana" if (cit or "").lower().startswith("ital") else "altra"


class Anonymity:
    """The level of LEVELS the export uses, and the combinations too rare at that level."""

    def __init__(self, families, children, today) -> None:
        self.today = today
        family_counts: list[Counter] = [Counter() for _ in LEVELS]
        child_counts: list[Counter] = [Counter() for _ in LEVELS]
        n_families = n_children = 0
        # Two passes over the rows, one to count and one to write: memory grows with the combinations, not rows.
        for _pk, comune, ambito, reported in families.values_list(
                "pk", "comune__nome", "ambito__codice", "data_segnalazione").iterator(chunk_size=CHUNK):
            n_families += 1
            for level, counts in enumerate(family_counts):
                counts[self.family_key(level, comune, ambito, reported)] += 1
        def rare(counts: Counter) -> set:
            return {key for key, n in counts.items() if n < K_ANONYMITY}

        # A child is read beside its family's row: where the family's place is left empty, so is the child's.
        rare_by_level = [rare(counts) for counts in family_counts]
        for comune, ambito, reported, born, sex, cit in children.values_list(
                "family__comune__nome", "family__ambito__codice", "family__data_segnalazione", "data_nascita",
                "sesso", "cittadinanza").iterator(chunk_size=CHUNK):
            n_children += 1
            for level, counts in enumerate(child_counts):
                hidden = self.family_key(level, comune, ambito, reported) in rare_by_level[level]
                counts[self.child_key(level, comune, ambito, born, sex, cit, hidden=hidden)] += 1

        def share(counts: Counter, total: int) -> float:
            return sum(counts[k] for k in rare(counts)) / total if total else 0.0

        self.level = next((level for level in range(len(LEVELS))
                           if share(family_counts[level], n_families) <= MAX_SUPPRESSED
                           and share(child_counts[level], n_children) <= MAX_SUPPRESSED), len(LEVELS) - 1)
        self.rare_families = rare(family_counts[self.level])
        self.rare_children = rare(child_counts[self.level])

    def family_key(self, level: int, comune, ambito, reported) -> tuple:
        return (_place(level, comune, ambito), _date(level, reported))

    def child_key(self, level: int, comune, ambito, born, sex, cit, *, hidden: bool = False) -> tuple:
        """The child's describing columns with the place as published on the family's row ("" if hidden)."""
        place = "" if hidden else _place(level, comune, ambito)
        return (place, _birth(level, born, self.today), sex or "", _citizenship(cit))

    def family(self, comune, ambito, reported, since) -> tuple[str, str, str]:
        """(place, reported, in state since) as published: empty when the family's combination is rare."""
        key = self.family_key(self.level, comune, ambito, reported)
        if key in self.rare_families:
            return "", "", ""
        return key[0], key[1], _date(self.level, since)

    def child(self, comune, ambito, reported, born, sex, cit) -> tuple[str, str, str]:
        """(birth, sex, citizenship) as published: empty when the child's combination is rare."""
        hidden = self.family_key(self.level, comune, ambito, reported) in self.rare_families
        key = self.child_key(self.level, comune, ambito, born, sex, cit, hidden=hidden)
        return ("", "", "") if key in self.rare_children else key[1:]

    def dictionary(self) -> list[tuple[str, str, str]]:
        place, birth, dates = LEVELS[self.level]
        return [
            ("(tutti)", "k-anonimato", f"k = {K_ANONYMITY}: ogni combinazione di territorio, nascita, sesso e "
             f"cittadinanza (bambini) e di territorio e data della segnalazione (famiglie) compare almeno "
             f"{K_ANONYMITY} volte; i pochi record di una combinazione più rara (al massimo il "
             f"{round(MAX_SUPPRESSED * 100)}%) hanno queste colonne vuote"),
            ("(tutti)", "livello", f"territorio: {LEVEL_WORDS[place]}; nascita: {LEVEL_WORDS[birth]}; date del "
             f"percorso: {LEVEL_WORDS[dates]}"),
        ]


def pseudonym(key: str, kind: str, pk: int) -> str:
    return hmac.new(key.encode(), f"{kind}:{pk}".encode(), hashlib.sha256).hexdigest()[:16]


# Columns that are numbers in Parquet (scores, flags); every other column is text, as in the CSV.
INTEGER_COLUMNS = {"riunificazione", "target", "punteggio"}
BATCH_ROWS = 5000


def write_research_zip(out: BinaryIO, *, families, key: str, progress=None) -> None:
    """Write to `out` a zip of CSV files, the same tables as Parquet, and their data dictionary.

    Rows are read from the database in chunks and written as they come (CSV straight into the zip, Parquet
    in row groups to a temporary file): memory stays bounded whatever the number of families.
    `progress(percent)` is called after each table (the background export shows it).
    """
    import pyarrow as pa  # noqa: PLC0415 - heavy, and needed for the research export only
    import pyarrow.parquet as pq  # noqa: PLC0415

    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive, tempfile.TemporaryDirectory() as tmp:
        done = [0]

        def write(name: str, header: list[str], rows, parquet: bool = True) -> None:
            schema = pa.schema([(h, pa.int64() if h in INTEGER_COLUMNS else pa.string()) for h in header])
            parquet_path = Path(tmp) / name.replace(".csv", ".parquet")
            writer = pq.ParquetWriter(parquet_path, schema) if parquet else None

            def flush(batch: list[list]) -> None:
                columns = [[None if v is None else (int(v) if h in INTEGER_COLUMNS else str(v)) for v in column]
                           for h, column in zip(header, zip(*batch, strict=True), strict=True)]
                writer.write_table(pa.Table.from_arrays([pa.array(c, type=f.type) for c, f in zip(columns, schema,
                                                                                                  strict=True)],
                                                        schema=schema))

            with archive.open(name, "w") as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as text:
                csv_writer = csv.writer(text)
                csv_writer.writerow(header)
                batch: list[list] = []
                for row in rows:
                    # A cohort's or comune's name is typed by a user: never a live formula in the CSV.
                    csv_writer.writerow([neutralise(v) if isinstance(v, str) else v for v in row])
                    if writer is not None:
                        batch.append(row)
                        if len(batch) >= BATCH_ROWS:
                            flush(batch)
                            batch = []
                if writer is not None:
                    if batch:
                        flush(batch)
                    writer.close()
            if writer is not None:
                archive.write(parquet_path, name.replace(".csv", ".parquet"))
                parquet_path.unlink()
            done[0] += 1
            if progress:
                progress(min(99, done[0] * 100 // 5))

        children = Person.objects.filter(family__in=families, ruolo=Person.Ruolo.MINORE)
        anonymity = Anonymity(families, children, timezone.localdate())
        family_rows = families.values_list("pk", "implementazione__nome", "comune__nome", "ambito__codice", "stato",
                                           "data_segnalazione", "riunificazione", "esito_chiusura",
                                           "stato_dal").order_by("pk")
        write("famiglie.csv", ["famiglia", "implementazione", "territorio", "stato", "segnalazione", "riunificazione",
                               "esito_chiusura", "stato_dal"],
              ([pseudonym(key, "family", pk), cohort or "", *place_and_dates[:1], stato, place_and_dates[1],
                int(reunif), esito, place_and_dates[2]]
               for pk, cohort, comune, ambito, stato, reported, reunif, esito, since
               in family_rows.iterator(chunk_size=CHUNK)
               for place_and_dates in [anonymity.family(comune, ambito, reported, since)]))
        child_rows = children.values_list("pk", "family_id", "family__comune__nome", "family__ambito__codice",
                                          "family__data_segnalazione", "data_nascita", "sesso", "target",
                                          "cittadinanza").order_by("pk")
        write("bambini.csv", ["bambino", "famiglia", "nascita", "sesso", "target", "cittadinanza"],
              ([pseudonym(key, "person", pk), pseudonym(key, "family", fam), *described[:2], int(target), described[2]]
               for pk, fam, comune, ambito, reported, born, sex, target, cit in child_rows.iterator(chunk_size=CHUNK)
               for described in [anonymity.child(comune, ambito, reported, born, sex, cit)]))
        answers = Answer.objects.filter(
            response__family__in=families, response__status=Response.Status.SUBMITTED, response__person__isnull=False,
            response__instrument_version__instrument__code="mondo_del_bambino", number__isnull=False,
        ).values_list("response__person_id", "response__time_point", "response__perspective", "item_code",
                      "response__instrument_version__version", "number").order_by("pk")
        write("mondo_del_bambino.csv", ["bambino", "momento", "punto_di_vista", "sottodimensione", "versione", "punteggio"],
              ([pseudonym(key, "person", person), tp, perspective, item, version, int(number)]
               for person, tp, perspective, item, version, number in answers.iterator(chunk_size=CHUNK)))
        outcomes = EsitoVerifica.objects.filter(verifica__progetto__family__in=families).values_list(
            "verifica__progetto__family_id", "verifica__momento", "risultato__sottodimensione", "esito").order_by("pk")
        write("esiti_progetto.csv", ["famiglia", "momento", "sottodimensione", "esito"],
              ([pseudonym(key, "family", fam), momento, sub, esito]
               for fam, momento, sub, esito in outcomes.iterator(chunk_size=CHUNK)))
        write("dizionario.csv", ["file", "colonna", "significato"],
              (list(d) for d in [*DICTIONARY, *anonymity.dictionary()]), parquet=False)


__all__ = ["Family", "write_research_zip"]


def derived_key(raw: str) -> str:
    """What is stored for a background export instead of the secret key: pseudonyms derive from it alone."""
    return hashlib.sha256(f"trama-ricerca:{raw}".encode()).hexdigest()


def run_export(*, job, progress) -> tuple[str, str, Path]:
    """The background exporter (exports.registry): the RT's ambiti at the time it runs."""
    rt_ambiti = research_ambiti(job.user)
    families = Family.objects.filter(ambito_id__in=rt_ambiti)
    if job.params.get("implementazione"):
        families = families.filter(implementazione_id=job.params["implementazione"])
    # Written to a temporary file, row by row: the task copies it to storage and deletes it.
    handle, name = tempfile.mkstemp(prefix="trama-ricerca-", suffix=".zip")
    path = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            write_research_zip(out, families=families, key=job.params["key"], progress=progress)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    log_list_view(user=job.user, model=Family, object_ids=families.values_list("pk", flat=True),
                  description="Esportazione pseudonimizzata per la valutazione",
                  ambito_id=next(iter(rt_ambiti)) if len(rt_ambiti) == 1 else None)
    return f"trama-ricerca-{timezone.localdate():%Y%m%d}.zip", "application/zip", path
