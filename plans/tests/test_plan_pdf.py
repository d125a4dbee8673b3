"""The printable Progetto Quadro: a real PDF, in Italian, with the family's plan (and only their part for a teacher)."""

import io

from pypdf import PdfReader

from audit.models import AuditEntry
from plans import services


def pdf_text(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_the_pdf_holds_the_family_goals_actions_and_agreement(world, login, agreed):
    response = login("casemanager").get(f"/famiglie/{world.family.pk}/progetto/pdf/")
    assert "attachment" in response["Content-Disposition"] and "SER-00001" in response["Content-Disposition"]
    text = pdf_text(response)
    for expected in ("Famiglia Bianchi", "Il nostro progetto", "Risultato atteso numero 1", "Risultato atteso numero 2",
                     "Visita domiciliare settimanale 1", "Colloquio mensile con la maestra", "Salute e crescita",
                     "Educativa domiciliare e territoriale", "Analisi riservata della situazione",
                     "Il nostro accordo", "Maria"):
        assert expected in text, expected


def test_the_teachers_pdf_holds_only_their_part(world, login, agreed):
    text = pdf_text(login("insegnante").get(f"/famiglie/{world.family.pk}/progetto/pdf/"))
    assert "Famiglia Bianchi" in text and "Colloquio mensile con la maestra" in text
    assert "Risultato atteso numero 2" not in text
    assert "Visita domiciliare settimanale 2" not in text
    assert "Analisi riservata" not in text and "Va bene." not in text


def test_an_older_version_can_be_printed(world, login, agreed):
    services.progetto_nuova_versione(progetto=agreed, by=world.casemanager, version=agreed.version)
    text = pdf_text(login("casemanager").get(f"/famiglie/{world.family.pk}/progetto/pdf/?versione=1"))
    assert "versione 1" in text and "sostituito da una nuova versione" in text


def test_printing_is_audit_logged(world, login, plan):
    login("educatore").get(f"/famiglie/{world.family.pk}/progetto/pdf/")
    entry = AuditEntry.objects.get(actor=world.educatore, reason="Stampa del Progetto Quadro (PDF)")
    assert entry.family_id == world.family.pk and entry.object_pk == str(plan.pk)


def test_no_pdf_without_a_plan(world, login):
    assert login("casemanager").get(f"/famiglie/{world.family.pk}/progetto/pdf/").status_code == 404
