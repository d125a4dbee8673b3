"""The RT's audit log pages by key: every entry once, in order, however deep the page."""

import pytest
from django.utils import timezone

from audit import selectors
from audit.models import AuditEntry
from audit.services import log_view
from core.testing import FamilyFactory, queries_on

URL = "/registro-accessi/"


def _fill(world, n):
    for _ in range(n):
        log_view(user=world.casemanager, obj=world.family)


def _walk_older(client, params=None):
    pages, page = [], client.get(URL, params or {}).context["page"]
    pages.append(page)
    while page.older:
        page = client.get(URL, {**(params or {}), "prima_di": page.older}).context["page"]
        pages.append(page)
    return pages


def _expected(world):
    return list(AuditEntry.objects.filter(ambito_id=world.ambito.pk).order_by("-timestamp", "-pk")
                .values_list("pk", flat=True))


def test_older_pages_list_every_entry_once_newest_first_and_newer_pages_come_back(world, login):
    _fill(world, 120)
    client = login("rt")
    pages = _walk_older(client)
    shown = [e.pk for page in pages for e in page.entries]
    assert shown == _expected(world)
    assert [len(p.entries) for p in pages[:-1]] == [selectors.PAGE_SIZE] * (len(pages) - 1)
    assert pages[0].newer is None and pages[-1].older is None
    back = client.get(URL, {"dopo_di": pages[2].newer}).context["page"]
    assert [e.pk for e in back.entries] == [e.pk for e in pages[1].entries]


def test_entries_with_the_same_time_are_neither_skipped_nor_repeated(world, login):
    _fill(world, 75)
    # Backups restored, clocks at the millisecond: several entries may share a timestamp.
    AuditEntry.objects.filter(ambito_id=world.ambito.pk).update(timestamp=timezone.now())
    shown = [e.pk for page in _walk_older(login("rt")) for e in page.entries]
    assert shown == _expected(world) and len(shown) == len(set(shown))


def test_a_key_from_another_ambito_or_not_a_number_gives_the_first_page(world, login):
    _fill(world, 60)
    login("rt_altro").get(f"/famiglie/{world.other_ambito_family.pk}/")
    foreign = AuditEntry.objects.filter(ambito_id=world.other_ambito.pk).latest("pk")
    client = login("rt")
    first = [e.pk for e in client.get(URL).context["page"].entries]
    for params in ({"prima_di": foreign.pk}, {"dopo_di": foreign.pk}, {"prima_di": "abc"}, {"prima_di": "-1"}):
        page = client.get(URL, params).context["page"]
        assert [e.pk for e in page.entries] == first
        assert all(e.ambito_id == world.ambito.pk for e in page.entries)


def test_the_links_keep_the_filters(world, login):
    _fill(world, 60)
    client = login("rt")
    html = client.get(URL, {"utente": "casemanager"}).content.decode()
    page = client.get(URL, {"utente": "casemanager"}).context["page"]
    assert f"?utente=casemanager&amp;prima_di={page.older}" in html


def test_a_deep_page_runs_the_same_queries_as_the_first(world, login):
    # Views only on the pages compared: showing a change to a foreign key costs django-auditlog a query.
    _fill(world, 3 * selectors.PAGE_SIZE + 10)
    client = login("rt")
    deep_key = _walk_older(client)[1].older  # the third page
    first, deep = queries_on(client, URL), queries_on(client, f"{URL}?prima_di={deep_key}")
    assert deep == first + 1  # the key's own timestamp
    _fill(world, 200)
    assert queries_on(client, f"{URL}?prima_di={deep_key}") == deep
    assert queries_on(client, URL) == first


def test_the_count_stops_at_the_cap(world, login, monkeypatch):
    _fill(world, 30)
    monkeypatch.setattr(selectors, "COUNT_CAP", 10)
    html = login("rt").get(URL).content.decode()
    assert "Più di 10 voci: restringi i filtri" in html
    page = login("rt").get(URL).context["page"]
    assert page.count == 11 and page.count_capped


@pytest.mark.parametrize("persona", ["casemanager", "amministrativo", "rt_altro"])
def test_others_never_page_through_this_ambito(world, login, persona):
    _fill(world, 5)
    key = AuditEntry.objects.filter(ambito_id=world.ambito.pk).latest("pk").pk
    response = login(persona).get(URL, {"prima_di": key})
    page = response.context["page"] if response.status_code == 200 else None
    assert page is None or all(e.ambito_id != world.ambito.pk for e in page.entries)


def test_a_page_of_changes_names_what_they_point_to_in_a_constant_number_of_queries(world, login):
    client = login("rt")
    FamilyFactory(ambito=world.ambito, comune=world.comune, equipe=world.equipe)
    one = queries_on(client, URL)
    for _ in range(10):
        FamilyFactory(ambito=world.ambito, comune=world.comune, equipe=world.equipe)
    html = client.get(URL).content.decode()
    assert f"→ {world.equipe.nome}" in html and f"→ {world.comune.nome}" in html
    assert queries_on(client, URL) == one


@pytest.mark.parametrize("params", [{"dal": "0001-01-01"}, {"al": "9999-12-31"},
                                    {"dal": "0001-01-01", "al": "9999-12-31"}])
def test_dates_beyond_any_plausible_range_get_400_with_an_italian_message(world, login, params):
    _fill(world, 2)
    response = login("rt").get(URL, params)
    assert response.status_code == 400
    assert "Indica una data tra il 01/01/1900 e il 31/12/2199." in response.content.decode()


def test_dal_after_al_gets_400_with_the_forms_message(world, login):
    response = login("rt").get(URL, {"dal": "2026-05-02", "al": "2026-05-01"})
    assert response.status_code == 400 and "deve precedere" in response.content.decode()


def test_plausible_dates_filter_the_entries(world, login):
    _fill(world, 2)
    today = timezone.localdate()
    response = login("rt").get(URL, {"dal": "1900-01-01", "al": "2199-12-31"})
    assert response.status_code == 200 and len(response.context["page"].entries) >= 2
    assert login("rt").get(URL, {"dal": today.isoformat(), "al": today.isoformat()}).status_code == 200
