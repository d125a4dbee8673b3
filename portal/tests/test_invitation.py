"""Priority 1: invitation by one-time link, the member's account, short sessions, own family only."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from accounts.models import User
from core.testing import PersonFactory, main_of, member
from families.models import Person
from organisation.models import Membership
from portal import services
from portal.models import Invitation, PortalProfile

GOOD = "Girasole-Azzurro-2026"


@pytest.fixture
def father(world):
    return PersonFactory(family=world.family, cognome="Bianchi", nome="Paolo", sesso="M", ruolo=Person.Ruolo.PADRE,
                         data_nascita=date(1985, 3, 1))


def invite(world, person, **kwargs):
    return services.invitation_create(family=world.family, person=person, by=world.casemanager, **kwargs)


def test_the_token_is_stored_hashed_and_expires_in_seven_days(world, father):
    invitation, token = invite(world, father)
    assert token not in invitation.token_hash and len(invitation.token_hash) == 64
    assert invitation.token_hash == services.hash_token(token)
    assert timedelta(days=6, hours=23) < invitation.expires_at - timezone.now() <= timedelta(days=7)
    assert not Invitation.objects.filter(token_hash=token).exists()


def test_only_the_case_manager_or_the_rt_invite(world, father):
    for persona in ("educatore", "coach", "insegnante", "casemanager2", "genitore"):
        with pytest.raises(PermissionDenied):
            services.invitation_create(family=world.family, person=father, by=world.users[persona])
    assert services.invitation_create(family=world.family, person=father, by=world.rt)[1]


def test_children_under_14_and_members_with_access_are_not_invited(world):
    luca = world.family.persone.get(nome="Luca")
    with pytest.raises(ValidationError) as error:
        invite(world, luca)
    assert "14 anni" in str(error.value)
    maria = world.family.persone.get(nome="Maria")
    with pytest.raises(ValidationError):
        invite(world, maria)
    teen = PersonFactory(family=world.family, nome="Sara", ruolo=Person.Ruolo.MINORE,
                         data_nascita=timezone.localdate() - timedelta(days=15 * 365))
    assert invite(world, teen)[1]
    stranger = world.other_ambito_family.persone.first()
    with pytest.raises(ValidationError):
        invite(world, stranger)


def test_a_new_invitation_cancels_the_previous_link(world, father):
    first, token1 = invite(world, father)
    _second, token2 = invite(world, father)
    with pytest.raises(services.InvitationProblem) as problem:
        services.invitation_check(token1)
    assert problem.value.code == "expired"
    assert services.invitation_check(token2).person == father


def test_the_member_opens_the_account_and_lands_in_the_portal(world, father, client):
    _inv, token = invite(world, father, language="fr")
    page = client.get(f"/famiglia/invito/{token}/")
    html = page.content.decode()
    assert page.status_code == 200 and 'lang="fr"' in html and "paolo.bianchi" in html
    response = client.post(f"/famiglia/invito/{token}/", {"password1": GOOD, "password2": GOOD})
    assert response.status_code == 302 and response["Location"] == "/famiglia/"
    user = User.objects.get(persona=father)
    assert user.username == "paolo.bianchi" and user.check_password(GOOD)
    membership = Membership.objects.get(user=user)
    assert membership.role == "famiglia" and membership.ambito == world.ambito
    assert PortalProfile.objects.get(user=user).language == "fr"
    assert Invitation.objects.get(person=father).used_at is not None
    home = client.get("/famiglia/")
    assert home.status_code == 200 and "Paolo" in home.content.decode()
    # Sessions of family members are short: 30 minutes of inactivity.
    assert client.session.get_expiry_age() == 30 * 60


def test_a_reused_link_says_so_in_the_members_language(world, father):
    _inv, token = invite(world, father, language="en")
    Client().post(f"/famiglia/invito/{token}/", {"password1": GOOD, "password2": GOOD})
    again = Client().get(f"/famiglia/invito/{token}/")
    assert again.status_code == 410
    assert "already been used" in again.content.decode()
    assert Client().post(f"/famiglia/invito/{token}/", {"password1": GOOD, "password2": GOOD}).status_code == 410
    assert User.objects.filter(persona=father).count() == 1


def test_an_expired_link_says_so_in_the_members_language(world, father):
    invitation, token = invite(world, father, language="ar")
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    response = Client().get(f"/famiglia/invito/{token}/")
    html = response.content.decode()
    assert response.status_code == 410 and 'dir="rtl"' in html and "انتهت صلاحية هذا الرابط" in html
    assert not User.objects.filter(persona=father).exists()


def test_an_unknown_link_is_not_found(world):
    response = Client().get("/famiglia/invito/not-a-token/")
    assert response.status_code == 404 and "non è valido" in response.content.decode()


def test_weak_or_mismatched_passwords_are_refused_and_nothing_is_saved(world, father):
    _inv, token = invite(world, father)
    client = Client()
    response = client.post(f"/famiglia/invito/{token}/", {"password1": GOOD, "password2": GOOD + "x"})
    assert response.status_code == 422 and "non sono uguali" in response.content.decode()
    response = client.post(f"/famiglia/invito/{token}/", {"password1": "12345678901234", "password2": "12345678901234"})
    assert response.status_code == 422
    assert not User.objects.filter(persona=father).exists()
    assert services.invitation_check(token)  # still usable


def test_the_invitation_post_needs_the_csrf_token(world, father):
    _inv, token = invite(world, father)
    client = Client(enforce_csrf_checks=True)
    assert client.post(f"/famiglia/invito/{token}/", {"password1": GOOD, "password2": GOOD}).status_code == 403


def test_the_case_manager_gets_the_link_as_text_and_qr_code(world, father, login):
    response = login("casemanager").post(f"/famiglie/{world.family.pk}/portale/invito/",
                                         {"person": father.pk, "language": "ar"})
    html = response.content.decode()
    assert response.status_code == 200 and "<svg" in main_of(html) and "/famiglia/invito/" in html
    token = html.split("/famiglia/invito/")[1].split("/")[0]
    assert services.invitation_check(token).language == "ar"


def test_the_portal_login_takes_members_to_their_portal(world, client):
    world.genitore.set_password(GOOD)
    world.genitore.save()
    response = client.post("/famiglia/accesso/", {"username": "genitore", "password": GOOD})
    assert response.status_code == 302 and response["Location"] == "/famiglia/"
    assert client.get("/").status_code == 302  # the staff dashboard sends them back to the portal


def test_the_member_reaches_no_staff_page_and_no_other_family(world, login):
    client = login("genitore")
    for path in (f"/famiglie/{world.family.pk}/", f"/famiglie/{world.other_equipe_family.pk}/",
                 f"/famiglie/{world.other_ambito_family.pk}/", f"/famiglie/{world.family.pk}/progetto/",
                 f"/famiglie/{world.family.pk}/valutazioni/", f"/famiglie/{world.family.pk}/portale/",
                 f"/famiglie/{world.other_equipe_family.pk}/portale/", "/registro-accessi/"):
        assert client.get(path).status_code in (403, 404), path
    assert client.get(f"/famiglie/{world.other_equipe_family.pk}/portale/").status_code == 404


def test_a_member_of_another_family_gets_404_on_our_staff_pages_and_sees_their_own_portal(world, login):
    other_parent = member(world.ambito, "famiglia", username="genitore2")
    giada = world.other_equipe_family.persone.first()
    giada.user = other_parent
    giada.save()
    client = login("genitore2")
    assert "Giada" in client.get("/famiglia/").content.decode()
    assert "Bianchi" not in client.get("/famiglia/").content.decode()
    assert client.get(f"/famiglie/{world.family.pk}/portale/").status_code == 404
    assert client.get(f"/famiglie/{world.family.pk}/").status_code == 404
