import csv
import io
import zipfile
from datetime import date

from django.test import TestCase

from audit.models import AuditEntry
from core.testing import cf_for, submit_mdb
from exports.models import ExportJob
from exports.testing import run_queued_tasks


def export(client, key="una-chiave-lunga-2026", **extra):
    """Ask for the export, let the background worker run it, download it from «Le mie esportazioni»."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post("/indicatori/esportazione-ricerca/", {"key": key, **extra})
    assert response.status_code == 302 and response["Location"] == "/esportazioni/"
    job = ExportJob.objects.latest("pk")
    assert job.stato == "in_coda" and key not in str(job.params)  # the secret key is never stored
    run_queued_tasks()
    job.refresh_from_db()
    assert (job.stato, job.progresso) == ("pronta", 100)
    assert f"/esportazioni/{job.pk}/scarica/" in client.get("/esportazioni/").content.decode()
    download = client.get(f"/esportazioni/{job.pk}/scarica/")
    assert download.status_code == 200 and download["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))


def rows(archive, name):
    return list(csv.DictReader(io.StringIO(archive.read(name).decode())))


def test_no_direct_identifier_or_free_text_leaks(world, login):
    luca = world.family.persone.get(nome="Luca")
    luca.codice_fiscale = cf_for("Bianchi", "Luca", "M", date(2019, 4, 2))
    luca.save()
    submit_mdb(world.family, luca, world.casemanager)
    archive = export(login("rt"))
    import pyarrow.parquet as pq  # noqa: PLC0415 - heavy, loaded as the export itself loads it

    blob = "".join(archive.read(n).decode() for n in archive.namelist() if n.endswith(".csv"))
    # Parquet is compressed: read its values, do not search its bytes.
    blob += "".join(str(pq.read_table(io.BytesIO(archive.read(n))).to_pylist()) for n in archive.namelist()
                    if n.endswith(".parquet"))
    for secret in ("Bianchi", "Luca", "Maria", luca.codice_fiscale, "Narrazione", "2019-04-02", "SER-00001"):
        assert secret not in blob, secret
    assert {"famiglie.csv", "bambini.csv", "mondo_del_bambino.csv", "esiti_progetto.csv", "dizionario.csv"} <= set(
        archive.namelist())
    assert {"famiglie.parquet", "bambini.parquet", "mondo_del_bambino.parquet", "esiti_progetto.parquet"} <= set(
        archive.namelist())
    children = rows(archive, "bambini.csv")
    # One child of his kind: what describes him is left empty (k-anonymity), the rest stays.
    assert any(c["nascita"] == "" and c["sesso"] == "" and c["target"] == "1" for c in children)
    scores = rows(archive, "mondo_del_bambino.csv")
    assert len(scores) == 17 and {s["punteggio"] for s in scores} == {"3"}
    # Every column of every file is in the data dictionary.
    dictionary = {(d["file"], d["colonna"]) for d in rows(archive, "dizionario.csv")}
    for name in ("famiglie.csv", "bambini.csv", "mondo_del_bambino.csv", "esiti_progetto.csv"):
        header = archive.read(name).decode().splitlines()[0].split(",")
        assert {(name, column) for column in header} <= dictionary


def test_pseudonyms_are_stable_for_the_same_key_only(world, login):
    client = login("rt")
    first = {r["famiglia"] for r in rows(export(client), "famiglie.csv")}
    again = {r["famiglia"] for r in rows(export(client), "famiglie.csv")}
    other = {r["famiglia"] for r in rows(export(client, key="un-altra-chiave-2026"), "famiglie.csv")}
    assert first == again and not first & other and len(first) == 3


def test_another_ambito_is_never_exported(world, login):
    families = rows(export(login("rt_altro")), "famiglie.csv")
    assert len(families) == 1 and families[0]["territorio"] == ""  # alone: not even its place


def test_a_short_key_is_refused(world, login):
    response = login("rt").post("/indicatori/esportazione-ricerca/", {"key": "corta"})
    assert response.status_code == 422 and "almeno 12 caratteri" in response.content.decode()


def test_the_export_is_audit_logged(world, login):
    export(login("rt"))
    entry = AuditEntry.objects.get(object_repr="Esportazione pseudonimizzata per la valutazione")
    assert entry.actor == world.rt and len(entry.additional_data["ids"]) == 3


def test_the_parquet_tables_hold_the_same_rows_as_the_csv(world, login):
    import pyarrow.parquet as pq  # noqa: PLC0415 - heavy, loaded as the export itself loads it

    luca = world.family.persone.get(nome="Luca")
    submit_mdb(world.family, luca, world.casemanager, score=4)
    archive = export(login("rt"))
    for name in ("famiglie", "bambini", "mondo_del_bambino"):
        table = pq.read_table(io.BytesIO(archive.read(f"{name}.parquet")))
        csv_rows = rows(archive, f"{name}.csv")
        assert table.num_rows == len(csv_rows) and table.column_names == list(csv_rows[0])
        assert [str(v) for v in table.column(0).to_pylist()] == [r[table.column_names[0]] for r in csv_rows]
    scores = pq.read_table(io.BytesIO(archive.read("mondo_del_bambino.parquet"))).column("punteggio").to_pylist()
    assert set(scores) == {4}  # numbers stay numbers


def test_nobody_else_downloads_my_export(world, login):
    export(login("rt"))
    job = ExportJob.objects.get()
    assert login("rt_altro").get(f"/esportazioni/{job.pk}/scarica/").status_code == 404
    assert login("casemanager").get(f"/esportazioni/{job.pk}/scarica/").status_code == 404
    assert "Esportazione per la valutazione" not in login("rt_altro").get("/esportazioni/").content.decode()
