from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from audit.models import AuditEntry
from core.testing import pdf_bytes
from network import services
from network.models import Protocol
from network.selectors import protocols_expiring_for

from .factories import make_protocol, school


def protocol_post(world, **overrides) -> dict:
    data = {"form_token": "3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", "titolo": "Protocollo consultori 0-3",
            "enti": [world.comune.pk, school(world).pk], "altre_parti": "ASST Brianza",
            "firmato_il": "2025-02-01", "scadenza": "2027-01-31"}
    data.update(overrides)
    return data


def test_rt_records_a_protocol_with_its_pdf_stored_under_a_neutral_name(world, login):
    pdf = SimpleUploadedFile("Protocollo firmato Maria Rossi.pdf", pdf_bytes(), content_type="application/pdf")
    client = login("rt")
    response = client.post("/rete/protocolli/nuovo/", protocol_post(world, documento=pdf))
    protocol = Protocol.objects.get()
    assert response["Location"] == f"/rete/protocolli/{protocol.pk}/"
    assert "Rossi" not in protocol.documento.name and protocol.documento.name.startswith("protocolli/")
    assert set(protocol.enti.all()) == {world.comune, school(world)}
    download = client.get(f"/rete/protocolli/{protocol.pk}/documento/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS, content_type__model="protocol").exists()


def test_a_file_that_is_not_pdf_or_image_is_refused(world, login):
    fake = SimpleUploadedFile("protocollo.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = login("rt").post("/rete/protocolli/nuovo/", protocol_post(world, documento=fake))
    assert response.status_code == 422 and "PDF, JPG o PNG" in response.content.decode()
    assert not Protocol.objects.exists()


def test_a_pdf_header_in_front_of_html_is_refused(world, login):
    fake = SimpleUploadedFile("protocollo.pdf", b"%PDF-1.4\n<html><body>x</body></html>", content_type="application/pdf")
    response = login("rt").post("/rete/protocolli/nuovo/", protocol_post(world, documento=fake))
    assert response.status_code == 422 and "non è un PDF leggibile" in response.content.decode()
    assert not Protocol.objects.exists()


def test_a_file_too_large_is_refused(world, login):
    big = SimpleUploadedFile("p.pdf", b"%PDF" + b"0" * (5 * 1024 * 1024 + 1), content_type="application/pdf")
    response = login("rt").post("/rete/protocolli/nuovo/", protocol_post(world, documento=big))
    assert "troppo grande" in response.content.decode() and not Protocol.objects.exists()


def test_a_protocol_expiring_before_it_is_signed_is_refused(world, login):
    response = login("rt").post("/rete/protocolli/nuovo/", protocol_post(world, scadenza="2024-12-31"))
    assert response.status_code == 422 and "scadere prima di essere firmato" in response.content.decode()
    assert not Protocol.objects.exists()


def test_a_protocol_signed_in_the_future_is_refused(world):
    with pytest.raises(ValidationError) as error:
        services.protocol_create(by=world.rt, ambito=world.ambito, titolo="X", enti=[world.comune],
                                 firmato_il=timezone.localdate() + timedelta(days=1))
    assert "futuro" in error.value.message_dict["firmato_il"][0]


def test_a_party_of_another_ambito_is_refused(world):
    with pytest.raises(ValidationError) as error:
        services.protocol_create(by=world.rt, ambito=world.ambito, titolo="X", firmato_il=date(2025, 1, 1),
                                 enti=[world.other_ambito_family.comune])
    assert "enti dell'ambito" in error.value.message_dict["enti"][0]


def test_double_submitted_protocol_is_recorded_once(world, login):
    client = login("rt")
    client.post("/rete/protocolli/nuovo/", protocol_post(world))
    assert client.post("/rete/protocolli/nuovo/", protocol_post(world)).status_code == 302
    assert Protocol.objects.count() == 1


def test_protocols_expiring_within_60_days_are_shown_to_rt_and_tutor(world, login):
    today = timezone.localdate()
    soon = make_protocol(world, scadenza=today + timedelta(days=30))
    services.protocol_create(by=world.rt, ambito=world.ambito, titolo="Accordo lontano", enti=[world.comune],
                             firmato_il=date(2025, 1, 1), scadenza=today + timedelta(days=200))
    assert list(protocols_expiring_for(world.tutor)) == [soon]
    for persona, path in (("rt", "/rete/protocolli/"), ("tutor", "/rete/")):
        page = login(persona).get(path).content.decode()
        assert "Protocolli in scadenza" in page and "Protocollo 1000 giorni" in page
    assert "Protocolli in scadenza" not in login("casemanager").get("/rete/protocolli/").content.decode()


def test_reminder_command_prints_and_emails_the_expiring_protocols(world, settings):
    world.rt.email = "rt@example.invalid"
    world.rt.save()
    make_protocol(world, scadenza=timezone.localdate() + timedelta(days=10))

    out = StringIO()
    call_command("protocol_reminders", "--email", stdout=out)
    assert "Protocollo 1000 giorni" in out.getvalue()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["rt@example.invalid"]
    assert "Protocollo 1000 giorni" in mail.outbox[0].body


def test_document_of_another_ambito_protocol_is_not_found(world, login):
    protocol = make_protocol(world)
    assert login("rt_altro").get(f"/rete/protocolli/{protocol.pk}/documento/").status_code == 404
