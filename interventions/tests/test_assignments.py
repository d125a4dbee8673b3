"""Assigning an operator to a family: home education starts with the inclusion, and the choice of operator
says who is who."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from core.testing import today
from interventions import services
from interventions.models import Assegnazione, Servizio
from interventions.testing import start_path
from organisation.models import EquipeMember


def test_home_education_cannot_start_before_the_inclusion(world):
    family = start_path(world.family, included=today() - timedelta(days=10))
    with pytest.raises(ValidationError) as error:
        services.assegnazione_create(family=family, by=world.casemanager, operatore=world.educatore,
                                     ore_settimanali=Decimal(8), data_inizio=today() - timedelta(days=11))
    assert "prima dell'inclusione" in error.value.message_dict["data_inizio"][0]
    assert not Assegnazione.objects.exists()
    services.assegnazione_create(family=family, by=world.casemanager, operatore=world.educatore,
                                 ore_settimanali=Decimal(8), data_inizio=today() - timedelta(days=10))
    assert Assegnazione.objects.count() == 1


def test_home_education_waits_for_a_family_not_yet_included(world, login):
    response = login("casemanager").post(f"/famiglie/{world.family.pk}/interventi/assegnazioni/nuova/", {
        "operatore": world.educatore.pk, "servizio": Servizio.EDUCATIVA, "ruolo": "educatore",
        "ore_settimanali": "8", "data_inizio": today().isoformat()})
    assert "non è ancora inclusa" in response.content.decode()
    assert not Assegnazione.objects.exists()


def test_other_services_may_start_before_the_inclusion(world):
    services.assegnazione_create(family=world.family, by=world.casemanager, operatore=world.educatore,
                                 ore_settimanali=Decimal(2), data_inizio=today(), servizio=Servizio.PSICOLOGICO,
                                 ruolo="psicologo")
    assert Assegnazione.objects.count() == 1


def test_the_operators_offered_show_their_profession(world, login):
    member = EquipeMember.objects.filter(equipe=world.family.equipe, user=world.educatore).first()
    html = login("casemanager").get(f"/famiglie/{world.family.pk}/interventi/assegnazioni/nuova/").content.decode()
    assert f"{world.educatore} — {member.get_professione_display()}" in html
