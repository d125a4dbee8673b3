"""The import through the pages: upload, mapping, preview in the background, commit, and a second run."""

import random

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase

from audit.models import AuditEntry
from exports.testing import run_queued_tasks
from families.models import Family, Person
from registri.models import Importazione, MappaturaRegistro, RiferimentoRegistro

from .helpers import (
    GIUSSANO_HEADERS,
    SEREGNO_HEADERS,
    csv_bytes,
    giussano_rows,
    people_of,
    second_comune,
    seregno_rows,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(client, world, data: bytes, name: str, comune=None, equipe=None):
    fields = {"ambito": world.ambito.pk, "file": SimpleUploadedFile(name, data)}
    if comune is not None:
        fields["comune"] = comune.pk
    if equipe is not None:
        fields["equipe"] = equipe.pk
    return client.post("/registri/", fields)


def through_preview(client, world, data: bytes, name: str, *, comune=None, equipe=None, salva=False):
    response = upload(client, world, data, name, comune=comune, equipe=equipe)
    assert response.status_code == 302, response.content.decode()[:3000]
    importazione = Importazione.objects.latest("pk")
    page = client.get(f"/registri/{importazione.pk}/colonne/")
    assert page.status_code == 200
    post = {f"col_{i}": code for i, code in enumerate(importazione.mappatura)}
    if salva:
        post["salva"] = "on"
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert client.post(f"/registri/{importazione.pk}/colonne/", post).status_code == 302
    run_queued_tasks()
    importazione.refresh_from_db()
    assert importazione.stato == Importazione.Stato.ANTEPRIMA, importazione.errore
    return importazione


def commit(client, importazione, **post):
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(f"/registri/{importazione.pk}/conferma/", post)
    assert response.status_code == 302
    run_queued_tasks()
    importazione.refresh_from_db()
    return importazione


def test_a_messy_register_is_previewed_then_imported_and_a_second_import_creates_nothing(world, login):
    client = login("rt")
    rng = random.Random(11)
    families = people_of(rng, 80)
    rows = seregno_rows(families, rng, "Seregno")
    rows[5][6] = "RSSMRA15E43F704X"  # a codice fiscale that belongs to someone else
    data = xlsx_bytes(SEREGNO_HEADERS, rows, title="Registro del Servizio Minori — Comune di Seregno")
    people_before = Person.objects.count()
    importazione = through_preview(client, world, data, "Seregno 2025.xlsx", comune=world.comune, salva=True)

    page = client.get(f"/registri/{importazione.pk}/").content.decode()
    total = len(rows)
    assert f"righe {total}, valide " in page
    assert "Riga 9, C.F.: " in page  # the sixth data row: title, blank line and header above it
    assert "con errori: resta fuori" in page
    assert Person.objects.count() == people_before  # the preview writes nothing
    assert MappaturaRegistro.objects.filter(comune=world.comune).exists()

    # With rows in error the commit needs an explicit yes.
    commit(client, importazione)
    assert importazione.stato == Importazione.Stato.ANTEPRIMA
    assert Person.objects.count() == people_before
    importazione = commit(client, importazione, senza_errori="on")
    assert importazione.stato == Importazione.Stato.IMPORTATA, importazione.errore
    created = Person.objects.count() - people_before
    assert created == importazione.risultato["persone"] > 0
    assert created < total  # the family of the row in error stayed out
    assert not importazione.file  # the register's copy is not kept once imported
    assert AuditEntry.objects.filter(reason__startswith="Importazione del registro «Seregno 2025.xlsx»").count() >= created
    assert RiferimentoRegistro.objects.filter(tipo="nucleo").count() == importazione.risultato["famiglie"]

    # The same file again: the saved mapping is proposed, and nothing new is created.
    counts = (Family.objects.count(), Person.objects.count())
    again = through_preview(client, world, data, "Seregno 2025.xlsx", comune=world.comune)
    assert again.anteprima["counts"]["persone_nuove"] == 0
    commit(client, again, senza_errori="on")
    assert (Family.objects.count(), Person.objects.count()) == counts


def test_the_same_families_in_another_comunes_csv_are_reported_as_duplicates(world, login):
    client = login("rt")
    giussano = second_comune(world.ambito)
    rng = random.Random(12)
    families = people_of(rng, 30)
    first = through_preview(client, world, xlsx_bytes(SEREGNO_HEADERS, seregno_rows(families, rng, "Seregno")),
                            "seregno.xlsx", comune=world.comune)
    commit(client, first)
    data = csv_bytes(GIUSSANO_HEADERS, giussano_rows(families[:10], rng, "Giussano"), encoding="cp1252")
    second = through_preview(client, world, data, "giussano.csv", comune=giussano)
    duplicates = second.anteprima["duplicates"]
    assert duplicates
    assert all(d["a"].startswith("Riga ") and d["b"].startswith("In Trama:") for d in duplicates)
    reasons = " ".join(d["reason"] for d in duplicates)
    assert "Muhammad" in reasons or "Hasan" in reasons or "Yusuf" in reasons or "Uali" in reasons
    page = client.get(f"/registri/{second.pk}/").content.decode()
    assert "Possibili doppioni" in page


def test_the_template_has_the_columns_and_an_explanation_sheet(world, login):
    response = login("rt").get("/registri/modello.xlsx")
    assert response["Content-Type"] == XLSX
    book = openpyxl.load_workbook(__import__("io").BytesIO(response.content))
    assert book.sheetnames == ["Registro", "Istruzioni"]
    headers = [c.value for c in book["Registro"][1]]
    assert "Codice fiscale" in headers and "Nucleo (id della famiglia nel registro)" in headers
    assert any("C.F." in (c.value or "") or "cf" in (c.value or "") for c in book["Istruzioni"]["C"])


def test_the_template_imports_as_it_is(world, login):
    client = login("rt")
    template = client.get("/registri/modello.xlsx").content
    importazione = through_preview(client, world, template, "modello.xlsx")
    assert importazione.anteprima["counts"]["righe"] == 1
    assert all(code for code in importazione.mappatura if code)


def test_a_case_manager_imports_only_for_their_equipe(world, login):
    client = login("casemanager")
    data = csv_bytes(["Cognome", "Nome", "Sesso", "Data nascita", "Comune", "Équipe"],
                     [["Neri", "Ada", "F", "01/02/1980", "Seregno", "Équipe Uno"],
                      ["Blu", "Ugo", "M", "01/02/1980", "Seregno", "Équipe Due"]], encoding="utf-8")
    response = upload(client, world, data, "r.csv")
    assert "Scegli la tua équipe" in response.content.decode()
    importazione = through_preview(client, world, data, "r.csv", equipe=world.equipe)
    assert any("Riga 3, Équipe: puoi importare solo le famiglie della tua équipe" in p
               for p in importazione.anteprima["problems"])
    commit(client, importazione, senza_errori="on")
    assert Person.objects.filter(cognome="Neri", family__equipe=world.equipe).exists()
    assert not Person.objects.filter(cognome="Blu").exists()


def test_it_refuses_another_ambitos_comune_and_anothers_import(world, login):
    client = login("rt_altro")
    response = client.post("/registri/", {"ambito": world.ambito.pk, "comune": world.comune.pk,
                                          "file": SimpleUploadedFile("r.csv", b"Cognome;Nome\nRossi;Anna\n")})
    assert response.status_code == 200
    assert not Importazione.objects.exists()
    mine = login("rt")
    upload(mine, world, b"Cognome;Nome\nRossi;Anna\n", "r.csv")
    importazione = Importazione.objects.get()
    assert client.get(f"/registri/{importazione.pk}/").status_code == 404
    assert login("casemanager").get(f"/registri/{importazione.pk}/colonne/").status_code == 404


def test_rows_naming_another_ambitos_comune_are_refused(world, login):
    client = login("rt")
    data = csv_bytes(["Cognome", "Nome", "Sesso", "Comune di residenza"], [["Rossi", "Anna", "F", "Monza"]])
    importazione = through_preview(client, world, data, "r.csv")
    assert importazione.anteprima["problems"] == [
        "Riga 2, Comune di residenza: il comune «Monza» non è dell'ambito Ambito di Seregno: importa solo i "
        "registri dei comuni dell'ambito."]


def test_an_unreadable_upload_gets_a_message_and_nothing_is_kept(world, login):
    response = upload(login("rt"), world, b"%PDF-1.4 ...", "registro.pdf")
    assert "non è un foglio di calcolo" in response.content.decode()
    assert not Importazione.objects.exists()


def test_a_saved_mapping_is_proposed_for_the_next_file_of_the_same_comune(world, login):
    client = login("rt")
    data = csv_bytes(["Cognome", "Nome", "Sesso", "Colonna X"], [["Rossi", "Anna", "F", "Via Roma 1"]])
    upload(client, world, data, "r.csv", comune=world.comune)
    first = Importazione.objects.latest("pk")
    assert first.mappatura == ["cognome", "nome", "sesso", ""]
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(f"/registri/{first.pk}/colonne/", {"col_0": "cognome", "col_1": "nome", "col_2": "sesso",
                                                        "col_3": "indirizzo", "salva": "on"})
    upload(client, world, data, "r.csv", comune=world.comune)
    assert Importazione.objects.latest("pk").mappatura == ["cognome", "nome", "sesso", "indirizzo"]


def test_a_mapping_without_names_is_refused_with_a_message(world, login):
    client = login("rt")
    upload(client, world, csv_bytes(["Cognome", "Nome"], [["Rossi", "Anna"]]), "r.csv")
    importazione = Importazione.objects.latest("pk")
    response = client.post(f"/registri/{importazione.pk}/colonne/", {"col_0": "cognome", "col_1": ""})
    assert "Indica la colonna del cognome e quella del nome" in response.content.decode()
    importazione.refresh_from_db()
    assert importazione.stato == Importazione.Stato.CARICATA
