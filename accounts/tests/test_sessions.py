"""Session expiry after inactivity, log out everywhere, password change and reset."""

import re
import time

from django.core import mail
from django.test import Client
from rest_framework.authtoken.models import Token

from accounts.middleware import LAST_SEEN
from core.testing import PASSWORD


def logged_in(username: str) -> Client:
    client = Client()
    assert client.post("/account/accesso/", {"username": username, "password": PASSWORD}).status_code == 302
    return client


def test_a_session_idle_for_too_long_is_logged_out(world, settings):
    settings.TRAMA_SESSION_IDLE_MINUTES = 30
    client = logged_in("casemanager")
    assert client.get("/").status_code == 200
    session = client.session
    session[LAST_SEEN] = int(time.time()) - 31 * 60
    session.save()
    response = client.get("/famiglie/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/account/accesso/")
    assert "disconnesso dopo 30 minuti di inattività" in response.content.decode()


def test_an_active_session_stays_open(world, settings):
    client = logged_in("casemanager")
    session = client.session
    session[LAST_SEEN] = int(time.time()) - 29 * 60
    session.save()
    assert client.get("/").status_code == 200
    assert client.session[LAST_SEEN] >= int(time.time()) - 5


def test_log_out_everywhere_ends_the_other_devices_sessions(world):
    laptop, phone = logged_in("casemanager"), logged_in("casemanager")
    colleague = logged_in("educatore")
    Token.objects.create(user=world.casemanager)
    response = laptop.post("/account/esci-ovunque/", follow=True)
    assert "Sei uscito da Trama su tutti i dispositivi" in response.content.decode()
    assert phone.get("/").status_code == 302
    assert laptop.get("/").status_code == 302
    assert colleague.get("/").status_code == 200
    assert not Token.objects.filter(user=world.casemanager).exists()
    assert logged_in("casemanager").get("/").status_code == 200


def test_sessions_made_before_the_salt_existed_survive_the_upgrade(world):
    client = logged_in("casemanager")
    assert world.casemanager.session_salt == ""
    assert client.get("/").status_code == 200


def test_password_change_keeps_this_session_and_ends_the_others(world):
    here, elsewhere = logged_in("casemanager"), logged_in("casemanager")
    response = here.post("/account/password/", {"old_password": PASSWORD, "new_password1": "ramo-lento-sul-Lambro-42",
                                                "new_password2": "ramo-lento-sul-Lambro-42"})
    assert response.status_code == 302 and response["Location"] == "/account/"
    assert here.get("/").status_code == 200
    assert elsewhere.get("/").status_code == 302


def test_password_reset_by_email(world, client):
    world.casemanager.email = "cm@comune.example.it"
    world.casemanager.save()
    assert "Password dimenticata?" in client.get("/account/accesso/").content.decode()
    response = client.post("/account/password-dimenticata/", {"email": "cm@comune.example.it"})
    assert response.status_code == 302 and response["Location"] == "/account/password-dimenticata/inviata/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Trama: scegli una nuova password"
    link = re.search(r"http://testserver(/account/reimposta/\S+/)", message.body).group(1)

    form_page = client.get(link, follow=True)
    assert "Scegli una nuova password" in form_page.content.decode()
    response = client.post(form_page.redirect_chain[-1][0], {"new_password1": "ramo-lento-sul-Lambro-42",
                                                             "new_password2": "ramo-lento-sul-Lambro-42"})
    assert response.status_code == 302 and response["Location"] == "/account/reimposta/fatto/"
    assert client.post("/account/accesso/", {"username": "casemanager",
                                             "password": "ramo-lento-sul-Lambro-42"}).status_code == 302
    # The link works once.
    assert "Collegamento non più valido" in client.get(link, follow=True).content.decode()


def test_password_reset_for_an_unknown_address_says_the_same(db, client):
    response = client.post("/account/password-dimenticata/", {"email": "nessuno@example.it"})
    assert response.status_code == 302 and len(mail.outbox) == 0


def test_a_new_password_lifts_the_lock_out(world, client):
    world.casemanager.email = "cm@comune.example.it"
    world.casemanager.save()
    for _ in range(5):
        client.post("/account/accesso/", {"username": "casemanager", "password": "sbagliata"})
    client.post("/account/password-dimenticata/", {"email": "cm@comune.example.it"})
    link = re.search(r"http://testserver(/account/reimposta/\S+/)", mail.outbox[0].body).group(1)
    page = client.get(link, follow=True)
    client.post(page.redirect_chain[-1][0], {"new_password1": "ramo-lento-sul-Lambro-42",
                                             "new_password2": "ramo-lento-sul-Lambro-42"})
    assert client.post("/account/accesso/", {"username": "casemanager",
                                             "password": "ramo-lento-sul-Lambro-42"}).status_code == 302


def test_the_account_page_is_linked_from_the_header(world, login):
    response = login("educatore").get("/")
    assert 'href="/account/"' in response.content.decode()
    page = login("educatore").get("/account/").content.decode()
    for text in ("Cambia la password", "Verifica in due passaggi", "Esci da tutti i dispositivi"):
        assert text in page
