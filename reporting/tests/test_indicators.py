from datetime import date

import pytest
from django.core.management import call_command

from core.testing import FamilyFactory, PersonFactory, submit_mdb
from families.models import EsitoChiusura, Family, Stato
from governance.training.models import TrainingEvent, TrainingParticipant
from network.tests.factories import make_protocol
from organisation.models import Ambito, Implementazione
from quality.services import record_answer
from quality.tests.factories import survey
from reporting.indicators import (
    closures,
    generativity,
    indicator_table,
    mdb_change,
    network_and_training,
    protection,
    satisfaction,
    support_families,
)
from reporting.models import CaricoServizi
from vicinanza.testing import pairing, support_family

from .attacker import recovered


def child_of(world, **kwargs):
    family = FamilyFactory(ambito=world.ambito, comune=world.comune, equipe=world.equipe,
                           implementazione=world.cohort, **kwargs)
    return family, PersonFactory(family=family, ruolo="minore", sesso="M", data_nascita=date(2019, 1, 1), target=True)


def test_mdb_change_is_the_mean_over_children_with_both_time_points(world):
    scores = [(2, 4), (3, 5), (1, 3)]
    for t0, t2 in scores:
        family, child = child_of(world, stato=Stato.T2)
        submit_mdb(family, child, world.casemanager, time_point="T0", score=t0)
        submit_mdb(family, child, world.casemanager, time_point="T1", score=t0)
        submit_mdb(family, child, world.casemanager, time_point="T2", score=t2)
    # A child with T0 only does not count.
    family, child = child_of(world, stato=Stato.IN_CORSO)
    submit_mdb(family, child, world.casemanager, time_point="T0", score=6)
    rows = mdb_change(Family.objects.filter(ambito=world.ambito))
    assert len(rows) == 3 and all(r["n"] == 3 for r in rows)
    assert rows[0]["value"] == "2.0 → 4.0 (+2.0)"


def test_closure_outcomes_count_at_home_and_placed_out(world):
    for esito in (EsitoChiusura.PROSEGUE, EsitoChiusura.CONCLUSA, EsitoChiusura.ALLONTANAMENTO, EsitoChiusura.TRASFERITA):
        child_of(world, stato=Stato.CHIUSA, esito_chiusura=esito)
    rows = {r["label"]: r["value"] for r in closures(Family.objects.filter(ambito=world.ambito))}
    assert rows["Chiuse con il bambino a casa"] == "2 (50%)"
    assert rows["Chiuse con allontanamento"] == "1 (25%)"


def test_small_cells_are_suppressed(world):
    child_of(world, stato=Stato.CHIUSA, esito_chiusura=EsitoChiusura.ALLONTANAMENTO)
    table = indicator_table({"Ambito": Family.objects.filter(ambito=world.ambito)})
    closure = next(b for b in table if b["indicator"].code == "chiusure")
    assert all(line["cells"] == ["<3"] for line in closure["lines"])


def test_a_lone_placement_is_not_given_away_by_the_total_and_the_other_row(world):
    """5 closures, 4 at home: "1 (20%)" would name the one placed out of home, and "<3" beside "4 of 5" too."""
    for esito in [EsitoChiusura.CONCLUSA] * 4 + [EsitoChiusura.ALLONTANAMENTO]:
        child_of(world, stato=Stato.CHIUSA, esito_chiusura=esito)
    table = indicator_table({"Ambito": Family.objects.filter(ambito=world.ambito),
                             "Seconda implementazione": Family.objects.filter(implementazione=world.cohort)})
    closure = next(b for b in table if b["indicator"].code == "chiusure")
    cells = {line["label"]: line["cells"] for line in closure["lines"]}
    assert cells["Chiuse con allontanamento"] == ["<3", "<3"]
    assert "4 (80%)" not in cells["Chiuse con il bambino a casa"]
    for block in table:
        assert recovered(block["disclosure"]) == {}, block["indicator"].code


def test_the_indicators_page_shows_definitions_and_no_names(world, login):
    html = login("amministrativo").get("/indicatori/").content.decode()
    assert "Definizione" in html and "Formula" in html and "Fonte" in html
    assert "Seconda implementazione" in html and "Bianchi" not in html


def test_the_vis_indicators_of_the_network_count_the_raw_records(world):
    families = Family.objects.filter(ambito=world.ambito)
    pairing(world, stato="attivo")
    support_family(world, nome="Da verificare", checked=False)
    support_family(world, nome="Ex sostenuti", famiglia_origine=world.other_equipe_family)
    rows = {r["label"]: r["value"] for r in support_families(families)}
    assert rows["Famiglie d'appoggio e volontari nel registro"] == "3"
    assert rows["di cui con i controlli completati"] == "2" and rows["di cui con un abbinamento attivo"] == "1"
    assert rows["Famiglie sostenute da una famiglia d'appoggio"] == "1"
    assert generativity(families)[0]["value"] == "1"
    make_protocol(world)
    event = TrainingEvent.objects.create(ambito=world.ambito, tipo=TrainingEvent.Tipo.values[0], titolo="MOOC")
    for name in ("Anna", "Bruno", "Carla", "Anna"):
        TrainingParticipant.objects.get_or_create(event=event, nome=name)
    net = {r["label"]: r["value"] for r in network_and_training(families)}
    assert net == {"Protocolli e accordi firmati": "1", "Operatori formati": "3"}
    s = survey(world)
    for score in ("2", "3", "4"):
        record_answer(survey=s, values={"ascolto": score, "decisioni": score, "aiuto": score, "gruppi": score})
    assert satisfaction(families)[0]["value"] == "3.0"
    CaricoServizi.objects.create(ambito=world.ambito, anno=2021, voce="tutela", numero=316)
    CaricoServizi.objects.create(ambito=world.ambito, anno=2026, voce="tutela", numero=253)
    assert protection(families)[0]["value"] == "2021: 316 → 2026: 253 (-20%)"


@pytest.mark.django_db
def test_no_hidden_count_of_the_demos_indicators_can_be_recovered():
    call_command("seed_demo", families=40, seed=3, anchor=date(2026, 11, 22), password="demo-password-1")
    for ambito in Ambito.objects.all():
        families = Family.objects.filter(ambito=ambito)
        columns = {"Ambito": families} | {c.nome: families.filter(implementazione=c)
                                          for c in Implementazione.objects.filter(ambito=ambito)}
        for block in indicator_table(columns):
            assert recovered(block["disclosure"]) == {}, (ambito, block["indicator"].code)
