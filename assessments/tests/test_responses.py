from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from assessments import services
from assessments.definition import DefinitionError
from assessments.models import Response
from assessments.selectors import (
    current_instrument_version,
    instruments_for,
    latest_preassessment_outcome,
    mdb_overview,
)
from audit.models import AuditEntry
from core.testing import submit_mdb, submit_preassessment, today


@pytest.fixture
def mdb(db):
    return current_instrument_version("mondo_del_bambino")


@pytest.fixture
def child(world):
    return world.family.persone.get(nome="Luca")


def start(world, version, child, by="casemanager", **kwargs):
    defaults = {"time_point": "T0", "perspective": "operatore", "person": child}
    defaults.update(kwargs)
    return services.response_start(version=version, family=world.family, by=world.users[by], **defaults)


def test_a_draft_is_saved_and_submitted_with_scores(world, mdb, child):
    response = start(world, mdb, child)
    values = {item.code: "4" for item in mdb.parsed.items}
    values["salute_crescita"] = "2"
    response = services.response_save(response=response, by=world.casemanager, version=response.version,
                                       values=values, notes={"salute_crescita": "Visite pediatriche saltate."})
    response = services.response_submit(response=response, by=world.casemanager)
    assert response.status == Response.Status.SUBMITTED and response.submitted_by == world.casemanager
    assert response.scores == {"bambino": round((2 + 4 * 6) / 7, 2), "risposte": 4.0, "ambiente": 4.0}
    assert response.answers.get(item_code="salute_crescita").note == "Visite pediatriche saltate."


def test_submitting_with_missing_items_keeps_the_draft_and_lists_them(world, mdb, child):
    response = start(world, mdb, child)
    response = services.response_save(response=response, by=world.casemanager, version=response.version,
                                       values={"salute_crescita": "3"})
    with pytest.raises(ValidationError) as error:
        services.response_submit(response=response, by=world.casemanager)
    assert "mancano" in error.value.messages[0] and "Autonomia" in error.value.messages[0]
    response.refresh_from_db()
    assert response.status == Response.Status.DRAFT
    assert response.answers.get(item_code="salute_crescita").number == 3


def test_a_rating_outside_the_scale_is_refused_and_nothing_is_saved(world, mdb, child):
    response = start(world, mdb, child)
    with pytest.raises(ValidationError) as error:
        services.response_save(response=response, by=world.casemanager, version=response.version,
                               values={"salute_crescita": "3", "casa": "9"})
    assert "«Casa»: il punteggio deve essere tra 1 e 6." in error.value.messages
    assert not response.answers.exists()


def test_t1_before_t0_is_refused(world, mdb, child):
    with pytest.raises(ValidationError) as error:
        start(world, mdb, child, time_point="T1")
    assert "prima di aver completato la T0" in error.value.messages[0]
    submit_mdb(world.family, child, world.casemanager)
    assert start(world, mdb, child, time_point="T1").time_point == "T1"


def test_a_second_t0_from_the_same_point_of_view_is_refused(world, mdb, child):
    start(world, mdb, child)
    with pytest.raises(ValidationError, match="Esiste già"):
        start(world, mdb, child)
    # ...but the family's own view of the same T0 is welcome.
    assert start(world, mdb, child, perspective="famiglia").perspective == "famiglia"


def test_mdb_is_for_a_target_child_of_the_family(world, mdb):
    with pytest.raises(ValidationError, match="bambino target"):
        start(world, mdb, world.family.persone.get(nome="Maria"))
    with pytest.raises(ValidationError, match="bambino target"):
        start(world, mdb, world.other_equipe_family.persone.first())


def test_a_future_date_is_refused(world, mdb, child):
    with pytest.raises(ValidationError, match="futuro"):
        start(world, mdb, child, on=today() + timedelta(days=2))


def test_a_submitted_response_is_locked_and_a_correction_supersedes_it(world, mdb, child):
    original = submit_mdb(world.family, child, world.casemanager, score=3)
    with pytest.raises(ValidationError, match="già stata inviata"):
        services.response_save(response=original, by=world.casemanager, version=original.version, values={})
    correction = services.response_correct(response=original, by=world.casemanager)
    assert correction.answers.count() == original.answers.count()
    with pytest.raises(ValidationError, match="già aperta"):
        services.response_correct(response=original, by=world.casemanager)
    values = {item.code: "5" for item in mdb.parsed.items}
    correction = services.response_save(response=correction, by=world.casemanager, version=correction.version,
                                         values=values)
    services.response_submit(response=correction, by=world.casemanager)
    original.refresh_from_db()
    assert original.status == Response.Status.SUPERSEDED
    assert original.answers.get(item_code="casa").number == 3  # the old version stays in the record
    assert AuditEntry.objects.filter(family=world.family, reason="Correzione di una valutazione inviata").exists()


def test_two_people_saving_the_same_draft_do_not_overwrite_each_other(world, mdb, child):
    response = start(world, mdb, child)
    services.response_save(response=response, by=world.casemanager, version=response.version,
                           values={"casa": "2"})
    with pytest.raises(services.StaleResponse):
        services.response_save(response=response, by=world.educatore, version=response.version,
                               values={"casa": "5"})
    assert Response.objects.get(pk=response.pk).answers.get(item_code="casa").number == 2


def test_the_teacher_writes_only_from_the_teachers_point_of_view(world, mdb, child):
    with pytest.raises(PermissionDenied):
        start(world, mdb, child, by="insegnante")
    assert start(world, mdb, child, by="insegnante", perspective="insegnante").perspective == "insegnante"


def test_the_coach_reads_but_does_not_fill(world, mdb, child):
    with pytest.raises(PermissionDenied):
        start(world, mdb, child, by="coach")


def test_the_overview_shows_change_and_the_familys_view(world, mdb, child):
    submit_mdb(world.family, child, world.casemanager, time_point="T0", score=2)
    submit_mdb(world.family, child, world.casemanager, time_point="T1", score=3)
    submit_mdb(world.family, child, world.casemanager, time_point="T2", score=5)
    submit_mdb(world.family, child, world.casemanager, time_point="T0", score=4, perspective="famiglia")
    overview = mdb_overview(world.casemanager, world.family, child)
    row = overview["sections"][0]["rows"][0]
    assert (row["t0"], row["t1"], row["t2"], row["change"], row["famiglia"]) == (2.0, 3.0, 5.0, 3.0, 4.0)
    assert overview["sections"][2]["means"] == {"T0": 2.0, "T1": 3.0, "T2": 5.0}


def test_an_ambito_adds_its_own_instrument_without_code(world):
    text = """
code = "sdq"
version = 1
title = "Questionario dell'ambito"
[[sections]]
code = "a"
title = "A"
[[sections.items]]
code = "umore"
label = "Umore"
type = "scale"
min = 0
max = 2
required = true
"""
    version = services.publish_ambito_instrument(ambito=world.ambito, text=text, by=world.rt)
    assert version.instrument.ambito == world.ambito and version.parsed.items[0].max == 2
    with pytest.raises(PermissionDenied):
        services.publish_ambito_instrument(ambito=world.ambito, text=text, by=world.casemanager)

    with pytest.raises(DefinitionError, match="nuova versione"):
        services.publish_ambito_instrument(ambito=world.ambito, text=text.replace("Umore", "Sonno"), by=world.rt)

    assert version in instruments_for(world.family)
    assert version not in instruments_for(world.other_ambito_family)


def test_preassessment_outcome_is_read_from_the_submitted_form(world):
    assert latest_preassessment_outcome(world.family) is None
    submit_preassessment(world.family, world.casemanager, esito="non_inclusa")
    assert latest_preassessment_outcome(world.family) == "non_inclusa"
