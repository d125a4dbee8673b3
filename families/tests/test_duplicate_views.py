"""The pages of duplicates: the list of candidate pairs, the comparison that merges, "non è la stessa persona"."""

from datetime import date

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from core.testing import EnteFactory, FamilyFactory, PersonFactory, main_of
from families.models import DismissedPair, Family, Person, PersonMerge

BORN = date(1986, 11, 30)


@pytest.fixture
def pair(world):
    """The same mother, registered in Seregno and, as Muhammad's wife with another spelling, in Giussano."""
    a = PersonFactory(family=world.family, nome="Khadija", cognome="Mohamed", data_nascita=BORN)
    giussano = EnteFactory(ambito=world.ambito, nome="Comune di Giussano")
    family = FamilyFactory(ambito=world.ambito, comune=giussano, equipe=world.equipe, nome="Famiglia Muhammad",
                           codice="SER-00077")
    b = PersonFactory(family=family, nome="Kadija", cognome="Muhammad", data_nascita=BORN, lingue="arabo")
    return a, b


def test_the_rt_sees_the_pair_across_comuni_with_the_evidence(login, world, pair):
    a, b = pair
    html = main_of(login("rt").get("/famiglie/doppioni/").content.decode())
    assert "Khadija" in html and "Kadija" in html
    assert "Nomi simili (Khadija / Kadija, Mohamed / Muhammad), stessa data di nascita" in html
    assert "Comuni diversi" in html
    assert reverse("duplicate_merge", args=[a.pk, b.pk]) in html
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS, object_repr="Elenco dei possibili doppioni").get()
    assert set(entry.additional_data["ids"]) == {a.pk, b.pk}


def test_the_list_says_when_there_is_nothing_to_check(login, world):
    assert "Nessun possibile doppione" in login("rt").get("/famiglie/doppioni/").content.decode()


def test_another_teams_case_manager_does_not_see_the_pair(login, world, pair):
    html = login("casemanager2").get("/famiglie/doppioni/").content.decode()
    assert "Kadija" not in html


def test_the_rt_of_another_ambito_sees_nothing_of_it(login, world, pair):
    html = login("rt_altro").get("/famiglie/doppioni/").content.decode()
    assert "Kadija" not in html and "Nessun possibile doppione" in html


def test_the_dashboard_lists_the_duplicates_to_check(login, world, pair):
    html = login("rt").get("/").content.decode()
    assert "1 coppia di persone forse registrate due volte" in html
    assert "Possibili doppioni" in html


def test_the_comparison_shows_both_records_side_by_side_and_is_logged(login, world, pair):
    a, b = pair
    response = login("rt").get(f"/famiglie/doppioni/{a.pk}-{b.pk}/")
    html = main_of(response.content.decode())
    assert response.status_code == 200
    assert "Famiglia Bianchi" in html and "Famiglia Muhammad" in html and "Unisci anche le famiglie" in html
    assert AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS, object_id__in=[a.pk, b.pk],
                                     reason="Confronto di possibili doppioni").count() == 2


def test_merging_through_the_page_keeps_the_values_chosen(login, world, pair):
    a, b = pair
    client = login("rt")
    response = client.post(f"/famiglie/doppioni/{a.pk}-{b.pk}/", {
        "tieni": "a", "version_a": a.version, "version_b": b.version, "unisci_famiglie": "on",
        "campo_nome": "a", "campo_cognome": "a", "campo_lingue": "b"})
    assert response.status_code == 302 and response["Location"] == f"/famiglie/{world.family.pk}/"
    a.refresh_from_db()
    assert (a.nome, a.lingue) == ("Khadija", "arabo")
    assert not Person.objects.filter(pk=b.pk).exists() and not Family.objects.filter(codice="SER-00077").exists()
    merge = PersonMerge.objects.get()
    assert merge.evidence.startswith("Nomi simili")


def test_without_merging_the_families_it_explains_why_and_saves_nothing(login, world, pair):
    a, b = pair
    client = login("rt")
    response = client.post(f"/famiglie/doppioni/{a.pk}-{b.pk}/", {
        "tieni": "b", "version_a": a.version, "version_b": b.version})
    assert response.status_code == 200
    assert "due famiglie diverse" in response.content.decode()
    assert Person.objects.filter(pk__in=[a.pk, b.pk]).count() == 2


def test_a_second_submission_leads_to_the_person_kept(login, world, pair):
    a, b = pair
    client = login("rt")
    data = {"tieni": "a", "version_a": a.version, "version_b": b.version, "unisci_famiglie": "on"}
    client.post(f"/famiglie/doppioni/{a.pk}-{b.pk}/", data)
    again = client.post(f"/famiglie/doppioni/{a.pk}-{b.pk}/", data)
    assert again.status_code == 302 and again["Location"] == f"/famiglie/{world.family.pk}/"
    assert PersonMerge.objects.count() == 1


def test_the_old_address_of_the_person_merged_away_answers_404(login, world, pair):
    a, b = pair
    old_family = b.family_id
    client = login("rt")
    client.post(f"/famiglie/doppioni/{a.pk}-{b.pk}/", {"tieni": "a", "version_a": a.version,
                                                      "version_b": b.version, "unisci_famiglie": "on"})
    assert client.get(f"/famiglie/{world.family.pk}/componenti/{b.pk}/modifica/").status_code == 404
    assert client.get(f"/famiglie/{old_family}/").status_code == 404


def test_a_record_changed_meanwhile_is_shown_again_with_409(login, world, pair):
    a, b = pair
    client = login("rt")
    Person.objects.filter(pk=b.pk).update(version=b.version + 1, lingue="arabo, francese")
    response = client.post(f"/famiglie/doppioni/{a.pk}-{b.pk}/", {
        "tieni": "a", "version_a": a.version, "version_b": b.version, "unisci_famiglie": "on"})
    assert response.status_code == 409
    assert "arabo, francese" in response.content.decode()
    assert Person.objects.filter(pk=b.pk).exists()


@pytest.mark.parametrize("bad", [{"tieni": "z"}, {"tieni": "a", "version_a": "x"}, {}])
def test_bad_input_is_refused_with_a_message_never_a_500(login, world, pair, bad):
    a, b = pair
    response = login("rt").post(f"/famiglie/doppioni/{a.pk}-{b.pk}/", bad)
    assert response.status_code == 200
    html = response.content.decode()
    assert "alert-danger" in html
    assert "opzione valida" in html or "riaprila" in html
    assert Person.objects.filter(pk__in=[a.pk, b.pk]).count() == 2


def test_a_person_with_themselves_answers_404(login, world, pair):
    a, _b = pair
    assert login("rt").get(f"/famiglie/doppioni/{a.pk}-{a.pk}/").status_code == 404


def test_a_pair_with_another_ambitos_person_answers_404(login, world, pair):
    a, _b = pair
    other = world.other_ambito_family.persone.get()
    assert login("rt").get(f"/famiglie/doppioni/{a.pk}-{other.pk}/").status_code == 404


def test_not_the_same_person_is_remembered(login, world, pair):
    a, b = pair
    client = login("rt")
    response = client.post(f"/famiglie/doppioni/{b.pk}-{a.pk}/non-doppione/")
    assert response.status_code == 302 and response["Location"] == "/famiglie/doppioni/"
    assert DismissedPair.objects.filter(person_low=min(a.pk, b.pk), person_high=max(a.pk, b.pk)).exists()
    assert "Nessun possibile doppione" in main_of(client.get("/famiglie/doppioni/").content.decode())
    assert client.post(f"/famiglie/doppioni/{a.pk}-{b.pk}/non-doppione/").status_code == 302  # twice: no error
    assert DismissedPair.objects.count() == 1
    assert "coppie di persone forse" not in client.get("/").content.decode()
