"""The API's family members: the UI's rules, in JSON."""

from families.models import Person


def test_persons_are_added_with_the_codice_fiscale_checked(world, token_client):
    client = token_client("casemanager")
    bad = {"cognome": "Bianchi", "nome": "Marco", "sesso": "M", "ruolo": "padre", "data_nascita": "1985-03-02",
           "codice_fiscale": "BNCMRC85C02Z999X"}
    response = client.post(f"/api/v1/families/{world.family.pk}/persons/", bad, format="json")
    assert response.status_code == 400 and "codice_fiscale" in response.json()["errors"]
    assert not Person.objects.filter(nome="Marco").exists()
    good = dict(bad, codice_fiscale="")
    assert client.post(f"/api/v1/families/{world.family.pk}/persons/", good, format="json").status_code == 201
    names = {p["nome"] for p in client.get(f"/api/v1/families/{world.family.pk}/persons/").json()}
    assert names == {"Maria", "Luca", "Marco"}
    assert token_client("educatore").post(f"/api/v1/families/{world.family.pk}/persons/", good,
                                          format="json").status_code == 403
