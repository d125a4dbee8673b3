import csv
import io
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from core.testing import pdf_bytes
from governance.training.models import StaffMember
from organisation.models import Ente


def test_the_ets_coordinator_keeps_only_their_staff_and_the_export_lists_it(world, login):
    ets = Ente.objects.create(ambito=world.ambito, tipo="ets", nome="Coop Il Girasole")
    other = Ente.objects.create(ambito=world.ambito, tipo="ets", nome="Coop Altra")
    world.ets.memberships.update(ente=ets)
    StaffMember.objects.create(ente=other, nome="Altra Persona", ruolo="psicologo", in_servizio_dal=date(2024, 1, 1))
    client = login("ets")
    cv = SimpleUploadedFile("cv.pdf", pdf_bytes(), content_type="application/pdf")
    response = client.post("/governance/personale/", {"ente": ets.pk, "nome": "Marco Sala", "ruolo": "educatore",
                                                      "in_servizio_dal": "2024-09-01", "cv": cv})
    assert response.status_code == 302
    html = client.get("/governance/personale/").content.decode()
    assert "Marco Sala" in html and "Altra Persona" not in html
    assert client.post("/governance/personale/", {"ente": other.pk, "nome": "X", "ruolo": "educatore",
                                                  "in_servizio_dal": "2024-09-01"}).status_code == 422
    rows = list(csv.reader(io.StringIO(login("amministrativo").get("/governance/personale/?formato=csv")
                                       .content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Organizzazione", "Nome", "Ruolo"]
    assert {r[1] for r in rows[1:]} == {"Marco Sala", "Altra Persona"}


def test_a_cv_with_a_pdf_header_in_front_of_html_is_refused(world, login):
    ets = Ente.objects.create(ambito=world.ambito, tipo="ets", nome="Coop Il Girasole")
    world.ets.memberships.update(ente=ets)
    fake = SimpleUploadedFile("cv.pdf", b"%PDF-1.4\n<html>x</html>", content_type="application/pdf")
    response = login("ets").post("/governance/personale/", {"ente": ets.pk, "nome": "Marco Sala", "ruolo": "educatore",
                                                            "in_servizio_dal": "2024-09-01", "cv": fake})
    assert response.status_code == 422 and "non è un PDF leggibile" in response.content.decode()
    assert not StaffMember.objects.exists()


def test_a_cv_that_is_not_a_pdf_is_refused(world, login):
    ets = Ente.objects.create(ambito=world.ambito, tipo="ets", nome="Coop Il Girasole")
    world.ets.memberships.update(ente=ets)
    fake = SimpleUploadedFile("cv.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = login("ets").post("/governance/personale/", {"ente": ets.pk, "nome": "Marco Sala", "ruolo": "educatore",
                                                            "in_servizio_dal": "2024-09-01", "cv": fake})
    assert response.status_code == 422 and "in PDF" in response.content.decode()
    assert not StaffMember.objects.exists()
