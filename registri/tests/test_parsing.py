"""Cells as registers hold them, into values; what cannot be read, an Italian message."""

from datetime import date, datetime

import pytest

from families.models import Person, Stato
from registri.parsing import (
    CellError,
    parse_codice_fiscale,
    parse_date,
    parse_hours,
    parse_role,
    parse_sex,
    parse_state,
    split_full_name,
    text,
)
from registri.reader import FormulaWithoutValue

# openpyxl gives Excel's date cells as naive datetimes: a cell has no time zone.
EXCEL_DATETIME = datetime(2015, 5, 3, 0, 0)  # noqa: DTZ001


@pytest.mark.parametrize("value", [
    date(2015, 5, 3), EXCEL_DATETIME, 42127, 42127.0, "03/05/2015", "3/5/2015", "03-05-2015", "3.5.15",
    "2015-05-03", "2015/05/03", "03052015", "3 maggio 2015", "03 mag 2015", " 03/05/2015 ", "2015-05-03T00:00:00",
])
def test_dates_in_the_forms_registers_use(value):
    assert parse_date(value) == date(2015, 5, 3)


@pytest.mark.parametrize(("value", "message"), [
    ("31/02/2015", "la data «31/02/2015» non esiste"),
    ("32/01/2015", "non esiste"),
    ("12/13/2015", "non esiste"),
    ("domani", "non è una data"),
    (999999, "non è una data"),
    ("2015", "non è una data"),
])
def test_impossible_dates_are_refused_clearly(value, message):
    with pytest.raises(CellError, match=message):
        parse_date(value)


def test_a_blank_date_is_none():
    assert parse_date(None) is None
    assert parse_date("  ") is None


def test_a_codice_fiscale_is_normalised():
    assert parse_codice_fiscale(" rss mra 15e43 f704k ") == "RSSMRA15E43F704K"
    assert parse_codice_fiscale("RSS-MRA-15E43-F704K") == "RSSMRA15E43F704K"


def test_a_formula_without_value_is_refused_clearly():
    with pytest.raises(CellError, match="formula"):
        text(FormulaWithoutValue("=A1+B1"))


@pytest.mark.parametrize(("value", "role"), [("Madre", Person.Ruolo.MADRE), ("PAPÀ", Person.Ruolo.PADRE),
                                             ("figlia", Person.Ruolo.MINORE), ("nonna", Person.Ruolo.CAREGIVER),
                                             ("figlio maggiorenne", Person.Ruolo.FIGLIO_ADULTO)])
def test_roles_in_words(value, role):
    assert parse_role(value) == role


def test_unknown_values_get_a_message():
    for parser, value in ((parse_role, "vicino di casa"), (parse_sex, "X"), (parse_state, "boh")):
        with pytest.raises(CellError):
            parser(value)


def test_sex_state_and_hours():
    assert parse_sex("femmina") == "F"
    assert parse_state("Intervento in corso") == Stato.IN_CORSO
    assert parse_state("T0") == Stato.ASSESSMENT_T0
    assert str(parse_hours("2,5", maximum=40)) == "2.5"
    with pytest.raises(CellError, match="tra 0,1 e 40"):
        parse_hours("60", maximum=40)


@pytest.mark.parametrize(("value", "expected"), [("Rossi Maria", ("Rossi", "Maria")),
                                                 ("De Luca Maria Grazia", ("De Luca", "Maria Grazia")),
                                                 ("El Amrani Fatima", ("El Amrani", "Fatima")),
                                                 ("Rossi", ("Rossi", ""))])
def test_surname_and_name_in_one_cell(value, expected):
    assert split_full_name(value) == expected
