import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from docx import Document
from pypdf import PdfReader

from governance.projects import selectors, services
from governance.projects.good_practice import FIELDS


@pytest.fixture
def project(world):
    return services.project_create(ambito=world.ambito, by=world.rt, titolo="NidoInsieme 0-6",
                                   capofila="Terre des hommes Italia ETS", dal=date(2024, 1, 1), al=date(2025, 6, 30),
                                   budget=Decimal("100000"))


def test_macro_actions_stay_within_months_and_budget(world, project):
    assert project.months == 18
    services.macro_add(project=project, by=world.rt, titolo="Formazione", budget=Decimal("60000"),
                       personale="2 formatori", mese_inizio=1, mese_fine=6)
    with pytest.raises(ValidationError, match="mesi"):
        services.macro_add(project=project, by=world.rt, titolo="Oltre", budget=Decimal("1"), personale="",
                           mese_inizio=10, mese_fine=19)
    with pytest.raises(ValidationError, match="budget"):
        services.macro_add(project=project, by=world.rt, titolo="Troppo", budget=Decimal("50000"), personale="",
                           mese_inizio=2, mese_fine=3)
    row = selectors.timeline(project)[0]
    assert row["cells"][:7] == [True] * 6 + [False]


def test_good_practice_is_prefilled_and_limits_are_enforced(world, project, login):
    services.partner_add(project=project, by=world.rt, nome="ASST Melegnano Martesana", ruolo="partner")
    client = login("rt")
    page = client.get(f"/governance/progetti/{project.pk}/buona-prassi/").content.decode()
    assert "NidoInsieme 0-6" in page and "ASST Melegnano Martesana (partner)" in page
    assert len([f for f in FIELDS]) == 24
    data = {"version": project.version, "titolo": "NidoInsieme", "descrizione": "x" * 1001}
    response = client.post(f"/governance/progetti/{project.pk}/buona-prassi/", data)
    assert response.status_code == 422 and "al massimo 1000 caratteri (ora sono 1001)" in response.content.decode()
    assert "x" * 1001 in response.content.decode()  # the text is kept for the user to shorten
    data["descrizione"] = "Formazione che diventa rete."
    assert client.post(f"/governance/progetti/{project.pk}/buona-prassi/", data).status_code == 302
    project.refresh_from_db()
    assert project.buona_prassi["descrizione"] == "Formazione che diventa rete."


def test_the_good_practice_downloads_as_pdf_and_docx(world, project, login):
    services.good_practice_save(project=project, by=world.rt, version=project.version,
                                values={"descrizione": "Dalla formazione alla rete", "sostenibilita": "Buona"})
    client = login("amministrativo")
    pdf = client.get(f"/governance/progetti/{project.pk}/buona-prassi.pdf")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "FORMAT BUONE PRASSI" in text and "Dalla formazione alla rete" in text and "Trasferibilità" in text
    docx = client.get(f"/governance/progetti/{project.pk}/buona-prassi.docx")
    paragraphs = [p.text for p in Document(io.BytesIO(docx.content)).paragraphs]
    assert "Breve descrizione della Buona Prassi" in paragraphs and "Dalla formazione alla rete" in paragraphs
    assert client.get(f"/governance/progetti/{project.pk}/buona-prassi.exe").status_code == 404


def test_a_stale_good_practice_save_is_refused(world, project):
    services.good_practice_save(project=project, by=world.rt, version=project.version, values={"titolo": "A"})
    with pytest.raises(services.StaleProject):
        services.good_practice_save(project=project, by=world.rt, version=project.version, values={"titolo": "B"})
