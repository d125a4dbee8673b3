"""manage.py import_registro: the same check and commit as the page, from a shell."""

import json
import random
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from audit.models import AuditEntry
from families.models import Consent, Family, Person

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


def run(*args) -> str:
    out = StringIO()
    call_command("import_registro", *args, stdout=out)
    return out.getvalue()


def test_it_imports_a_messy_register_and_a_second_run_creates_nothing(world, tmp_path):
    rng = random.Random(1)
    families = people_of(rng, 60)
    path = tmp_path / "seregno.xlsx"
    path.write_bytes(xlsx_bytes(SEREGNO_HEADERS, seregno_rows(families, rng, "Seregno"),
                                title="Registro Servizio Minori - Comune di Seregno"))
    people_before = Person.objects.count()
    out = run(str(path), "--ambito", "SER")
    n_people = sum(len(m) for _n, _a, m in families)
    assert out.strip().splitlines()[-1] == f"righe {n_people}, valide {n_people}, con errori 0, possibili doppioni 0"
    assert Person.objects.count() == people_before + n_people
    assert Family.objects.filter(ambito=world.ambito, nome__startswith="Famiglia ").count() >= 60
    assert Consent.objects.filter(note="Dal registro importato").count() == 60
    assert AuditEntry.objects.filter(additional_data__reason__startswith="Importazione del registro").exists() or \
        AuditEntry.objects.filter(reason__startswith="Importazione del registro").exists()

    counts = (Family.objects.count(), Person.objects.count(), Consent.objects.count())
    out = run(str(path), "--ambito", "SER")
    assert (Family.objects.count(), Person.objects.count(), Consent.objects.count()) == counts
    assert "Create: 0 famiglie, 0 persone" in out


def test_it_finds_the_same_family_in_another_comunes_file_with_transliterated_names(world, tmp_path):
    second_comune(world.ambito)
    rng = random.Random(2)
    families = people_of(rng, 20)
    seregno = tmp_path / "seregno.xlsx"
    seregno.write_bytes(xlsx_bytes(SEREGNO_HEADERS, seregno_rows(families, rng, "Seregno")))
    run(str(seregno), "--ambito", "SER")
    giussano = tmp_path / "giussano.csv"
    giussano.write_bytes(csv_bytes(GIUSSANO_HEADERS, giussano_rows(families[:5], rng, "Giussano")))
    out = run(str(giussano), "--ambito", "SER", "--dry-run")
    assert "Possibile doppione: Riga 2:" in out
    assert "In Trama:" in out
    last = out.strip().splitlines()[-1]
    assert last.startswith("righe ") and ", possibili doppioni " in last
    assert int(last.rsplit(" ", 1)[1]) > 0


def test_dry_run_writes_nothing(world, tmp_path):
    rng = random.Random(3)
    path = tmp_path / "r.csv"
    path.write_bytes(csv_bytes(SEREGNO_HEADERS, seregno_rows(people_of(rng, 5), rng, "Seregno")))
    before = Person.objects.count()
    out = run(str(path), "--ambito", "SER", "--dry-run")
    assert Person.objects.count() == before
    assert "con errori 0" in out


def test_it_exits_zero_with_rows_in_error_and_names_them(world, tmp_path):
    path = tmp_path / "r.csv"
    path.write_bytes(csv_bytes(["Cognome", "Nome", "Sesso", "Data nascita", "Comune"],
                               [["Rossi", "Anna", "F", "31/02/1990", "Seregno"],
                                ["Verdi", "Ugo", "M", "01/01/1980", "Seregno"]]))
    out = run(str(path), "--ambito", "SER")
    assert "Riga 2, Data nascita: la data «31/02/1990» non esiste: controlla il giorno e il mese." in out
    assert out.strip().splitlines()[-1] == "righe 2, valide 1, con errori 1, possibili doppioni 0"
    assert Person.objects.filter(cognome="Verdi", nome="Ugo").exists()
    assert not Person.objects.filter(cognome="Rossi", nome="Anna").exists()


def test_it_fails_on_an_unreadable_file(world, tmp_path):
    path = tmp_path / "r.xlsx"
    path.write_bytes(b"%PDF-1.4 not a spreadsheet")
    with pytest.raises(CommandError, match="non è un foglio di calcolo"):
        run(str(path), "--ambito", "SER")


def test_it_takes_the_mapping_from_a_file(world, tmp_path):
    path = tmp_path / "r.csv"
    path.write_bytes(csv_bytes(["Colonna A", "Colonna B", "Colonna C", "Colonna D"],
                               [["Neri", "Ada", "F", "Seregno"]]))
    mapping = tmp_path / "m.json"
    mapping.write_text(json.dumps({"Colonna A": "cognome", "Colonna B": "nome", "Colonna C": "sesso",
                                   "Colonna D": "comune"}))
    out = run(str(path), "--ambito", "SER", "--mapping", str(mapping))
    assert out.strip().splitlines()[-1] == "righe 1, valide 1, con errori 0, possibili doppioni 0"
    assert Person.objects.filter(cognome="Neri", nome="Ada").exists()
