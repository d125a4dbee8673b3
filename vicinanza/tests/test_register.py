"""The register of support families and volunteers."""

import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.testing import EnteFactory, today
from families.models import Stato
from organisation.models import Ente
from vicinanza.models import Sostenitore
from vicinanza.services import SostenitoreData, sostenitore_create
from vicinanza.testing import support_family


def post_data(world, **overrides):
    data = {"ambito": world.ambito.pk, "tipo": "famiglia", "nome": "Famiglia Galli", "referente": "Anna Galli",
            "comune": world.comune.pk, "lingue": "italiano, arabo", "aiuti": ["compiti", "pratico"],
            "disponibilita": ["feriali"], "stato": "disponibile", "colloquio_il": "", "controlli_il": "",
            "consenso_il": "", "form_token": str(uuid.uuid4())}
    data.update(overrides)
    return data


def test_ets_coordinator_registers_a_support_family_once_even_if_submitted_twice(world, login):
    client = login("ets")
    data = post_data(world)
    assert client.post("/vicinanza/nuovo/", data).status_code == 302
    assert client.post("/vicinanza/nuovo/", data).status_code == 302
    saved = Sostenitore.objects.get()
    assert (saved.nome, saved.aiuti, saved.disponibilita) == ("Famiglia Galli", ["compiti", "pratico"], ["feriali"])
    assert saved.missing_checks == ["colloquio di conoscenza", "verifiche", "consenso al trattamento dei dati"]
    page = client.get("/vicinanza/").content.decode()
    assert "Famiglia Galli" in page and "da completare" in page


@pytest.mark.parametrize(("overrides", "field", "message"), [
    ({"aiuti": []}, "aiuti", "obbligatorio"),
    ({"comune": "other"}, "comune", "opzione valida"),
    ({"comune": "school"}, "comune", "opzione valida"),
    ({"controlli_il": "future"}, "controlli_il", "nel futuro"),
    ({"user": "educatore"}, "user", None),
])
def test_bad_register_entries_are_refused(world, login, overrides, field, message):
    for key, value in list(overrides.items()):
        if value == "other":
            overrides[key] = EnteFactory(ambito=world.other_ambito, tipo=Ente.Tipo.COMUNE).pk
        elif value == "school":
            overrides[key] = EnteFactory(ambito=world.ambito, tipo=Ente.Tipo.SCUOLA, nome="IC Meda").pk
        elif value == "future":
            overrides[key] = (today() + timedelta(days=2)).isoformat()
        elif value == "educatore":
            overrides[key] = world.educatore.pk
    response = login("casemanager").post("/vicinanza/nuovo/", post_data(world, **overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert message is None or message in errors[0]
    assert not Sostenitore.objects.exists()


def test_a_volunteer_account_must_be_a_volunteer_of_the_ambito(world):
    with pytest.raises(ValidationError) as error:
        sostenitore_create(ambito=world.ambito, by=world.rt, data=SostenitoreData(
            tipo="volontario", nome="Paolo", comune=world.comune, aiuti=("compiti",), disponibilita=("weekend",),
            user=world.educatore))
    assert "volontario" in error.value.message_dict["user"][0]


def test_a_stale_edit_keeps_the_input(world, login):
    s = support_family(world)
    Sostenitore.objects.filter(pk=s.pk).update(version=s.version + 1)
    response = login("rt").post(f"/vicinanza/{s.pk}/modifica/", post_data(
        world, nome="Famiglia Colombo Rossi", version=s.version, aiuti=["compiti"], disponibilita=["weekend"]))
    assert response.status_code == 409
    assert "Famiglia Colombo Rossi" in response.content.decode()
    assert Sostenitore.objects.get(pk=s.pk).nome == "Famiglia Colombo"


def test_a_family_that_was_supported_becomes_a_support_family(world, login):
    world.family.stato = Stato.CHIUSA
    world.family.save()
    client = login("casemanager")
    form = client.get(f"/vicinanza/nuovo/?da_famiglia={world.family.pk}").context["form"]
    assert form.initial["famiglia_origine"] == world.family.pk and form.initial["nome"] == "Famiglia Bianchi"
    response = client.post("/vicinanza/nuovo/", post_data(world, nome="Famiglia Bianchi",
                                                          famiglia_origine=world.family.pk))
    assert response.status_code == 302
    assert Sostenitore.objects.get().famiglia_origine == world.family
    assert "ora sostiene altre famiglie" in client.get(f"/famiglie/{world.family.pk}/vicinanza/").content.decode()


def test_origin_family_must_be_one_the_user_follows(world, login):
    response = login("casemanager2").post("/vicinanza/nuovo/", post_data(world, famiglia_origine=world.family.pk))
    assert response.status_code == 200 and "famiglia_origine" in response.context["form"].errors
    assert not Sostenitore.objects.exists()
    # And the prefill from another équipe's family is not found.
    assert login("casemanager2").get(f"/vicinanza/nuovo/?da_famiglia={world.family.pk}").status_code == 404


def test_register_of_another_ambito_is_not_found(world, login):
    s = support_family(world)
    assert login("rt_altro").get(f"/vicinanza/{s.pk}/").status_code == 404
    assert "Famiglia Colombo" not in login("rt_altro").get("/vicinanza/").content.decode()


def test_register_page_query_count_is_constant(world, login):
    client = login("rt")
    support_family(world)
    client.get("/vicinanza/")
    with CaptureQueriesContext(connection) as few:
        client.get("/vicinanza/?stato=disponibile")
    for n in range(15):
        support_family(world, nome=f"Famiglia {n}")
    with CaptureQueriesContext(connection) as many:
        response = client.get("/vicinanza/?stato=disponibile")
    assert "Famiglia 14" in response.content.decode()
    assert len(many) == len(few)
