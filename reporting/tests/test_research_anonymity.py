"""k-anonymity of the research export: every combination of the describing columns that the files show is
shared by at least k children (or families), on random data and on the demo; the level is the least general
that keeps the suppressed few under the limit, and it is written in the data dictionary."""

import csv
import io
import random
import zipfile
from collections import Counter
from datetime import date, timedelta

import pytest
from django.core.management import call_command

from families.models import Family, Person
from organisation.models import Ambito, Ente
from reporting import research

K = research.K_ANONYMITY


def export(families) -> zipfile.ZipFile:
    out = io.BytesIO()
    research.write_research_zip(out, families=families, key="una-chiave-lunga-2026")
    return zipfile.ZipFile(out)


def table(archive, name):
    return list(csv.DictReader(io.StringIO(archive.read(name).decode())))


def assert_k_anonymous(archive) -> tuple[int, int]:
    """Every shown combination appears at least k times; returns how many children and families were described."""
    families = {f["famiglia"]: f for f in table(archive, "famiglie.csv")}
    children = table(archive, "bambini.csv")
    child_keys = Counter((families[c["famiglia"]]["territorio"], c["nascita"], c["sesso"], c["cittadinanza"])
                         for c in children if c["nascita"] or c["sesso"])
    family_keys = Counter((f["territorio"], f["segnalazione"]) for f in families.values() if f["territorio"])
    assert all(n >= K for n in child_keys.values()), child_keys
    assert all(n >= K for n in family_keys.values()), family_keys
    # At most MAX_SUPPRESSED of them lost their description (unless even the last level could not do better).
    return sum(child_keys.values()), sum(family_keys.values())


def random_families(world, n: int, seed: int):
    rng = random.Random(seed)
    comuni = [world.comune] + [Ente.objects.create(ambito=world.ambito, nome=f"Comune di Prova {i}") for i in range(3)]
    families = Family.objects.bulk_create([
        Family(ambito=world.ambito, comune=rng.choice(comuni), codice=f"SER-R{i:04d}", nome=f"Famiglia R{i}",
               data_segnalazione=date(2025, 1, 1) + timedelta(days=rng.randrange(500))) for i in range(n)])
    Person.objects.bulk_create([
        Person(family=f, ambito=world.ambito, cognome="Prova", nome=f"Bimbo{f.pk}-{j}", ruolo="minore",
               sesso=rng.choice("FM"), cittadinanza=rng.choice(["italiana", "marocchina", "ucraina"]),
               data_nascita=date(2010, 1, 1) + timedelta(days=rng.randrange(16 * 365)))
        for f in families for j in range(rng.randint(1, 3))])
    return Family.objects.filter(ambito=world.ambito)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_registers_are_k_anonymous(world, seed):
    archive = export(random_families(world, 120, seed))
    described_children, described_families = assert_k_anonymous(archive)
    children = Person.objects.filter(family__ambito=world.ambito, ruolo="minore").count()
    assert described_children >= children * (1 - research.MAX_SUPPRESSED) or "ambito" in archive.read(
        "dizionario.csv").decode()
    assert described_families > 0


def test_many_alike_children_keep_the_month_of_birth(world):
    """Where every combination is common the export stays as detailed as it can."""
    families = Family.objects.bulk_create([
        Family(ambito=world.ambito, comune=world.comune, codice=f"SER-A{i:03d}", nome=f"Famiglia A{i}",
               data_segnalazione=date(2026, 3, 10)) for i in range(30)])
    Person.objects.bulk_create([Person(family=f, ambito=world.ambito, cognome="Prova", nome="Bimbo", ruolo="minore",
                                       sesso="F", cittadinanza="italiana", data_nascita=date(2019, 5, 4))
                                for f in families])
    archive = export(Family.objects.filter(pk__in=[f.pk for f in families]))
    assert {c["nascita"] for c in table(archive, "bambini.csv")} == {"2019-05"}
    assert {f["territorio"] for f in table(archive, "famiglie.csv")} == {"Comune di Seregno"}
    dictionary = {(d["file"], d["colonna"]): d["significato"] for d in table(archive, "dizionario.csv")}
    assert "k = 5" in dictionary[("(tutti)", "k-anonimato")]
    assert "mese" in dictionary[("(tutti)", "livello")]


def test_one_rare_child_among_many_loses_only_its_own_description(world):
    families = Family.objects.bulk_create([
        Family(ambito=world.ambito, comune=world.comune, codice=f"SER-B{i:03d}", nome=f"Famiglia B{i}",
               data_segnalazione=date(2026, 3, 10)) for i in range(40)])
    Person.objects.bulk_create([Person(family=f, ambito=world.ambito, cognome="Prova", nome="Bimbo", ruolo="minore",
                                       sesso="M", cittadinanza="italiana", data_nascita=date(2018, 2, 1))
                                for f in families[1:]] + [
        Person(family=families[0], ambito=world.ambito, cognome="Unica", nome="Bimba", ruolo="minore", sesso="F",
               cittadinanza="eritrea", data_nascita=date(2021, 9, 9))])
    children = table(export(Family.objects.filter(pk__in=[f.pk for f in families])), "bambini.csv")
    assert sorted(c["nascita"] for c in children) == [""] + ["2018-02"] * 39


@pytest.mark.django_db
def test_the_demos_export_is_k_anonymous():
    call_command("seed_demo", families=40, seed=3, anchor=date(2026, 11, 22), password="demo-password-1")
    for ambito in Ambito.objects.all():
        assert_k_anonymous(export(Family.objects.filter(ambito=ambito)))
