"""Login throttling with django-axes, by the pair username + client address."""

from axes.models import AccessAttempt

from core.testing import PASSWORD


def attempt(client, username: str, password: str = "sbagliata", ip: str = "10.0.0.7"):  # noqa: S107
    return client.post("/account/accesso/", {"username": username, "password": password}, REMOTE_ADDR=ip)


def test_five_failures_lock_the_user_out_with_an_italian_page(world, client):
    for _ in range(4):
        assert attempt(client, "casemanager").status_code == 200
    response = attempt(client, "casemanager")
    assert response.status_code == 429
    assert "Accesso temporaneamente bloccato" in response.content.decode()
    assert "30 minuti" in response.content.decode()
    # Even the right password is refused while locked.
    assert attempt(client, "casemanager", PASSWORD).status_code == 429


def test_a_colleague_behind_the_same_address_can_still_log_in(world, client):
    for _ in range(5):
        attempt(client, "casemanager")
    response = attempt(client, "educatore", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"


def test_the_same_user_from_another_address_is_not_locked(world, client):
    for _ in range(5):
        attempt(client, "casemanager")
    assert attempt(client, "casemanager", PASSWORD, ip="10.0.0.99").status_code == 302


def test_a_successful_login_resets_the_count(world, client):
    for _ in range(4):
        attempt(client, "casemanager")
    assert attempt(client, "casemanager", PASSWORD).status_code == 302
    client.post("/account/uscita/")
    for _ in range(4):
        assert attempt(client, "casemanager").status_code == 200


def test_the_address_behind_a_proxy_comes_from_x_forwarded_for(world, client, settings):
    settings.TRAMA_PROXY_COUNT = 1
    for i in range(5):
        client.post("/account/accesso/", {"username": "casemanager", "password": "x"}, REMOTE_ADDR="10.0.0.1",
                    HTTP_X_FORWARDED_FOR=f"6.6.6.{i}, 192.0.2.10")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"192.0.2.10"}
    response = client.post("/account/accesso/", {"username": "casemanager", "password": PASSWORD},
                           REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.11")
    assert response.status_code == 302


def test_password_spraying_from_one_address_locks_that_address_out(world, client, settings):
    """40 usernames, one failure each, from one address: each stays below the per-username limit, but the
    address's own limit stops the spraying, and then even a right password from there is refused."""
    settings.TRAMA_ADDRESS_FAILURE_LIMIT = 20
    answers = [attempt(client, f"utente{i}").status_code for i in range(40)]
    assert answers[:19] == [200] * 19 and set(answers[19:]) == {429}
    response = attempt(client, "casemanager", PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Da questa rete ci sono stati troppi tentativi" in page and "30 minuti" in page
    # Another address is not affected.
    assert attempt(client, "casemanager", PASSWORD, ip="10.0.0.99").status_code == 302


def test_a_successful_login_does_not_reset_the_addresss_count(world, client, settings):
    settings.TRAMA_ADDRESS_FAILURE_LIMIT = 10
    for i in range(9):
        attempt(client, f"utente{i}")
    assert attempt(client, "educatore", PASSWORD).status_code == 302  # the sprayer's own valid account
    client.post("/account/uscita/")
    assert attempt(client, "utente99").status_code == 429


def test_failures_below_the_address_limit_lock_nobody_else(world, client, settings):
    settings.TRAMA_ADDRESS_FAILURE_LIMIT = 10
    for i in range(9):
        attempt(client, f"utente{i}")
    assert attempt(client, "casemanager", PASSWORD).status_code == 302
