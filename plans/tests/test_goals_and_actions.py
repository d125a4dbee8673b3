"""Expected outcomes and actions: sub-dimensions from the instrument, responsible people, dates, locking."""

import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.testing import PersonFactory, today
from plans import services
from plans.models import Azione, Dispositivo, RisultatoAtteso
from plans.selectors import sottodimensioni


def fresh(plan):
    plan.refresh_from_db()
    return plan


def add_goal(world, plan, **overrides):
    values = {"sottodimensione": "autonomia", "descrizione": "Luca si veste da solo ogni mattina"}
    values.update(overrides)
    return services.risultato_add(progetto=fresh(plan), by=world.casemanager, version=plan.version, **values)


def action(**overrides):
    values = {"descrizione": "Accompagnare Luca a scuola", "responsabile_tipo": Azione.Responsabile.APPOGGIO,
              "responsabile_testo": "Famiglia Ferri (vicinanza solidale)", "dispositivi": (Dispositivo.VICINANZA,)}
    values.update(overrides)
    return services.ActionData(**values)


def test_sub_dimensions_come_from_il_mondo_del_bambino(db):
    codes = {s.code for s in sottodimensioni()}
    assert {"salute_crescita", "cura_base", "casa", "partecipazione"} <= codes
    assert len(codes) == 17


def test_a_goal_on_a_sub_dimension_that_is_not_in_the_instrument_is_refused(world, plan):
    before = RisultatoAtteso.objects.count()
    with pytest.raises(ValidationError) as error:
        add_goal(world, plan, sottodimensione="astrologia")
    assert "Scegli una sottodimensione del Mondo del Bambino" in error.value.message_dict["sottodimensione"][0]
    assert RisultatoAtteso.objects.count() == before
    assert fresh(plan).version == plan.version


def test_a_goal_needs_its_text(world, plan):
    with pytest.raises(ValidationError) as error:
        add_goal(world, plan, descrizione="   ")
    assert "Scrivi il risultato atteso" in error.value.message_dict["descrizione"][0]


def test_adding_a_goal_bumps_the_plan_version(world, plan):
    version = plan.version
    goal = add_goal(world, plan, data_prevista=today() + timedelta(days=90))
    assert goal.progetto_id == plan.pk and fresh(plan).version == version + 1


def test_adding_a_goal_from_a_stale_page_is_refused(world, plan):
    stale_version = plan.version
    add_goal(world, plan)
    with pytest.raises(services.StaleEdit):
        services.risultato_add(progetto=plan, by=world.rt, version=stale_version, sottodimensione="casa",
                               descrizione="Altro")
    assert not RisultatoAtteso.objects.filter(descrizione="Altro").exists()


def test_a_double_submitted_goal_is_saved_once(world, plan):
    token = uuid.uuid4()
    add_goal(world, plan, creation_token=token)
    with pytest.raises(services.DuplicateSubmission):
        services.risultato_add(progetto=plan, by=world.casemanager, version=plan.version - 1,
                               sottodimensione="autonomia", descrizione="x", creation_token=token)
    assert RisultatoAtteso.objects.filter(creation_token=token).count() == 1


def test_a_reader_may_not_add_a_goal(world, plan):
    with pytest.raises(PermissionDenied):
        services.risultato_add(progetto=plan, by=world.educatore, version=plan.version, sottodimensione="casa",
                               descrizione="x")


def test_an_action_of_a_support_family_is_saved(world, plan):
    goal = plan.risultati.first()
    saved = services.azione_add(risultato=goal, by=world.casemanager, version=fresh(plan).version, data=action())
    assert saved.responsabile == "Famiglia Ferri (vicinanza solidale)" and saved.dispositivi == ["vicinanza"]


def test_an_action_of_a_parent_is_saved(world, plan):
    mother = world.family.persone.get(nome="Maria")
    saved = services.azione_add(risultato=plan.risultati.first(), by=world.casemanager, version=fresh(plan).version,
                                data=action(responsabile_tipo=Azione.Responsabile.FAMILIARE,
                                            responsabile_persona=mother, responsabile_testo="ignored"))
    assert saved.responsabile_persona == mother and saved.responsabile_testo == ""


@pytest.mark.parametrize("case", ["end_before_start", "person_of_other_family", "user_not_in_equipe",
                                  "teacher_not_a_teacher", "no_support_name", "unknown_dispositivo"])
def test_bad_actions_are_refused_with_a_clear_message_and_nothing_saved(world, plan, case):
    stranger = PersonFactory(family=world.other_ambito_family)
    data, field, text = {
        "end_before_start": (action(data_inizio=today(), data_fine=today() - timedelta(days=3)), "data_fine",
                             "La data di fine non può essere precedente"),
        "person_of_other_family": (action(responsabile_tipo=Azione.Responsabile.FAMILIARE,
                                          responsabile_persona=stranger), "responsabile_persona",
                                   "Scegli un componente di questa famiglia"),
        "user_not_in_equipe": (action(responsabile_tipo=Azione.Responsabile.OPERATORE,
                                      responsabile_user=world.educatore2), "responsabile_user",
                               "Scegli un operatore dell'équipe"),
        "teacher_not_a_teacher": (action(responsabile_tipo=Azione.Responsabile.INSEGNANTE,
                                         responsabile_user=world.educatore), "responsabile_user",
                                  "Scegli un insegnante"),
        "no_support_name": (action(responsabile_testo=""), "responsabile_testo", "Scrivi il nome"),
        "unknown_dispositivo": (action(dispositivi=("magia",)), "dispositivi", "Scegli i dispositivi"),
    }[case]
    before = Azione.objects.count()
    with pytest.raises(ValidationError) as error:
        services.azione_add(risultato=plan.risultati.first(), by=world.casemanager, version=fresh(plan).version,
                            data=data)
    assert text in error.value.message_dict[field][0]
    assert Azione.objects.count() == before


def test_an_operator_of_the_equipe_and_the_case_manager_may_be_responsible(world, plan):
    for user in (world.educatore, world.casemanager):
        saved = services.azione_add(risultato=plan.risultati.first(), by=world.casemanager,
                                    version=fresh(plan).version,
                                    data=action(responsabile_tipo=Azione.Responsabile.OPERATORE,
                                                responsabile_user=user))
        assert saved.responsabile_user == user


def test_on_an_agreed_plan_only_the_state_of_an_action_changes(world, agreed):
    existing = Azione.objects.filter(risultato__progetto=agreed).first()
    data = services.ActionData(
        descrizione=existing.descrizione, responsabile_tipo=existing.responsabile_tipo,
        responsabile_user=existing.responsabile_user, data_inizio=existing.data_inizio,
        data_fine=existing.data_fine, dispositivi=tuple(existing.dispositivi), stato=Azione.StatoAzione.SVOLTA)
    existing.risultato.progetto = agreed
    done = services.azione_update(azione=existing, by=world.casemanager, version=agreed.version, data=data)
    assert done.stato == Azione.StatoAzione.SVOLTA
    data.descrizione = "Tutt'altro"
    with pytest.raises(ValidationError) as error:
        services.azione_update(azione=existing, by=world.casemanager, version=fresh(agreed).version, data=data)
    assert "solo lo stato" in error.value.messages[0]
    assert Azione.objects.get(pk=existing.pk).descrizione != "Tutt'altro"


def test_adding_a_goal_to_an_agreed_plan_is_refused(world, agreed):
    with pytest.raises(ValidationError) as error:
        add_goal(world, agreed)
    assert "già stato concordato" in error.value.messages[0]
