"""Two-factor authentication: TOTP with django-otp, recovery codes, and the enrolment requirement."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services
from core.testing import PASSWORD, main_of


def code_for(device: TOTPDevice, offset: int = 0) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, offset):06d}"


def password_login(client, username: str):
    return client.post("/account/accesso/", {"username": username, "password": PASSWORD})


@pytest.fixture
def required(settings):
    settings.TRAMA_REQUIRE_2FA = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def test_unenrolled_staff_are_sent_to_the_enrolment_page(world, login, required):
    response = login("educatore").get("/famiglie/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/verifica-in-due-passaggi/?next=")


def test_htmx_requests_are_redirected_by_htmx(world, login, required):
    response = login("educatore").get("/famiglie/", headers={"HX-Request": "true"})
    assert response["HX-Redirect"].startswith("/account/verifica-in-due-passaggi/")


def test_a_parent_is_not_asked_to_enrol(world, login, required):
    assert login("genitore").get("/account/").status_code == 200


def test_the_health_check_and_static_files_stay_reachable(world, login, required):
    assert login("educatore").get("/healthz").status_code == 200


def test_enrolment_confirms_the_app_and_shows_ten_recovery_codes_once(world, client, required):
    password_login(client, "casemanager")
    page = client.get("/account/verifica-in-due-passaggi/")
    assert page.status_code == 200 and "<svg" in main_of(page.content.decode())
    device = TOTPDevice.objects.get(user=world.casemanager, confirmed=False)

    response = client.post("/account/verifica-in-due-passaggi/", {"codice": code_for(device), "next": "/famiglie/"})
    assert response.status_code == 200
    codes = response.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert "non li vedrai più" in response.content.decode()
    assert client.get("/famiglie/").status_code == 200
    assert services.recovery_codes_left(world.casemanager) == 10


def test_a_wrong_enrolment_code_is_refused_in_italian(world, client, required):
    password_login(client, "casemanager")
    client.get("/account/verifica-in-due-passaggi/")
    response = client.post("/account/verifica-in-due-passaggi/", {"codice": "000000"})
    assert "Il codice non corrisponde" in response.content.decode()
    assert not services.has_two_factor(world.casemanager)


@pytest.fixture
def enrolled(world):
    device = TOTPDevice.objects.create(user=world.casemanager, name="Telefono", confirmed=True)
    codes = services.new_recovery_codes(user=world.casemanager)
    return device, codes


def test_verified_staff_pass_after_the_code(world, client, required, enrolled):
    device, _ = enrolled
    password_login(client, "casemanager")
    response = client.get(f"/famiglie/{world.family.pk}/")
    assert response.status_code == 302 and response["Location"].startswith("/account/verifica/?next=")
    response = client.post("/account/verifica/", {"codice": code_for(device), "next": f"/famiglie/{world.family.pk}/"})
    assert response.status_code == 302 and response["Location"] == f"/famiglie/{world.family.pk}/"
    assert client.get(f"/famiglie/{world.family.pk}/").status_code == 200


def test_a_wrong_code_is_refused_in_italian(world, client, required, enrolled):
    password_login(client, "casemanager")
    response = client.post("/account/verifica/", {"codice": "123456"})
    assert response.status_code == 200
    assert "Codice non valido o scaduto" in response.content.decode()
    assert client.get("/famiglie/").status_code == 302


def test_an_enrolled_user_is_asked_for_the_code_even_when_2fa_is_not_required(world, client, settings, enrolled):
    settings.TRAMA_REQUIRE_2FA = False
    password_login(client, "casemanager")
    assert client.get("/").status_code == 302


def test_a_recovery_code_works_once(world, client, required, enrolled):
    _, codes = enrolled
    password_login(client, "casemanager")
    response = client.post("/account/verifica/", {"codice": codes[0].upper().replace("-", " ")})
    assert response.status_code == 302
    assert client.get("/famiglie/").status_code == 200
    assert services.recovery_codes_left(world.casemanager) == 9

    other = client.__class__()
    password_login(other, "casemanager")
    response = other.post("/account/verifica/", {"codice": codes[0]})
    assert "Codice non valido o scaduto" in response.content.decode()


def test_the_enrolment_page_cannot_replace_the_phone_before_the_code(world, client, required, enrolled):
    password_login(client, "casemanager")
    response = client.get("/account/verifica-in-due-passaggi/")
    assert response.status_code == 302 and response["Location"].startswith("/account/verifica/")


def test_new_recovery_codes_replace_the_old_ones(world, client, required, enrolled):
    device, codes = enrolled
    password_login(client, "casemanager")
    client.post("/account/verifica/", {"codice": code_for(device)})
    response = client.post("/account/codici-di-recupero/")
    assert len(response.context["codes"]) == 10
    assert not set(codes) & set(response.context["codes"])
    assert services.recovery_codes_left(world.casemanager) == 10


def test_the_demo_login_page_says_2fa_is_off(db, client, settings):
    settings.TRAMA_DEMO_MODE = True
    settings.TRAMA_REQUIRE_2FA = False
    assert "verifica in due passaggi è spenta" in client.get("/account/accesso/").content.decode()
    settings.TRAMA_REQUIRE_2FA = True
    assert "verifica in due passaggi è spenta" not in client.get("/account/accesso/").content.decode()


def test_2fa_is_off_in_the_tests_by_default(settings):
    assert settings.TRAMA_REQUIRE_2FA is False
