from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from audit.models import AuditEntry
from core.testing import FamilyFactory, PersonFactory, cf_for, queries_on
from families.models import PathEvent, Stato


def names(response) -> set[str]:
    return {f.nome for f in response.context["page"].object_list}


def test_case_manager_sees_only_their_equipes_families(world, login):
    assert names(login("casemanager").get("/famiglie/")) == {"Famiglia Bianchi"}


def test_rt_sees_every_family_of_the_ambito_and_none_of_another(world, login):
    assert names(login("rt").get("/famiglie/")) == {"Famiglia Bianchi", "Famiglia Verdi", "Famiglia Neri"}
    assert names(login("rt_altro").get("/famiglie/")) == {"Famiglia Gialli"}


def test_search_by_a_members_name_or_codice_fiscale(world, login):
    cf = cf_for("Bianchi", "Luca", "M", date(2019, 4, 2))
    world.family.persone.filter(nome="Luca").update(codice_fiscale=cf)
    client = login("rt")
    assert names(client.get("/famiglie/", {"q": "giada"})) == {"Famiglia Verdi"}
    assert names(client.get("/famiglie/", {"q": cf.lower()})) == {"Famiglia Bianchi"}
    assert names(client.get("/famiglie/", {"q": "Gialli"})) == set()  # another ambito's family


def test_filters_by_state_comune_cohort_and_equipe(world, login):
    type(world.family).objects.filter(pk=world.family.pk).update(stato=Stato.IN_CORSO, implementazione=world.cohort)
    client = login("rt")
    assert names(client.get("/famiglie/", {"stato": Stato.IN_CORSO})) == {"Famiglia Bianchi"}
    assert names(client.get("/famiglie/", {"implementazione": world.cohort.pk})) == {"Famiglia Bianchi"}
    assert names(client.get("/famiglie/", {"equipe": world.other_equipe.pk})) == {"Famiglia Verdi"}
    assert len(names(client.get("/famiglie/", {"comune": world.comune.pk}))) == 3


def test_a_filter_value_of_another_ambito_is_ignored_not_obeyed(world, login):
    response = login("rt").get("/famiglie/", {"comune": world.other_ambito_family.comune_id})
    assert response.status_code == 200
    assert "Famiglia Gialli" not in response.content.decode()


def test_the_list_is_paginated(world, login):
    for n in range(30):
        FamilyFactory(ambito=world.ambito, comune=world.comune, equipe=world.equipe, nome=f"Famiglia Z{n:02d}")
    client = login("casemanager")
    first = client.get("/famiglie/")
    assert len(first.context["page"].object_list) == 25 and first.context["page"].paginator.count == 31
    assert len(client.get("/famiglie/", {"pagina": 2}).context["page"].object_list) == 6


def test_htmx_requests_get_the_table_fragment_only(world, login):
    response = login("rt").get("/famiglie/", {"q": "Verdi"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "Famiglia Verdi" in html and "<html" not in html


def test_the_list_view_is_audit_logged_with_the_ids_shown(world, login):
    login("casemanager").get("/famiglie/")
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS, object_pk="").latest("timestamp")
    assert entry.additional_data == {"ids": [world.family.pk]} and entry.actor == world.casemanager


@pytest.mark.parametrize("path", ["/famiglie/", "/", "/famiglie/?q=Prova"])
def test_query_count_does_not_grow_with_the_number_of_families(world, login, path):
    client = login("casemanager")
    PersonFactory(family=FamilyFactory(ambito=world.ambito, comune=world.comune, equipe=world.equipe,
                                       nome="Famiglia Prova"))
    small = queries_on(client, path)
    for n in range(20):
        family = FamilyFactory(ambito=world.ambito, comune=world.comune, equipe=world.equipe, nome=f"Famiglia Prova{n}")
        PersonFactory(family=family, nome=f"Madre{n}")
    assert queries_on(client, path) == small


def test_family_page_query_count_does_not_grow_with_members_and_events(world, login):
    client = login("casemanager")
    path = f"/famiglie/{world.family.pk}/"
    small = queries_on(client, path)
    for n in range(10):
        PersonFactory(family=world.family, nome=f"Figlio{n}", ruolo="minore", sesso="M", data_nascita="2018-01-01")
        PathEvent.objects.create(family=world.family, from_state=Stato.SEGNALATA, to_state=Stato.PREASSESSMENT,
                                 by=world.casemanager)
    assert queries_on(client, path) == small


def test_the_filter_dropdowns_are_read_without_server_side_cursors(world, login):
    """Each dropdown is one plain query: Django's default iterator opens a server-side cursor on PostgreSQL
    (DECLARE, FETCH, CLOSE) for every field of the filter form."""
    client = login("rt")
    client.get("/famiglie/")
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/famiglie/").content.decode()
    assert world.comune.nome in page and world.equipe.nome in page
    assert [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith("DECLARE")] == []
