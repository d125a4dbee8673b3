"""Every PDF Trama writes can be filed by a public administration: PDF/A-3b with its identification, output
intent, embedded fonts, no encryption, tags, title and author (the ente) in the metadata, the letterhead, and
"Pagina n di m" on every page. Each is downloaded as its first allowed reader does, through the role × URL
matrix's own URLs, and read with pypdf."""

import pytest

from core.testing import archival_pdf
from governance.tests.access_rows import ROWS as GOVERNANCE_ROWS
from plans.tests.access_rows import ROWS as PLAN_ROWS
from privacy.tests.access_rows import ROWS as PRIVACY_ROWS
from quality.tests.access_rows import ROWS as QUALITY_ROWS
from reporting.tests.access_rows import ROWS as REPORTING_ROWS

PDFS = {  # matrix row → (the reader, words of the title, the signature block it must show, if any)
    "rendicontazione_pdf": (REPORTING_ROWS, "rt", "Rendicontazione semestrale", "Il Referente Territoriale"),
    "sintesi_annuale_pdf": (REPORTING_ROWS, "rt", "Sintesi annuale", "Il Referente Territoriale"),
    "survey_report": (QUALITY_ROWS, "rt", "", None),
    "good_practice_download": (GOVERNANCE_ROWS, "rt", "Format Buone Prassi", None),
    "privacy_export_pdf": (PRIVACY_ROWS, "casemanager", "Dati personali conservati da Trama", None),
    "meeting_signin_sheet": (GOVERNANCE_ROWS, "rt", "Foglio firme", None),
    # The adults of the family and the case manager sign "concordato con la famiglia" on paper.
    "plan_pdf": (PLAN_ROWS, "casemanager", "Progetto Quadro", "case manager"),
}


@pytest.mark.parametrize("row", sorted(PDFS))
def test_every_pdf_is_archivable(world, login, row):
    rows, reader, title, signer = PDFS[row]
    world.ambito.capofila = world.comune
    world.ambito.save()
    _method, url, _expected = rows[row]
    response = login(reader).get(url(world))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "\n".join(archival_pdf(response.content, title=title, author="Comune di Seregno"))
    assert "Ambito di Seregno" in text and "Seregno, " in text  # letterhead, place and date
    if signer:
        assert signer in text
