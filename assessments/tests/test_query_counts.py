
from core.testing import PersonFactory, queries_on, submit_mdb


def test_assessment_pages_do_not_grow_with_the_number_of_assessments(world, login):
    client = login("casemanager")
    luca = world.family.persone.get(nome="Luca")
    submit_mdb(world.family, luca, world.casemanager)
    paths = [f"/famiglie/{world.family.pk}/valutazioni/",
             f"/famiglie/{world.family.pk}/valutazioni/mondo-del-bambino/{luca.pk}/"]
    before = [queries_on(client, p) for p in paths]
    for n in range(3):
        child = PersonFactory(family=world.family, nome=f"Figlio{n}", ruolo="minore", sesso="M",
                              data_nascita="2019-01-01", target=True)
        submit_mdb(world.family, child, world.casemanager)
    submit_mdb(world.family, luca, world.casemanager, time_point="T1")
    assert [queries_on(client, p) for p in paths] == before
