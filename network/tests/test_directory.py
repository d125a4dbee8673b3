import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.testing import main_of
from network import services
from network.models import Diritto, Service

from .factories import make_service, school


def service_post(world, **overrides) -> dict:
    data = {"form_token": "7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d", "nome": "Spazio mamme Girasole",
            "area": "genitorialita", "tipologia": "spazio_mamme", "ente_testo": "Associazione Il Girasole",
            "comune": world.comune.pk, "lingue": "italiano, arabo", "orari": "martedì 9-12", "attivo": "on"}
    data.update(overrides)
    return data


def test_tutor_adds_a_service_to_the_directory(world, login):
    response = login("tutor").post("/rete/servizi/nuovo/", service_post(world))
    service = Service.objects.get()
    assert response["Location"] == f"/rete/servizi/{service.pk}/" and service.provider == "Associazione Il Girasole"


def test_service_needs_a_provider(world, login):
    response = login("rt").post("/rete/servizi/nuovo/", service_post(world, ente_testo=""))
    assert response.status_code == 422 and "Indica chi offre il servizio" in response.content.decode()


def test_tipologia_must_belong_to_the_area(world):
    with pytest.raises(ValidationError) as error:
        services.service_create(by=world.rt, ambito=world.ambito, nome="X", area=Diritto.CASA, tipologia="nido",
                                ente=school(world))
    assert "non appartiene all'area" in error.value.message_dict["tipologia"][0]


def test_provider_of_another_ambito_is_refused(world):
    with pytest.raises(ValidationError):
        services.service_create(by=world.rt, ambito=world.ambito, nome="X", area=Diritto.CASA,
                                ente=world.other_ambito_family.comune)


def test_operators_cannot_change_the_directory(world):
    with pytest.raises(PermissionDenied):
        services.service_create(by=world.casemanager, ambito=world.ambito, nome="X", area=Diritto.CASA,
                                ente_testo="Sicet")


def test_search_and_filters_answer_htmx_with_the_partial(world, login):
    make_service(world)
    make_service(world, nome="Sportello Sicet", area=Diritto.CASA, tipologia="casa", ente=world.comune)
    client = login("educatore")
    page = client.get("/rete/servizi/?area=casa", HTTP_HX_REQUEST="true").content.decode()
    assert "Sportello Sicet" in page and "Girotondo" not in page and "<html" not in page
    assert "Girotondo" in client.get("/rete/servizi/?q=girotondo").content.decode()
    assert "Girotondo" in client.get("/rete/servizi/?lingua=arabo").content.decode()


def test_directory_page_draws_the_comuni_map(world, login):
    make_service(world)
    page = login("tutor").get("/rete/servizi/").content.decode()
    assert "<svg" in main_of(page) and "Seregno" in page


def test_another_ambito_directory_is_not_visible(world, login):
    service = make_service(world)
    client = login("rt_altro")
    assert client.get(f"/rete/servizi/{service.pk}/").status_code == 404
    assert "Girotondo" not in client.get("/rete/servizi/").content.decode()
