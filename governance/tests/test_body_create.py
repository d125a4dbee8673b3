import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from governance.bodies import services
from governance.bodies.models import Body, BodyMember
from organisation.models import Membership


def post(client, **data):
    values = {"tipo": "cabina_regia", "nome": "Cabina di Regia", "descrizione": "Garantisce le condizioni del progetto.",
              "esterni": ""}
    values.update(data)
    return client.post("/governance/organismi/nuovo/", values)


def test_the_rt_creates_a_body_with_members_and_outsiders_in_trama(world, login):
    client = login("rt")
    assert "Nuovo organismo" in client.get("/governance/").content.decode()
    membership = Membership.objects.get(user=world.governance, ambito=world.ambito)
    response = post(client, componenti=[membership.pk],
                    esterni="Dott.ssa Neri; ASST Brianza; Direttrice sociosanitaria\nIng. Bassi")
    body = Body.objects.get(ambito=world.ambito, nome="Cabina di Regia")
    assert response.status_code == 302 and response["Location"] == f"/governance/organismi/{body.pk}/"
    assert body.tipo == Body.Tipo.CABINA and body.descrizione.startswith("Garantisce")
    rows = sorted((str(m), m.ente, m.ruolo) for m in body.componenti.all())
    assert ("Dott.ssa Neri", "ASST Brianza", "Direttrice sociosanitaria") in rows
    assert ("Ing. Bassi", "", "") in rows
    assert body.componenti.filter(user=world.governance).exists()
    # The member sees it among their bodies; the RT of another ambito does not.
    assert login("governance").get(f"/governance/organismi/{body.pk}/").status_code == 200
    assert login("rt_altro").get(f"/governance/organismi/{body.pk}/").status_code == 404


def test_a_second_body_with_the_same_name_is_refused_with_a_message_and_nothing_saved(world, login):
    client = login("rt")
    post(client)
    response = post(client, nome="cabina di regia", esterni="Ing. Bassi")
    assert response.status_code == 422
    assert "già un organismo con questo nome" in response.content.decode()
    assert Body.objects.filter(ambito=world.ambito).count() == 1
    assert not BodyMember.objects.filter(nome="Ing. Bassi").exists()


@pytest.mark.parametrize(("data", "message"), [
    ({"nome": ""}, "Campo obbligatorio"),
    ({"tipo": "consiglio"}, "Scegli"),
    ({"esterni": "Neri; ASST; ruolo; altro"}, "al massimo nome; ente; ruolo"),
    ({"esterni": "Neri\nneri"}, "scritto due volte"),
])
def test_bad_input_gets_an_italian_message_and_creates_nothing(world, login, data, message):
    response = post(login("rt"), **data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Body.objects.exists()


def test_only_the_rt_creates_bodies(world, login):
    for username in ("governance", "casemanager", "amministrativo"):
        assert login(username).get("/governance/organismi/nuovo/").status_code == 403
        assert post(login(username)).status_code == 403
    with pytest.raises(PermissionDenied):
        services.body_create(ambito=world.ambito, by=world.governance, tipo="cabina_regia", nome="Cabina")
    assert not Body.objects.exists()


def test_a_member_from_another_ambito_is_refused(world):
    other = Membership.objects.exclude(ambito=world.ambito).select_related("user").first().user
    with pytest.raises(ValidationError, match="lavorare nell'ambito"):
        services.body_create(ambito=world.ambito, by=world.rt, tipo="cabina_regia", nome="Cabina",
                             members=[(other, "", "")])
    assert not Body.objects.exists()
