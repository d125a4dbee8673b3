"""The pseudonymised data set for the university's evaluation.

No names, codici fiscali, addresses or free text; dates reduced to the month; stable pseudonyms for the
same export key (HMAC), so that two exports with the same key can be joined and two with different
keys cannot.
"""

import csv
import hashlib
import hmac
import io
import os
import tempfile
import zipfile
from pathlib import Path
from typing import BinaryIO

from django.utils import timezone

from assessments.models import Answer, Response
from audit.services import log_list_view
from common.tabular import neutralise
from families.models import Family, Person
from plans.models import EsitoVerifica

from .policies import research_ambiti

CHUNK = 2000  # rows fetched from the database at a time (a server-side cursor on PostgreSQL)

# Each CSV file also comes as Parquet (same name, .parquet), with the same columns.
DICTIONARY = [
    ("famiglie.csv", "famiglia", "pseudonimo della famiglia (stabile per la stessa chiave di esportazione)"),
    ("famiglie.csv", "implementazione", "nome dell'implementazione (coorte)"),
    ("famiglie.csv", "comune", "comune di residenza"),
    ("famiglie.csv", "stato", "fase attuale del percorso"),
    ("famiglie.csv", "mese_segnalazione", "mese della segnalazione (AAAA-MM)"),
    ("famiglie.csv", "riunificazione", "1 se percorso di riunificazione familiare"),
    ("famiglie.csv", "esito_chiusura", "esito della chiusura, se chiusa"),
    ("famiglie.csv", "mese_stato", "mese di ingresso nella fase attuale (AAAA-MM)"),
    ("bambini.csv", "bambino", "pseudonimo del bambino"),
    ("bambini.csv", "famiglia", "pseudonimo della famiglia"),
    ("bambini.csv", "mese_nascita", "mese di nascita (AAAA-MM)"),
    ("bambini.csv", "sesso", "F o M"),
    ("bambini.csv", "target", "1 se bambino target del programma"),
    ("bambini.csv", "cittadinanza", "italiana / altra"),
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


def pseudonym(key: str, kind: str, pk: int) -> str:
    return hmac.new(key.encode(), f"{kind}:{pk}".encode(), hashlib.sha256).hexdigest()[:16]


def _month(value) -> str:
    return value.strftime("%Y-%m") if value else ""


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

        family_rows = families.values_list("pk", "implementazione__nome", "comune__nome", "stato", "data_segnalazione",
                                           "riunificazione", "esito_chiusura", "stato_dal").order_by("pk")
        write("famiglie.csv", ["famiglia", "implementazione", "comune", "stato", "mese_segnalazione", "riunificazione",
                               "esito_chiusura", "mese_stato"],
              ([pseudonym(key, "family", pk), cohort or "", comune, stato, _month(reported), int(reunif), esito,
                _month(since)] for pk, cohort, comune, stato, reported, reunif, esito, since
               in family_rows.iterator(chunk_size=CHUNK)))
        children = Person.objects.filter(family__in=families, ruolo=Person.Ruolo.MINORE).values_list(
            "pk", "family_id", "data_nascita", "sesso", "target", "cittadinanza").order_by("pk")
        write("bambini.csv", ["bambino", "famiglia", "mese_nascita", "sesso", "target", "cittadinanza"],
              ([pseudonym(key, "person", pk), pseudonym(key, "family", fam), _month(born), sex, int(target),
                "italiana" if (cit or "").lower().startswith("ital") else "altra"]
               for pk, fam, born, sex, target, cit in children.iterator(chunk_size=CHUNK)))
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
        write("dizionario.csv", ["file", "colonna", "significato"], (list(d) for d in DICTIONARY), parquet=False)


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
