"""The API's referrals: within the scope, without names, moved on with the UI's rules."""

from network.tests.factories import make_referral


def test_referrals_are_listed_within_the_scope_without_names(world, token_client):
    referral = make_referral(world)
    rows = token_client("rt").get("/api/v1/referrals/").json()
    assert [r["id"] for r in rows] == [referral.pk]
    assert set(rows[0]) == {"id", "intake", "area", "servizio", "data_invio", "follow_up_il", "stato", "stato_dal"}
    assert token_client("rt_altro").get("/api/v1/referrals/").json() == []
    assert token_client("amministrativo").get("/api/v1/referrals/").status_code == 403


def test_a_referral_moves_on_through_the_api_with_the_ui_rules(world, token_client):
    referral = make_referral(world)
    client = token_client("tutor")
    moved = client.post(f"/api/v1/referrals/{referral.pk}/status/", {"target": "accolto"}, format="json")
    assert moved.status_code == 200 and moved.json()["stato"] == "accolto"
    back = client.post(f"/api/v1/referrals/{referral.pk}/status/", {"target": "inviato"}, format="json")
    assert back.status_code == 400 and "non può tornare" in str(back.json())
    assert token_client("rt_altro").post(f"/api/v1/referrals/{referral.pk}/status/", {"target": "accolto"},
                                         format="json").status_code == 404
