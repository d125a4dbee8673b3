"""Matching, pairing agreement, review, closure and the activity log."""

import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from core.testing import EnteFactory, member, today
from families.models import Stato
from interventions.testing import start_path
from organisation.models import Ente, Role
from vicinanza import selectors, services
from vicinanza.models import Abbinamento, AttivitaVicinanza
from vicinanza.testing import pairing, support_family


@pytest.fixture
def family(world):
    family = start_path(world.family, included=today() - timedelta(days=60))
    family.persone.filter(nome="Maria").update(lingue="italiano, arabo")
    return family


def test_suggestions_rank_nearness_language_and_needs_and_put_unchecked_last(world, family):
    far = EnteFactory(ambito=world.ambito, tipo=Ente.Tipo.COMUNE, nome="Comune di Meda")
    support_family(world, nome="Lontani", comune=far, aiuti=["compiti"], disponibilita=["feriali"])
    support_family(world, nome="Vicini arabofoni", lingue="arabo, italiano", aiuti=["compiti"],
                   disponibilita=["feriali"])
    support_family(world, nome="Vicini", aiuti=["weekend"], disponibilita=["weekend"])
    support_family(world, nome="Da verificare", checked=False, lingue="arabo", aiuti=["compiti"])
    support_family(world, nome="Sospesi", stato="sospeso")
    ranked = selectors.suggest_matches(family, bisogni=["compiti"], disponibilita=["feriali"])
    assert [s.sostenitore.nome for s in ranked] == ["Vicini arabofoni", "Vicini", "Lontani", "Da verificare"]
    best = ranked[0]
    assert best.score == 3 + 2 + 1 + 1 and "parla arabo" in best.reasons
    assert not ranked[-1].proposable and "verifiche" in ranked[-1].missing


def test_a_busy_support_family_ranks_lower(world, family):
    busy = support_family(world, nome="Impegnati")
    support_family(world, nome="Liberi")
    other = start_path(world.other_equipe_family, included=today() - timedelta(days=60))
    Abbinamento.objects.create(ambito=world.ambito, family=other, sostenitore=busy, stato="attivo")
    names = [s.sostenitore.nome for s in selectors.suggest_matches(family, bisogni=[], disponibilita=[])]
    assert names.index("Liberi") < names.index("Impegnati")


def test_case_manager_proposes_from_the_ranked_list_once(world, family, login):
    s = support_family(world)
    client = login("casemanager")
    page = client.get(f"/famiglie/{family.pk}/vicinanza/proponi/?bisogni=compiti")
    assert "Famiglia Colombo" in page.content.decode()
    data = {"sostenitore": s.pk, "bisogni": ["compiti"], "motivazione": "stesso comune",
            "form_token": str(uuid.uuid4())}
    assert client.post(f"/famiglie/{family.pk}/vicinanza/proponi/", data).status_code == 302
    assert client.post(f"/famiglie/{family.pk}/vicinanza/proponi/", data).status_code == 302
    saved = Abbinamento.objects.get()
    assert (saved.stato, saved.bisogni, saved.sostenitore) == ("proposto", ["compiti"], s)


def test_pairing_with_a_support_family_whose_checks_are_not_done_is_refused(world, family, login):
    s = support_family(world, checked=False)
    response = login("casemanager").post(f"/famiglie/{family.pk}/vicinanza/proponi/", {
        "sostenitore": s.pk, "bisogni": ["compiti"], "form_token": str(uuid.uuid4())})
    assert response.status_code == 400
    assert "non ha completato i controlli" in response.content.decode()
    assert not Abbinamento.objects.exists()


@pytest.mark.parametrize("state", [Stato.SEGNALATA, Stato.CHIUSA])
def test_pairing_only_for_families_in_the_programme(world, state):
    world.family.stato = state
    with pytest.raises(ValidationError) as error:
        services.abbinamento_propose(family=world.family, sostenitore=support_family(world), by=world.casemanager,
                                     bisogni=["compiti"])
    assert "incluse nel programma" in " ".join(error.value.messages)


def test_a_family_cannot_support_itself_nor_be_paired_twice(world, family):
    own = support_family(world, nome="Se stessa", famiglia_origine=family)
    with pytest.raises(ValidationError) as error:
        services.abbinamento_propose(family=family, sostenitore=own, by=world.casemanager, bisogni=["compiti"])
    assert "se stessa" in error.value.message_dict["sostenitore"][0]
    s = support_family(world)
    services.abbinamento_propose(family=family, sostenitore=s, by=world.casemanager, bisogni=["compiti"])
    with pytest.raises(ValidationError) as error:
        services.abbinamento_propose(family=family, sostenitore=s, by=world.casemanager, bisogni=["compiti"])
    assert "già in corso" in error.value.message_dict["sostenitore"][0]


def test_the_whole_pairing_agreement_activities_review_closure(world, family, login):
    p = pairing(world)
    cm = login("casemanager")
    day = today() - timedelta(days=20)
    assert cm.post(f"/vicinanza/abbinamenti/{p.pk}/accordo/", {
        "accordo": "Compiti il martedì; parco il sabato.", "data_accordo": day.isoformat(),
        "data_revisione": "", "version": p.version}).status_code == 302
    p.refresh_from_db()
    assert p.stato == "attivo" and p.data_revisione == day + timedelta(days=90)
    # The volunteer logs what they did; the équipe sees it.
    volunteer = login("volontario")
    assert volunteer.post(f"/vicinanza/abbinamenti/{p.pk}/attivita/", {
        "data": (day + timedelta(days=1)).isoformat(), "durata_minuti": 90, "tipo": "compiti",
        "descrizione": "Matematica", "form_token": str(uuid.uuid4())}).status_code == 302
    assert "Matematica" in cm.get(f"/vicinanza/abbinamenti/{p.pk}/").content.decode()
    assert cm.post(f"/vicinanza/abbinamenti/{p.pk}/verifica/", {
        "data": today().isoformat(), "note": "Funziona, Luca è contento.", "prossima": "",
        "version": p.version}).status_code == 302
    assert cm.post(f"/vicinanza/abbinamenti/{p.pk}/conclusione/", {
        "data": today().isoformat(), "esito": "Obiettivo raggiunto.", "version": p.version + 1}).status_code == 302
    p.refresh_from_db()
    assert p.stato == "chiuso" and "Funziona" in p.revisioni and p.esito_chiusura == "Obiettivo raggiunto."
    # A closed pairing takes no more activities.
    with pytest.raises(ValidationError):
        services.attivita_add(abbinamento=p, by=world.volontario, data=today(), durata_minuti=30, tipo="compiti")


@pytest.mark.parametrize(("kwargs", "field", "message"), [
    ({"data": "future"}, "data", "non nel futuro"),
    ({"data": "before"}, "data", "precedente all'accordo"),
    ({"durata_minuti": 13 * 60}, "durata_minuti", "12 ore"),
    ({"durata_minuti": 0}, "durata_minuti", "12 ore"),
])
def test_bad_activities_are_refused(world, family, kwargs, field, message):
    p = pairing(world, stato="attivo")
    values = {"data": p.data_accordo + timedelta(days=1), "durata_minuti": 60, "tipo": "compiti"}
    values.update(kwargs)
    if values["data"] == "future":
        values["data"] = today() + timedelta(days=1)
    elif values["data"] == "before":
        values["data"] = p.data_accordo - timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.attivita_add(abbinamento=p, by=world.volontario, **values)
    assert message in error.value.message_dict[field][0]
    assert not AttivitaVicinanza.objects.exists()


def test_no_activity_before_the_agreement(world, family):
    with pytest.raises(ValidationError) as error:
        services.attivita_add(abbinamento=pairing(world), by=world.volontario, data=today(), durata_minuti=60,
                              tipo="compiti")
    assert "dopo l'accordo" in " ".join(error.value.messages)


def test_the_volunteer_sees_the_agreement_not_the_case(world, family, login):
    p = pairing(world, stato="attivo", motivazione="Motivazione riservata", revisioni="Verifica riservata")
    client = login("volontario")
    page = client.get(f"/vicinanza/abbinamenti/{p.pk}/").content.decode()
    assert "Compiti il martedì pomeriggio." in page
    assert "Motivazione riservata" not in page and "Verifica riservata" not in page
    assert "Famiglia Bianchi" in client.get("/vicinanza/miei/").content.decode()
    assert client.get(f"/famiglie/{family.pk}/").status_code == 404
    assert client.get(f"/vicinanza/abbinamenti/{p.pk}/accordo/").status_code == 403


def test_another_volunteer_does_not_find_the_pairing(world, family, login):
    member(world.ambito, Role.VOLONTARIO, username="altro_volontario")
    p = pairing(world, stato="attivo")
    assert login("altro_volontario").get(f"/vicinanza/abbinamenti/{p.pk}/").status_code == 404
    assert login("altro_volontario").post(f"/vicinanza/abbinamenti/{p.pk}/attivita/", {}).status_code == 404


def test_stale_agreement_is_refused_with_409(world, family, login):
    p = pairing(world)
    Abbinamento.objects.filter(pk=p.pk).update(version=p.version + 1)
    response = login("casemanager").post(f"/vicinanza/abbinamenti/{p.pk}/accordo/", {
        "accordo": "Il mio testo", "data_accordo": today().isoformat(), "version": p.version})
    assert response.status_code == 409 and "Il mio testo" in response.content.decode()
    assert Abbinamento.objects.get(pk=p.pk).stato == "proposto"
