"""The import in Chromium: upload, mapping, the preview drawn by the background check, then the commit.

With TRAMA_GUIDE_SCREENSHOTS=1 it also retakes the user guide's screenshot (docs/img/13-importare-registri.png)."""

import os
import random
from pathlib import Path

import pytest

from core.browser import log_in
from families.models import Person

from .helpers import SEREGNO_HEADERS, people_of, seregno_rows, xlsx_bytes

pytestmark = pytest.mark.browser
SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "img" / "13-importare-registri.png"


def test_a_register_is_imported_through_the_pages(page, settings, tmp_path):
    # The background steps run inside the request here: the live server has no worker beside it.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    rng = random.Random(21)
    rows = seregno_rows(people_of(rng, 12), rng, "Seregno")
    rows[3][4] = "31/02/2015"
    rows[7][6] = rows[7][6][:-1] + ("A" if rows[7][6][-1] != "A" else "B")
    register = tmp_path / "Registro Seregno.xlsx"
    register.write_bytes(xlsx_bytes(SEREGNO_HEADERS, rows, title="Registro del Servizio Minori — Seregno"))
    log_in(page, "rt")
    page.goto(page.base_url + "/registri/")
    page.select_option("#id_comune", label="Comune di Seregno")
    page.set_input_files("#id_file", str(register))
    page.get_by_role("button", name="Carica e collega le colonne").click()
    page.get_by_role("button", name="Controlla il file").click()
    page.get_by_text("Problemi").wait_for()
    body = page.inner_text("main")
    assert "Riga 7, Data nascita: la data «31/02/2015» non esiste" in body
    assert "Riga 11, C.F.:" in body
    if os.environ.get("TRAMA_GUIDE_SCREENSHOTS"):
        page.set_viewport_size({"width": 1100, "height": 900})
        page.screenshot(path=str(SCREENSHOT), full_page=False)
    before = Person.objects.count()
    page.locator("label[for=id_senza_errori]").click()  # Bootstrap Italia draws the box on the label
    page.get_by_role("button", name="Importa", exact=True).click()
    page.get_by_text("Importazione conclusa").wait_for()
    assert Person.objects.count() > before
