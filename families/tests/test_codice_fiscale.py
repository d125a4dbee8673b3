"""families.models.decode_codice_fiscale decides as python-codicefiscale's decode, only faster."""

import random
import string
from datetime import date, timedelta

import codicefiscale.codicefiscale as lib
import pytest

from families.models import decode_codice_fiscale

PLACES = ["Seregno", "Monza", "Milano", "Napoli", "Palermo", "Marocco", "Albania", "Romania", "Egitto", "Perù",
          "Giussano", "Lissone", "Desio", "Torino", "Bari"]


def codes(n: int) -> list[str]:
    rng = random.Random(5)
    found = []
    for _ in range(n):
        born = date(1925, 1, 1) + timedelta(days=rng.randint(0, 365 * 100))
        code = lib.encode(lastname=rng.choice(["Rossi", "El Amrani", "Hoxha", "Li"]),
                          firstname=rng.choice(["Anna", "Mohamed", "Ioana", "Wei"]), gender=rng.choice("MF"),
                          birthdate=born.strftime("%d/%m/%Y"), birthplace=rng.choice(PLACES))
        found.append(code)
        found.append(rng.choice(lib._get_omocodes(code)))
        broken = list(code)
        broken[rng.randrange(16)] = rng.choice(string.ascii_uppercase + string.digits)
        found.append("".join(broken))
    return found + ["", "RSSMRA15E43F704", "RSSMRA15Z43F704K", "RSSMRA15E73F704K", "RSSMRA15B30F704K",
                    "RSSMRA00B29F704K", "RSSMRA15E43Z999K"]


@pytest.mark.parametrize("code", codes(300))
def test_it_decides_as_the_library(code):
    try:
        decoded = lib.decode(code)
        expected = (decoded["birthdate"].date(), decoded["gender"])
    except ValueError:
        expected = None
    assert decode_codice_fiscale(code) == expected
