"""Starting and editing the Progetto Quadro: permissions, dates, double submissions, optimistic locking."""

import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEntry
from core.testing import today
from plans import services
from plans.models import ProgettoQuadro


def test_the_case_manager_starts_the_first_plan_as_a_draft(world):
    plan = services.progetto_create(family=world.family, by=world.casemanager, analisi="Situazione",
                                    data_inizio=today())
    assert plan.numero == 1 and plan.stato == ProgettoQuadro.Stato.BOZZA and plan.version == 1
    assert AuditEntry.objects.filter(family_id=world.family.pk, object_pk=str(plan.pk),
                                     reason="Avvio del Progetto Quadro").exists()


@pytest.mark.parametrize("persona", ["educatore", "insegnante", "coach", "casemanager2", "tutor"])
def test_only_the_case_manager_and_rt_write_the_plan(world, persona):
    with pytest.raises(PermissionDenied):
        services.progetto_create(family=world.family, by=world.users[persona])
    assert not ProgettoQuadro.objects.exists()


def test_rt_may_start_the_plan(world):
    assert services.progetto_create(family=world.family, by=world.rt).pk


def test_an_end_before_the_start_is_refused_and_nothing_is_saved(world):
    with pytest.raises(ValidationError) as error:
        services.progetto_create(family=world.family, by=world.casemanager, data_inizio=today(),
                                 data_fine=today() - timedelta(days=1))
    assert "La data di fine non può essere precedente" in error.value.message_dict["data_fine"][0]
    assert not ProgettoQuadro.objects.exists()


def test_a_second_first_plan_is_refused(world, plan):
    with pytest.raises(ValidationError) as error:
        services.progetto_create(family=world.family, by=world.casemanager)
    assert "ha già un Progetto Quadro" in error.value.messages[0]


def test_a_double_submission_creates_one_plan(world):
    token = uuid.uuid4()
    first = services.progetto_create(family=world.family, by=world.casemanager, creation_token=token)
    with pytest.raises(services.DuplicateSubmission) as duplicate:
        services.progetto_create(family=world.family, by=world.casemanager, creation_token=token)
    assert duplicate.value.existing == first
    assert ProgettoQuadro.objects.count() == 1


def test_two_saves_from_the_same_version_the_second_is_refused(world, plan):
    version = plan.version
    services.progetto_update(progetto=plan, by=world.casemanager, version=version, analisi="Prima",
                             data_inizio=None, data_fine=None)
    with pytest.raises(services.StaleEdit) as stale:
        services.progetto_update(progetto=plan, by=world.rt, version=version, analisi="Seconda",
                                 data_inizio=None, data_fine=None)
    assert stale.value.current.analisi == "Prima"
    assert stale.value.current.updated_by == world.casemanager
    assert ProgettoQuadro.objects.get(pk=plan.pk).analisi == "Prima"


def test_an_edit_bumps_the_version_and_records_who(world, plan):
    updated = services.progetto_update(progetto=plan, by=world.rt, version=plan.version, analisi="Nuova analisi",
                                       data_inizio=today(), data_fine=today() + timedelta(days=540))
    assert updated.version == plan.version + 1 and updated.updated_by == world.rt


def test_an_agreed_plan_is_locked(world, agreed):
    with pytest.raises(ValidationError) as error:
        services.progetto_update(progetto=agreed, by=world.casemanager, version=agreed.version, analisi="X",
                                 data_inizio=None, data_fine=None)
    assert "nuova versione" in error.value.messages[0]
    assert ProgettoQuadro.objects.get(pk=agreed.pk).analisi == agreed.analisi
