"""The 10,000-row register import, timed: `DATABASE_URL=... python bench/registro.py [ROWS]`.

It makes a register like the comuni's (registri/tests/helpers.py: XLSX, title row, text dates, codici fiscali
in lower case with spaces, a consent per mother) in a new ambito of the database, and times the command's two
steps, reading and checking (the preview) and the commit, as `manage.py import_registro` runs them; then a second
run of the same file, which must create nothing. Figures in bench/README.md ("Importing a register")."""

import os
import random
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "trama.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from core.testing import EnteFactory  # noqa: E402
from families.models import Person  # noqa: E402
from organisation.models import Ambito  # noqa: E402
from registri.tests.helpers import SEREGNO_HEADERS, people_of, seregno_rows, xlsx_bytes  # noqa: E402


def main(rows_wanted: int) -> None:
    rng = random.Random(7)  # noqa: S311 — made-up people, the same every run
    families, rows = [], []
    while len(rows) < rows_wanted:
        more = people_of(rng, 200, start=len(families))
        families += more
        rows += seregno_rows(more, rng, "Seregno")
    rows = rows[:rows_wanted]
    code = f"B{int(time.time()) % 10**6:06d}"
    ambito = Ambito.objects.create(codice=code, nome=f"Ambito del bench {code}")
    EnteFactory(ambito=ambito, nome="Comune di Seregno")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "registro.xlsx"
        path.write_bytes(xlsx_bytes(SEREGNO_HEADERS, rows, title="Registro del Servizio Minori"))
        for label, args in (("preview (--dry-run)", ["--dry-run"]), ("import", []), ("second import", [])):
            out = StringIO()
            start = time.perf_counter()
            call_command("import_registro", str(path), "--ambito", code, *args, stdout=out)
            seconds = time.perf_counter() - start
            print(f"{label}: {seconds:.1f} s — {out.getvalue().strip().splitlines()[-1]}")
    print(f"persons in the ambito: {Person.objects.filter(ambito=ambito).count()}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
