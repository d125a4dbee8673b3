"""The preview's checks, row by row and family by family, and the commit's all-or-nothing."""

from datetime import timedelta
from unittest import mock

import pytest
from codicefiscale import codicefiscale

from core.testing import cf_for, today
from families.models import Consent, Family, Person
from registri import services
from registri.analysis import analyse
from registri.fields import guess_mapping
from registri.reader import read_register

from .helpers import csv_bytes

pytestmark = pytest.mark.django_db


def plan_of(world, headers, rows, *, by=None, **context):
    sheet = read_register(csv_bytes(headers, rows), "r.csv")
    ctx = services.context_for(ambito=world.ambito, by=by, **context)
    return analyse(sheet, guess_mapping(sheet.headers), ctx), ctx


def adult_born():
    return today().replace(day=1) - timedelta(days=365 * 35)


def test_a_codice_fiscale_that_does_not_match_the_birth_date_is_reported_by_row_and_column(world):
    born = adult_born()
    cf = cf_for("Rossi", "Anna", "F", born)
    plan, _ctx = plan_of(world, ["Cognome", "Nome", "Data nascita", "Codice fiscale", "Comune"],
                         [["Rossi", "Anna", (born + timedelta(days=3)).strftime("%d/%m/%Y"), cf, "Seregno"]])
    assert [str(p) for p in plan.problems] == [
        f"Riga 2, Codice fiscale: Il codice fiscale non corrisponde alla data di nascita indicata "
        f"({(born + timedelta(days=3)).strftime('%d/%m/%Y')})."]
    assert plan.summary_line() == "righe 1, valide 0, con errori 1, possibili doppioni 0"


def test_a_codice_fiscale_with_omocodia_letters_in_lower_case_with_spaces_is_accepted(world):
    born = adult_born()
    omocode = codicefiscale._get_omocodes(cf_for("Rossi", "Anna", "F", born))[3]
    spaced = f"{omocode[:6]} {omocode[6:]}".lower()
    plan, _ctx = plan_of(world, ["Cognome", "Nome", "Data nascita", "CF", "Comune"],
                         [["Rossi", "Anna", born.strftime("%d/%m/%Y"), spaced, "Seregno"]])
    assert plan.problems == []
    row = plan.families[0].rows[0]
    assert row.codice_fiscale == omocode
    assert row.sesso == "F"  # from the codice fiscale, there being no column for it


def test_a_family_split_across_rows_with_conflicting_addresses_is_reported_and_left_out(world):
    plan, _ctx = plan_of(world, ["Nucleo", "Cognome", "Nome", "Sesso", "Indirizzo", "Comune"],
                         [["12", "Rossi", "Anna", "F", "Via Roma 1", "Seregno"],
                          ["12", "Rossi", "Ugo", "M", "via roma, 1", "Seregno"],
                          ["12", "Rossi", "Ada", "F", "Via Milano 3", "Seregno"]])
    assert [str(p) for p in plan.problems] == [
        "Riga 4, Indirizzo: la stessa famiglia (Nucleo 12) ha «Via Roma 1» alla riga 2 e «Via Milano 3» qui: "
        "correggi una delle due righe (o il nucleo)."]
    assert plan.valid_families == []
    assert plan.counts()["errori"] == 3


def test_rows_without_a_nucleo_are_grouped_by_address_and_surname(world):
    plan, _ctx = plan_of(world, ["Cognome", "Nome", "Sesso", "Via", "Comune"],
                         [["Rossi", "Anna", "F", "Via Roma 1", "Seregno"], ["ROSSI", "Ugo", "M", "VIA ROMA 1", "Seregno"],
                          ["Verdi", "Ada", "F", "Via Roma 1", "Seregno"]])
    assert sorted(len(f.rows) for f in plan.families) == [1, 2]


def test_the_same_codice_fiscale_twice_in_the_file_is_an_error(world):
    born = adult_born()
    cf = cf_for("Rossi", "Anna", "F", born)
    plan, _ctx = plan_of(world, ["Nucleo", "Cognome", "Nome", "Data nascita", "CF", "Comune"],
                         [["1", "Rossi", "Anna", born.strftime("%d/%m/%Y"), cf, "Seregno"],
                          ["2", "Rossi", "Anna", born.strftime("%d/%m/%Y"), cf, "Seregno"]])
    assert [str(p) for p in plan.problems] == ["Riga 3, CF: lo stesso codice fiscale è già alla riga 2 del file."]
    assert len(plan.duplicates) == 1


def test_a_consent_is_given_by_an_adult_with_a_date(world):
    child = today() - timedelta(days=365 * 8)
    plan, _ctx = plan_of(world, ["Nucleo", "Cognome", "Nome", "Sesso", "Data nascita", "Consenso privacy", "Comune"],
                         [["1", "Rossi", "Anna", "F", adult_born().strftime("%d/%m/%Y"), "sì", "Seregno"],
                          ["1", "Rossi", "Leo", "M", child.strftime("%d/%m/%Y"), today().strftime("%d/%m/%Y"),
                           "Seregno"]])
    assert [str(p) for p in plan.problems] == [
        "Riga 2, Consenso privacy: scrivi la data in cui il consenso è stato firmato, non solo «sì».",
        "Riga 3, Consenso privacy: il consenso lo dà un adulto: questa persona era minorenne in quella data."]


def test_without_a_codice_fiscale_the_registers_own_id_makes_the_second_import_create_nothing(world):
    headers = ["N. cartella", "ID", "Cognome", "Nome", "Sesso", "Comune"]
    rows = [["C-1", "P-1", "Rossi", "Anna", "F", "Seregno"], ["C-1", "P-2", "Rossi", "Ugo", "M", "Seregno"]]
    plan, ctx = plan_of(world, headers, rows)
    assert services.import_commit(plan=plan, context=ctx, by=None, nome_file="r.csv")["persone"] == 2
    plan, ctx = plan_of(world, headers, [*rows, ["C-1", "P-3", "Rossi", "Ida", "F", "Seregno"]])
    assert plan.counts()["persone_esistenti"] == 2
    created = services.import_commit(plan=plan, context=ctx, by=None, nome_file="r.csv")
    assert created == {"famiglie": 0, "persone": 1, "consensi": 0, "assegnazioni": 0, "visite": 0}
    assert Person.objects.get(nome="Ida").family == Person.objects.get(nome="Anna").family


def test_sedt_assignments_and_past_visits_are_imported(world):
    educator = world.users["educatore"]
    headers = ["Nucleo", "Cognome", "Nome", "Sesso", "Comune", "Équipe", "Fase", "Educatore", "Ore settimanali",
               "Data visita", "Ore visita"]
    visit = (today() - timedelta(days=10)).strftime("%d/%m/%Y")
    rows = [["1", "Rossi", "Anna", "F", "Seregno", "Équipe Uno", "in corso", educator.username, "4", visit, "1,5"],
            ["1", "Rossi", "Ugo", "M", "Seregno", "Équipe Uno", "in corso", educator.username, "4", visit, "1,5"]]
    plan, ctx = plan_of(world, headers, rows)
    assert plan.problems == []
    created = services.import_commit(plan=plan, context=ctx, by=None, nome_file="r.csv")
    assert created == {"famiglie": 1, "persone": 2, "consensi": 0, "assegnazioni": 1, "visite": 1}
    family = Family.objects.get(persone__nome="Ugo")
    assert family.stato == "in_corso" and family.equipe == world.equipe
    assert family.assegnazioni.get().ore_settimanali == 4
    assert family.interventi.get().durata_minuti == 90


def test_a_failure_midway_writes_nothing(world):
    headers = ["Nucleo", "Cognome", "Nome", "Sesso", "Data nascita", "Consenso privacy", "Comune"]
    rows = [[str(n), f"Cognome{n}", "Anna", "F", adult_born().strftime("%d/%m/%Y"), today().strftime("%d/%m/%Y"),
             "Seregno"] for n in range(5)]
    plan, ctx = plan_of(world, headers, rows)
    counts = (Family.objects.count(), Person.objects.count(), Consent.objects.count())
    original = Consent.objects.create
    calls = []

    def failing(**kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return original(**kwargs)

    with mock.patch.object(Consent.objects, "create", side_effect=failing), pytest.raises(RuntimeError):
        services.import_commit(plan=plan, context=ctx, by=None, nome_file="r.csv")
    assert (Family.objects.count(), Person.objects.count(), Consent.objects.count()) == counts


def test_unknown_equipe_operator_and_future_dates_are_reported(world):
    headers = ["Cognome", "Nome", "Sesso", "Comune", "Équipe", "Educatore", "Ore sett", "Data presa in carico"]
    future = (today() + timedelta(days=5)).strftime("%d/%m/%Y")
    plan, _ctx = plan_of(world, headers, [["Rossi", "Anna", "F", "Seregno", "Équipe Zeta", "Nessuno", "4", future]])
    messages = [str(p) for p in plan.problems]
    assert "Riga 2, Équipe: «Équipe Zeta» non è un'équipe dell'ambito: scrivila come in Trama." in messages
    assert any(m.startswith("Riga 2, Educatore: «Nessuno» non è un operatore dell'ambito") for m in messages)
    assert "Riga 2, Data presa in carico: la data di presa in carico non può essere nel futuro." in messages


def test_a_row_without_problems_stays_out_with_its_family_and_the_preview_says_so(world):
    plan, _ctx = plan_of(world, ["Nucleo", "Cognome", "Nome", "Sesso", "Data nascita", "Comune"],
                         [["1", "Rossi", "Anna", "F", "31/02/1990", "Seregno"],
                          ["1", "Rossi", "Ugo", "M", "01/02/1990", "Seregno"]])
    counts = plan.counts()
    assert (counts["errori"], counts["valide"], counts["escluse_con_famiglia"]) == (1, 1, 1)
    assert plan.valid_families == []
