import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core.testing import member
from network import services
from network.models import Diritto, Referral, ReferralEvent

from .factories import make_intake, make_referral, make_service


def test_referral_starts_as_inviato_with_its_history(world):
    referral = make_referral(world)
    assert referral.stato == "inviato" and referral.area == Diritto.EDUCAZIONE
    assert list(referral.eventi.values_list("from_state", "to_state")) == [("", "inviato")]


def test_referral_to_a_service_of_another_ambito_is_refused(world):
    foreign = make_service(world, nome="Consultorio di Monza", area=Diritto.SALUTE, tipologia="consultorio",
                           ambito=world.other_ambito)
    with pytest.raises(ValidationError) as error:
        services.referral_create(intake=make_intake(world), by=world.tutor, service=foreign)
    assert "non è nella mappatura di questo ambito" in error.value.message_dict["service"][0]
    assert not Referral.objects.exists() and not ReferralEvent.objects.exists()


def test_follow_up_before_the_referral_is_refused(world):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as error:
        services.referral_create(intake=make_intake(world), by=world.tutor, service=make_service(world),
                                 data_invio=today, follow_up_il=today - timedelta(days=1))
    assert "non può precedere la data dell'invio" in error.value.message_dict["follow_up_il"][0]
    assert not Referral.objects.exists()


def test_referral_in_the_future_is_refused(world):
    with pytest.raises(ValidationError) as error:
        services.referral_create(intake=make_intake(world), by=world.tutor, service=make_service(world),
                                 data_invio=timezone.localdate() + timedelta(days=3))
    assert "futuro" in error.value.message_dict["data_invio"][0]


def test_status_moves_forward_and_keeps_history(world):
    referral = make_referral(world)
    referral = services.referral_update_status(referral=referral, by=world.insegnante, target="accolto",
                                               expected_state="inviato", nota="Colloquio fissato")
    referral = services.referral_update_status(referral=referral, by=world.tutor, target="preso_in_carico")
    referral = services.referral_update_status(referral=referral, by=world.rt, target="concluso")
    assert [e.to_state for e in referral.eventi.all()] == ["inviato", "accolto", "preso_in_carico", "concluso"]
    assert referral.eventi.get(to_state="accolto").by == world.insegnante


def test_concluded_referral_cannot_go_back_to_inviato(world):
    referral = make_referral(world)
    referral = services.referral_update_status(referral=referral, by=world.tutor, target="accolto")
    referral = services.referral_update_status(referral=referral, by=world.tutor, target="concluso")
    with pytest.raises(ValidationError) as error:
        services.referral_update_status(referral=referral, by=world.tutor, target="inviato")
    assert "non può tornare" in error.value.message_dict["target"][0]
    referral.refresh_from_db()
    assert referral.stato == "concluso" and referral.eventi.count() == 3


def test_status_changed_meanwhile_is_reported(world):
    referral = make_referral(world)
    services.referral_update_status(referral=referral, by=world.insegnante, target="accolto")
    with pytest.raises(ValidationError) as error:
        services.referral_update_status(referral=referral, by=world.tutor, target="rifiutato",
                                        expected_state="inviato")
    assert "Nel frattempo" in error.value.messages[0]


def test_follow_up_can_be_moved_but_not_before_the_referral(world):
    referral = make_referral(world)
    later = referral.data_invio + timedelta(days=10)
    referral = services.referral_update_status(referral=referral, by=world.tutor, target="inviato", follow_up_il=later)
    assert referral.follow_up_il == later and referral.eventi.count() == 1
    with pytest.raises(ValidationError):
        services.referral_update_status(referral=referral, by=world.tutor, target="inviato",
                                        follow_up_il=referral.data_invio - timedelta(days=1))


@pytest.mark.parametrize("persona", ["casemanager", "educatore", "coach", "amministrativo", "rt_altro"])
def test_others_cannot_update_a_referral(world, persona):
    with pytest.raises(PermissionDenied):
        services.referral_update_status(referral=make_referral(world), by=getattr(world, persona), target="accolto")


def test_other_tutor_cannot_refer_my_intake(world):
    other_tutor = member(world.ambito, "tutor", username="tutor2")
    with pytest.raises(PermissionDenied):
        services.referral_create(intake=make_intake(world), by=other_tutor, service=make_service(world))


def test_double_submission_creates_one_referral(world):
    token = uuid.uuid4()
    intake, service = make_intake(world), make_service(world)
    first = services.referral_create(intake=intake, by=world.tutor, service=service, creation_token=token)
    with pytest.raises(services.DuplicateSubmission) as duplicate:
        services.referral_create(intake=intake, by=world.tutor, service=service, creation_token=token)
    assert duplicate.value.existing == first and Referral.objects.count() == 1
