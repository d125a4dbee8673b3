"""The équipe decides which Il Mondo del Bambino syntheses the family sees in its portal."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from assessments import services
from assessments.models import Response
from core.testing import PersonFactory, submit_mdb, submit_preassessment


@pytest.fixture
def mdb(world):
    return submit_mdb(world.family, world.family.persone.get(nome="Luca"), world.casemanager, score=5)


def test_an_unshared_assessment_is_invisible_even_by_its_url(world, mdb, login):
    client = login("genitore")
    assert "Luca" not in client.get("/famiglia/valutazioni/").content.decode()
    assert client.get(f"/famiglia/valutazioni/{mdb.pk}/").status_code == 404


def test_the_case_manager_shares_the_synthesis_in_words_without_narratives(world, mdb, login):
    response = login("casemanager").post(f"/famiglie/{world.family.pk}/valutazioni/{mdb.pk}/condivisione/",
                                         {"condividi": "1"})
    assert response.status_code == 302
    shared = Response.objects.get(pk=mdb.pk)
    assert shared.condivisa_il and shared.condivisa_da == world.casemanager
    client = login("genitore")
    assert f"/famiglia/valutazioni/{mdb.pk}/" in client.get("/famiglia/valutazioni/").content.decode()
    page = client.get(f"/famiglia/valutazioni/{mdb.pk}/").content.decode()
    assert "È un punto di forza" in page and "Salute e crescita" in page
    assert "Narrazione" not in page  # the équipe's narratives never reach the portal
    # And un-sharing hides it again.
    login("casemanager").post(f"/famiglie/{world.family.pk}/valutazioni/{mdb.pk}/condivisione/", {"condividi": "0"})
    assert client.get(f"/famiglia/valutazioni/{mdb.pk}/").status_code == 404


def test_only_the_case_manager_or_rt_share_and_only_a_submitted_mdb(world, mdb, login):
    assert login("educatore").post(f"/famiglie/{world.family.pk}/valutazioni/{mdb.pk}/condivisione/",
                                   {"condividi": "1"}).status_code == 403
    pre = submit_preassessment(world.family, world.casemanager)
    with pytest.raises(ValidationError):
        services.response_share(response=pre, by=world.casemanager, shared=True)
    assert not Response.objects.filter(condivisa_il__isnull=False).exists()


def test_another_familys_shared_assessment_is_not_found(world, login):
    child = PersonFactory(family=world.other_equipe_family, cognome="Verdi", nome="Nico", sesso="M",
                          ruolo="minore", data_nascita=date(2018, 3, 3), target=True)
    other = submit_mdb(world.other_equipe_family, child, world.casemanager2)
    services.response_share(response=other, by=world.casemanager2, shared=True)
    assert login("genitore").get(f"/famiglia/valutazioni/{other.pk}/").status_code == 404
