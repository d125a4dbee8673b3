"""The API's assessments: filled and submitted with the UI's rules."""

from assessments.models import Response
from assessments.selectors import current_instrument_version


def test_an_assessment_is_filled_and_submitted_through_the_api(world, token_client):
    luca = world.family.persone.get(nome="Luca")
    codes = [i.code for i in current_instrument_version("mondo_del_bambino").parsed.items]
    body = {"instrument": "mondo_del_bambino", "time_point": "T0", "perspective": "operatore", "person": luca.pk,
            "values": {c: "4" for c in codes}, "submit": True}
    response = token_client("casemanager").post(f"/api/v1/families/{world.family.pk}/assessments/", body,
                                                format="json")
    assert response.status_code == 201, response.content
    saved = Response.objects.get(pk=response.json()["id"])
    assert saved.status == Response.Status.SUBMITTED and saved.scores
    # Missing answers: 400 in Italian and nothing submitted; another family's child: 400.
    partial = dict(body, time_point="T1", values={codes[0]: "3"})
    bad = token_client("casemanager").post(f"/api/v1/families/{world.family.pk}/assessments/", partial, format="json")
    assert bad.status_code == 400 and "mancano" in str(bad.json())
    assert not Response.objects.filter(time_point="T1").exists()
    stranger = dict(body, person=world.other_ambito_family.persone.first().pk)
    assert token_client("casemanager").post(f"/api/v1/families/{world.family.pk}/assessments/", stranger,
                                            format="json").status_code == 400
    assert token_client("educatore2").post(f"/api/v1/families/{world.family.pk}/assessments/", body,
                                           format="json").status_code == 404
