import uuid
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.testing import image_bytes, pdf_bytes
from families import services
from families.models import Consent, Person


def consent_data(world, **overrides):
    data = {"form_token": str(uuid.uuid4()), "person": world.family.persone.get(nome="Maria").pk,
            "finalita": Consent.Finalita.PARTECIPAZIONE, "data": "2026-11-01"}
    data.update(overrides)
    return data


def test_a_consent_with_its_signed_pdf_is_recorded_and_downloadable(world, login):
    client = login("casemanager")
    pdf = SimpleUploadedFile("Modulo consenso Maria Bianchi.pdf", pdf_bytes(), content_type="application/pdf")
    response = client.post(f"/famiglie/{world.family.pk}/consensi/nuovo/", consent_data(world, documento=pdf))
    assert response.status_code == 302
    consent = Consent.objects.get(finalita=Consent.Finalita.PARTECIPAZIONE)
    assert "Maria" not in consent.documento.name  # the stored name carries no personal data
    download = client.get(f"/famiglie/{world.family.pk}/consensi/{consent.pk}/documento/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == pdf_bytes()
    assert login("educatore2").get(f"/famiglie/{world.family.pk}/consensi/{consent.pk}/documento/").status_code == 404


def test_a_document_that_is_not_pdf_or_image_is_refused(world, login):
    fake = SimpleUploadedFile("consenso.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = login("casemanager").post(f"/famiglie/{world.family.pk}/consensi/nuovo/",
                                         consent_data(world, documento=fake))
    assert response.status_code == 200 and "PDF, JPG o PNG" in response.content.decode()
    assert not Consent.objects.filter(finalita=Consent.Finalita.PARTECIPAZIONE).exists()


@pytest.mark.parametrize(("name", "content"), [
    ("consenso.pdf", b"%PDF-1.7\n<html><body><script>alert(1)</script></body></html>"),
    ("consenso.pdf", pdf_bytes()[:200]),  # a PDF cut short
    ("consenso.png", b"\x89PNG\r\n\x1a\n<html></html>"),
    ("consenso.jpg", b"\xff\xd8\xff\xe0<html></html>"),
    ("consenso.jpg", image_bytes("PNG")),  # a PNG named .jpg
])
def test_a_document_whose_content_does_not_parse_is_refused_and_nothing_is_saved(world, login, name, content):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    response = login("casemanager").post(f"/famiglie/{world.family.pk}/consensi/nuovo/",
                                         consent_data(world, documento=upload))
    page = response.content.decode()
    assert response.status_code == 200
    assert any(message in page for message in ("non è un PDF leggibile", "non è un&#x27;immagine JPG o PNG leggibile",
                                               "Carica un file PDF, JPG o PNG."))
    assert not Consent.objects.filter(finalita=Consent.Finalita.PARTECIPAZIONE).exists()


@pytest.mark.parametrize(("name", "content"), [("scansione.png", image_bytes("PNG")),
                                               ("foto.jpg", image_bytes("JPEG")), ("modulo.pdf", pdf_bytes(2))])
def test_real_pdfs_and_images_are_accepted(world, login, name, content):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    response = login("casemanager").post(f"/famiglie/{world.family.pk}/consensi/nuovo/",
                                         consent_data(world, documento=upload))
    assert response.status_code == 302
    assert Consent.objects.get(finalita=Consent.Finalita.PARTECIPAZIONE).documento.read() == content


def test_the_service_refuses_a_document_that_is_not_a_pdf_too(world):
    fake = SimpleUploadedFile("consenso.pdf", b"%PDF-1.4 <html></html>")
    with pytest.raises(ValidationError) as refused:
        services.consent_record(family=world.family, by=world.casemanager, person=world.family.persone.first(),
                                finalita=Consent.Finalita.PARTECIPAZIONE, data=world.consent.data, documento=fake)
    assert "PDF leggibile" in refused.value.message_dict["documento"][0]
    assert not Consent.objects.filter(finalita=Consent.Finalita.PARTECIPAZIONE).exists()


def test_a_document_too_large_is_refused(world, login):
    big = SimpleUploadedFile("consenso.pdf", b"%PDF" + b"0" * (5 * 1024 * 1024 + 1), content_type="application/pdf")
    response = login("casemanager").post(f"/famiglie/{world.family.pk}/consensi/nuovo/",
                                         consent_data(world, documento=big))
    assert "troppo grande" in response.content.decode()


def test_a_consent_dated_in_the_future_is_refused(world, login):
    response = login("casemanager").post(f"/famiglie/{world.family.pk}/consensi/nuovo/",
                                         consent_data(world, data="2999-01-01"))
    assert "futuro" in response.content.decode()


def test_a_consent_cannot_be_given_by_a_person_of_another_family(world, login):
    stranger = world.other_equipe_family.persone.first()
    response = login("casemanager").post(f"/famiglie/{world.family.pk}/consensi/nuovo/",
                                         consent_data(world, person=stranger.pk))
    assert response.status_code == 200
    assert not Consent.objects.filter(person=stranger).exists()


def test_a_double_submitted_consent_is_recorded_once(world, login):
    client = login("casemanager")
    data = consent_data(world)
    client.post(f"/famiglie/{world.family.pk}/consensi/nuovo/", data)
    client.post(f"/famiglie/{world.family.pk}/consensi/nuovo/", data)
    assert Consent.objects.filter(finalita=Consent.Finalita.PARTECIPAZIONE).count() == 1


def test_revoking_twice_says_so(world, login):
    client = login("casemanager")
    url = f"/famiglie/{world.family.pk}/consensi/{world.consent.pk}/revoca/"
    client.post(url)
    response = client.post(url, follow=True)
    assert "già stato revocato" in response.content.decode()
    world.consent.refresh_from_db()
    assert world.consent.revocato_il is not None


def test_a_child_is_not_offered_nor_accepted_as_the_one_giving_consent(world, login):
    client = login("casemanager")
    luca = world.family.persone.get(nome="Luca")  # born in 2019
    page = client.get(f"/famiglie/{world.family.pk}/consensi/nuovo/").content.decode()
    assert f'value="{luca.pk}"' not in page and "Maria" in page
    response = client.post(f"/famiglie/{world.family.pk}/consensi/nuovo/", consent_data(world, person=luca.pk))
    assert response.status_code == 200
    assert not Consent.objects.filter(finalita=Consent.Finalita.PARTECIPAZIONE).exists()


def test_the_service_refuses_a_minor_whatever_their_recorded_role(world):
    teen = Person.objects.create(family=world.family, ambito=world.ambito, nome="Sara", cognome="Bianchi", ruolo=Person.Ruolo.ALTRO,
                                 data_nascita=date(2020, 1, 1))
    with pytest.raises(ValidationError) as error:
        services.consent_record(family=world.family, by=world.casemanager, person=teen,
                       finalita=Consent.Finalita.PARTECIPAZIONE, data=date(2026, 11, 1))
    assert "minorenne" in str(error.value)
