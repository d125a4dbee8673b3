import csv
import io
import zipfile
from datetime import date

from core.testing import cf_for, submit_mdb


def export(client, key="una-chiave-lunga-2026", **extra):
    response = client.post("/indicatori/esportazione-ricerca/", {"key": key, **extra})
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.content))


def rows(archive, name):
    return list(csv.DictReader(io.StringIO(archive.read(name).decode())))


def test_no_direct_identifier_or_free_text_leaks(world, login):
    luca = world.family.persone.get(nome="Luca")
    luca.codice_fiscale = cf_for("Bianchi", "Luca", "M", date(2019, 4, 2))
    luca.save()
    submit_mdb(world.family, luca, world.casemanager)
    archive = export(login("rt"))
    blob = b"".join(archive.read(n) for n in archive.namelist()).decode()
    for secret in ("Bianchi", "Luca", "Maria", luca.codice_fiscale, "Narrazione", "2019-04-02", "SER-00001"):
        assert secret not in blob, secret
    assert {"famiglie.csv", "bambini.csv", "mondo_del_bambino.csv", "esiti_progetto.csv", "dizionario.csv"} <= set(
        archive.namelist())
    children = rows(archive, "bambini.csv")
    assert any(c["mese_nascita"] == "2019-04" and c["target"] == "1" for c in children)
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
    assert len(families) == 1 and families[0]["comune"] == "Comune di Monza"


def test_a_short_key_is_refused(world, login):
    response = login("rt").post("/indicatori/esportazione-ricerca/", {"key": "corta"})
    assert response.status_code == 422 and "almeno 12 caratteri" in response.content.decode()


def test_the_export_is_audit_logged(world, login):
    from audit.models import AuditEntry

    export(login("rt"))
    entry = AuditEntry.objects.get(object_repr="Esportazione pseudonimizzata per la valutazione")
    assert entry.actor == world.rt and len(entry.additional_data["ids"]) == 3
