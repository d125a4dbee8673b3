from core.testing import PASSWORD


def test_a_wrong_password_gets_a_clear_italian_message(world, client):
    response = client.post("/account/accesso/", {"username": "casemanager", "password": "sbagliata"})
    assert response.status_code == 200
    assert "Nome utente o password non corretti" in response.content.decode()


def test_login_leads_to_the_dashboard(world, client):
    response = client.post("/account/accesso/", {"username": "casemanager", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"


def test_a_deactivated_account_cannot_log_in(world, client):
    world.casemanager.is_active = False
    world.casemanager.save()
    response = client.post("/account/accesso/", {"username": "casemanager", "password": PASSWORD})
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_the_demo_users_are_listed_only_in_demo_mode(db, client, settings):
    settings.TRAMA_DEMO_MODE = False
    assert "educatore2" not in client.get("/account/accesso/").content.decode()
    settings.TRAMA_DEMO_MODE = True
    assert "educatore2" in client.get("/account/accesso/").content.decode()


def test_a_deactivated_membership_removes_access_to_families(world, login):
    world.educatore.memberships.update(active=False)
    assert login("educatore").get(f"/famiglie/{world.family.pk}/").status_code == 404
