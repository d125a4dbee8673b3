import uuid
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.testing import EnteFactory, cf_for
from families.models import Family, Person, Stato
from families.selectors import get_family_for
from network import services
from network.models import Intake, IntakeChild, IntakeNeed

from .factories import intake_data, make_intake


def test_tutor_records_an_intake_with_needs_and_children(world):
    intake = make_intake(world)
    assert intake.tutor == world.tutor and intake.ambito == world.ambito
    assert set(intake.bisogni.values_list("diritto", flat=True)) == {"salute", "educazione"}
    assert intake.figli.count() == 1


def test_intake_with_invalid_codice_fiscale_is_refused_and_nothing_is_saved(world):
    with pytest.raises(ValidationError) as error:
        services.intake_create(by=world.tutor, ambito=world.ambito,
                               data=intake_data(world, codice_fiscale="XXXXXXXXXXXXXXXX"))
    assert "non è valido" in str(error.value.message_dict["codice_fiscale"])
    assert not Intake.objects.exists() and not IntakeChild.objects.exists() and not IntakeNeed.objects.exists()


def test_codice_fiscale_must_match_the_birth_date(world):
    cf = cf_for("El Amrani", "Fatima", "F", date(1994, 3, 12))
    with pytest.raises(ValidationError) as error:
        services.intake_create(by=world.tutor, ambito=world.ambito,
                               data=intake_data(world, codice_fiscale=cf, data_nascita=date(1994, 3, 13)))
    assert "data di nascita" in str(error.value.message_dict["codice_fiscale"])


def test_duplicate_intake_by_codice_fiscale_points_to_the_existing_one(world):
    cf = cf_for("El Amrani", "Fatima", "F", date(1994, 3, 12))
    first = make_intake(world, codice_fiscale=cf)
    with pytest.raises(services.DuplicateIntake) as error:
        services.intake_create(by=world.tutor, ambito=world.ambito,
                               data=intake_data(world, cognome="Amrani", nome="Fatma", codice_fiscale=cf.lower()))
    assert error.value.existing == first
    assert "ha già un contatto" in error.value.messages[0]
    assert Intake.objects.count() == 1


def test_duplicate_intake_by_names_and_birth_date(world):
    first = make_intake(world)
    with pytest.raises(services.DuplicateIntake) as error:
        services.intake_create(by=world.tutor, ambito=world.ambito, data=intake_data(world, cognome="el amrani "))
    assert error.value.existing == first


def test_same_person_in_another_ambito_is_not_a_duplicate(world):
    make_intake(world)
    services.intake_create(by=world.rt_altro, ambito=world.other_ambito,
                           data=intake_data(world, comune=EnteFactory(ambito=world.other_ambito)))
    assert Intake.objects.count() == 2


def test_future_dates_are_refused(world):
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.intake_create(by=world.tutor, ambito=world.ambito, data=intake_data(
            world, data_contatto=tomorrow, figli=[services.ChildData(nome="Adam", sesso="M", data_nascita=tomorrow)]))
    errors = error.value.message_dict
    assert "futuro" in errors["data_contatto"][0]
    assert "futuro" in errors["figli:0:data_nascita"][0]
    assert not Intake.objects.exists()


def test_comune_of_another_ambito_is_refused(world):
    with pytest.raises(ValidationError) as error:
        services.intake_create(by=world.tutor, ambito=world.ambito,
                               data=intake_data(world, comune=world.other_ambito_family.comune))
    assert "comune dell'ambito" in error.value.message_dict["comune"][0]


@pytest.mark.parametrize("persona", ["casemanager", "educatore", "amministrativo", "governance", "rt_altro"])
def test_only_tutor_and_rt_record_intakes(world, persona):
    with pytest.raises(PermissionDenied):
        services.intake_create(by=getattr(world, persona), ambito=world.ambito, data=intake_data(world))


def test_double_submission_creates_one_intake(world):
    token = uuid.uuid4()
    first = services.intake_create(by=world.tutor, ambito=world.ambito, data=intake_data(world), creation_token=token)
    with pytest.raises(services.DuplicateSubmission) as duplicate:
        services.intake_create(by=world.tutor, ambito=world.ambito, data=intake_data(world), creation_token=token)
    assert duplicate.value.existing == first
    assert Intake.objects.count() == 1


def test_update_replaces_needs_and_closes(world):
    intake = make_intake(world)
    data = intake_data(world, bisogni=["casa"], figli=[])
    updated = services.intake_update(intake=intake, by=world.tutor, version=intake.version, data=data, stato="chiuso")
    assert list(updated.bisogni.values_list("diritto", flat=True)) == ["casa"]
    assert updated.figli.count() == 0 and updated.stato == "chiuso" and updated.chiuso_il == timezone.localdate()


def test_stale_update_is_refused(world):
    intake = make_intake(world)
    services.intake_update(intake=intake, by=world.tutor, version=intake.version, data=intake_data(world, note="a"))
    with pytest.raises(services.StaleEdit):
        services.intake_update(intake=intake, by=world.tutor, version=intake.version, data=intake_data(world, note="b"))


def test_conversion_creates_a_segnalata_family_the_tutor_sees(world):
    cf = cf_for("El Amrani", "Fatima", "F", date(1994, 3, 12))
    intake = make_intake(world, codice_fiscale=cf)
    family = services.intake_convert(intake=intake, by=world.tutor)
    intake.refresh_from_db()
    assert intake.family == family
    assert family.stato == Stato.SEGNALATA and family.segnalata_da == world.tutor and family.comune == world.comune
    people = {(p.nome, p.ruolo, p.codice_fiscale) for p in family.persone.all()}
    assert people == {("Fatima", Person.Ruolo.MADRE, cf), ("Yasmine", Person.Ruolo.MINORE, "")}
    assert get_family_for(world.tutor, family.pk) == family


def test_conversion_by_the_rt_keeps_the_tutor_as_reporter(world):
    intake = make_intake(world)
    family = services.intake_convert(intake=intake, by=world.rt)
    assert family.segnalata_da == world.tutor


def test_second_conversion_returns_the_first_family(world):
    intake = make_intake(world)
    family = services.intake_convert(intake=intake, by=world.tutor)
    intake.refresh_from_db()
    with pytest.raises(services.DuplicateSubmission) as duplicate:
        services.intake_convert(intake=intake, by=world.tutor)
    assert duplicate.value.existing == family
    assert Family.objects.filter(nome="Famiglia El Amrani").count() == 1


def test_conversion_refused_when_the_codice_fiscale_is_already_in_a_family(world):
    cf = cf_for("Bianchi", "Maria", "F", date(1990, 5, 17))
    Person.objects.filter(family=world.family, nome="Maria").update(codice_fiscale=cf)
    intake = make_intake(world, cognome="Bianchi", nome="Maria", data_nascita=date(1990, 5, 17), codice_fiscale=cf)
    before = Family.objects.count()
    with pytest.raises(ValidationError) as error:
        services.intake_convert(intake=intake, by=world.tutor)
    assert "Maria Bianchi: " in error.value.messages[0] and "già registrato" in error.value.messages[0]
    assert Family.objects.count() == before
    intake.refresh_from_db()
    assert intake.family is None
