"""GDPR: access export (JSON and PDF), change history, retention with legal hold, erasure, consent register."""

import io
import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from audit.models import AuditEntry
from core.testing import archival_pdf, today
from families import services as family_services
from families.models import Family, Person, Stato
from interventions.models import Intervento
from interventions.testing import start_path
from portal.models import Message
from privacy import services
from privacy.models import PrivacyStatus


def close_long_ago(family, years=11):
    Family.objects.filter(pk=family.pk).update(stato=Stato.CHIUSA,
                                               stato_dal=timezone.now() - timedelta(days=365 * years))
    family.refresh_from_db()
    return family


def test_the_access_export_holds_everything_about_the_family_and_is_logged(world, login):
    Message.objects.create(family=world.family, author=world.genitore, from_family=True, text="Grazie per l'aiuto")
    login("casemanager").get(f"/famiglie/{world.family.pk}/")  # an access that the export must list
    response = login("casemanager").get(f"/famiglie/{world.family.pk}/privacy/dati.json")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    models = {s["modello"] for s in data["sezioni"]}
    assert {"families.family", "families.person", "families.consent", "families.pathevent",
            "portal.message", "audit.accessi"} <= models
    text = response.content.decode()
    assert "Maria" in text and "Luca" in text and "Grazie per l'aiuto" in text
    assert "Famiglia Verdi" not in text  # another family's data never
    accesses = next(s for s in data["sezioni"] if s["modello"] == "audit.accessi")["righe"]
    assert any(a["chi"] == world.casemanager.get_full_name() for a in accesses)
    assert AuditEntry.objects.filter(actor=world.casemanager, family_id=world.family.pk,
                                     reason__contains="GDPR art. 15").exists()


def test_the_pdf_export_opens_and_lists_the_people(world, login):
    response = login("rt").get(f"/famiglie/{world.family.pk}/privacy/dati.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Maria" in text and "Luca" in text and world.family.codice in text


def test_the_history_shows_the_rectifications_with_who_and_why(world, login):
    family_services.family_update(family=world.family, by=world.casemanager, version=world.family.version,
                                  nome="Famiglia Bianchi-Rossi")
    page = login("casemanager").get(f"/famiglie/{world.family.pk}/privacy/modifiche/").content.decode()
    assert "Famiglia Bianchi → Famiglia Bianchi-Rossi" in page
    assert "Modifica dei dati della famiglia" in page


def test_anonymisation_after_retention_leaves_no_identifier(world):
    family = start_path(world.family, included=today() - timedelta(days=4000))
    Intervento.objects.create(family=family, ambito=family.ambito, operatore=world.educatore,
                              data=today() - timedelta(days=3900), ora_inizio="09:00", ora_fine="10:00",
                              durata_minuti=60, attivita="Compiti con Luca Bianchi", note_equipe="Maria è stanca")
    Person.objects.filter(family=family, nome="Luca").update(note_sanitarie="Asma", codice_fiscale="BNCLCU19D02I625X")
    close_long_ago(family)
    out = io.StringIO()
    call_command("anonymise_expired", stdout=out)
    assert "da anonimizzare" in out.getvalue() and Family.objects.get(pk=family.pk).nome == "Famiglia Bianchi"
    call_command("anonymise_expired", "--apply", stdout=io.StringIO())
    family.refresh_from_db()
    people = list(Person.objects.filter(family=family))
    blob = " ".join(f"{p.nome} {p.cognome} {p.codice_fiscale} {p.note_sanitarie}" for p in people)
    blob += family.nome + " ".join(v.attivita + v.note_equipe for v in Intervento.objects.filter(family=family))
    for identifier in ("Bianchi", "Maria", "Luca", "BNCLCU19D02I625X", "Asma", "stanca"):
        assert identifier not in blob, identifier
    assert {p.data_nascita.timetuple().tm_yday for p in people if p.data_nascita} <= {1}  # year only
    assert Intervento.objects.get(family=family).durata_minuti == 60  # the hours stay for the statistics
    assert family.privacy.anonimizzata_il is not None
    assert not world.genitore.__class__.objects.get(pk=world.genitore.pk).is_active
    # Not twice.
    assert list(services.expired_families()) == []


def test_a_legal_hold_suspends_the_anonymisation(world, login):
    family = close_long_ago(world.family)
    assert login("rt").post(f"/famiglie/{family.pk}/privacy/blocco/",
                            {"blocco": "1", "reason": "Procedimento al Tribunale per i Minorenni"}).status_code == 302
    assert PrivacyStatus.objects.get(family=family).legal_hold
    call_command("anonymise_expired", "--apply", stdout=io.StringIO())
    assert Family.objects.get(pk=family.pk).nome == "Famiglia Bianchi"
    # A hold needs its reason, and only the RT sets it.
    login("rt").post(f"/famiglie/{family.pk}/privacy/blocco/", {"blocco": "0"})
    response = login("rt").post(f"/famiglie/{family.pk}/privacy/blocco/", {"blocco": "1", "reason": " "},
                                follow=True)
    assert "Scrivi il motivo" in response.content.decode()
    assert login("casemanager").post(f"/famiglie/{family.pk}/privacy/blocco/", {"blocco": "1",
                                                                               "reason": "x"}).status_code == 403


def test_a_family_registered_by_mistake_is_erased_with_its_reason_logged(world, login):
    family_pk, person_pks = world.family.pk, list(world.family.persone.values_list("pk", flat=True))
    client = login("rt")
    assert client.post(f"/famiglie/{family_pk}/privacy/cancellazione/", {"reason": " "}).status_code == 400
    response = client.post(f"/famiglie/{family_pk}/privacy/cancellazione/", {"reason": "Registrata due volte"})
    assert response.status_code == 302
    assert not Family.objects.filter(pk=family_pk).exists() and not Person.objects.filter(pk__in=person_pks).exists()
    assert AuditEntry.objects.filter(reason__contains="Registrata due volte", action=AuditEntry.Action.DELETE).exists()


@pytest.mark.parametrize("state", [Stato.IN_CORSO, Stato.CHIUSA])
def test_a_family_taken_in_charge_is_never_erased(world, login, state):
    Family.objects.filter(pk=world.family.pk).update(stato=state)
    response = login("rt").post(f"/famiglie/{world.family.pk}/privacy/cancellazione/", {"reason": "Richiesta"})
    assert response.status_code == 400 and "presa in carico" in response.content.decode()
    assert Family.objects.filter(pk=world.family.pk).exists()


def test_the_consent_register_lists_the_visible_families_only(world, login):
    page = login("casemanager").get("/privacy/consensi/?stato=validi")
    assert [c.family for c in page.context["rows"]] == [world.family]
    assert login("casemanager2").get("/privacy/consensi/").context["rows"] == []
    assert login("rt").get("/privacy/consensi/?stato=revocati").context["rows"] == []


def test_the_pdf_export_reads_as_a_letter_to_a_parent(world, login):
    """GDPR art. 12: concise, intelligible. Labels and words, not field names, ids or Python lists."""
    world.ambito.capofila = world.comune
    world.ambito.save()
    login("casemanager").get(f"/famiglie/{world.family.pk}/")  # an access the letter must list
    response = login("casemanager").get(f"/famiglie/{world.family.pk}/privacy/dati.pdf")
    text = " ".join(archival_pdf(response.content, title="Dati personali conservati da Trama",
                                 author="Comune di Seregno"))
    text = " ".join(text.split())
    for heading in ("Gentile famiglia", "1. Chi siamo", "2. Che cosa conserviamo su di voi e sui vostri figli",
                    "3. Perché li conserviamo", "4. I vostri consensi", "5. Chi ha visto i vostri dati e quando",
                    "6. Per quanto tempo li conserviamo", "7. I vostri diritti e a chi chiedere"):
        assert heading in text
    assert "2 aprile 2019" in text  # Luca's birth date, written out
    assert "Trattamento dei dati personali" in text and "10 gennaio 2026" in text  # the consent, in words
    assert world.casemanager.get_full_name() in text  # who has seen the data
    assert "Garante per la protezione dei dati personali" in text
    for raw in ("created_by", "family 1", "['", "codice_fiscale", "None", "True", "False"):
        assert raw not in text
