"""The family's version of goals and actions: who writes it, its checks, «da rivedere» when the Italian changes."""

import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEntry
from common.exceptions import DuplicateSubmission, StaleEdit
from plans import services
from plans.models import TRANSLATION_MAX_LENGTH, Traduzione
from plans.selectors import family_versions
from plans.testing import agree

ARABIC_GOAL = "يذهب لوكا إلى المدرسة كل يوم"


def _goal(plan):
    return plan.risultati.order_by("pk").first()


def _save(world, item, **kwargs):
    values = {"lingua": "ar", "testo": ARABIC_GOAL, "by": world.casemanager} | kwargs
    return services.translation_save(item=item, **values)


def _change_goal(world, goal, descrizione):
    plan = goal.progetto
    plan.refresh_from_db()
    return services.risultato_update(risultato=goal, by=world.casemanager, version=plan.version,
                                     sottodimensione=goal.sottodimensione, descrizione=descrizione,
                                     analisi=goal.analisi, data_prevista=goal.data_prevista)


def test_the_case_manager_writes_the_familys_version_of_a_goal(world, plan):
    goal = _goal(plan)
    saved = _save(world, goal, mediatore="Amina Haddad")
    assert (saved.lingua, saved.testo, saved.testo_italiano) == ("ar", ARABIC_GOAL, goal.descrizione)
    assert saved.verificata_da == world.casemanager and saved.professione == "assistente_sociale"
    assert saved.mediatore == "Amina Haddad" and not saved.is_stale and saved.direction == "rtl"
    assert AuditEntry.objects.filter(family_id=world.family.pk, object_pk=str(saved.pk),
                                     reason="Versione della famiglia del Progetto Quadro").exists()


def test_an_operator_of_the_familys_equipe_translates_an_action_and_their_profession_is_recorded(world, plan):
    action = _goal(plan).azioni.first()
    saved = _save(world, action, by=world.educatore, lingua="uk", testo="Щотижневий домашній візит")
    assert saved.azione == action and saved.professione == "educatore" and saved.direction == "ltr"


def test_translating_does_not_touch_the_plans_version(world, plan):
    before = plan.version
    _save(world, _goal(plan))
    plan.refresh_from_db()
    assert plan.version == before


def test_an_agreed_plan_can_still_be_translated(world, plan):
    agree(plan, world.casemanager)
    assert _save(world, _goal(plan)).pk


@pytest.mark.parametrize("persona", ["insegnante", "coach", "casemanager2", "educatore2", "volontario", "genitore",
                                     "tutor", "rt_altro"])
def test_it_refuses_those_outside_the_familys_equipe(world, plan, persona):
    with pytest.raises(PermissionDenied):
        _save(world, _goal(plan), by=world.users[persona])
    assert not Traduzione.objects.exists()


@pytest.mark.parametrize(("values", "field", "message"), [
    ({"testo": "   "}, "testo", "Scrivi il testo nella lingua della famiglia."),
    ({"testo": "x" * (TRANSLATION_MAX_LENGTH + 1)}, "testo", "Il testo è troppo lungo"),
    ({"lingua": "de"}, "lingua", "Scegli la lingua della famiglia dall'elenco."),
    ({"lingua": "it"}, "lingua", "Scegli la lingua della famiglia dall'elenco."),
    ({"mediatore": "m" * 201}, "mediatore", "Il nome è troppo lungo"),
])
def test_it_refuses_bad_input_with_a_clear_message_and_saves_nothing(world, plan, values, field, message):
    with pytest.raises(ValidationError) as error:
        _save(world, _goal(plan), **values)
    assert error.value.message_dict[field][0].startswith(message)
    assert not Traduzione.objects.exists()


def test_changing_the_italian_goal_marks_its_translation_da_rivedere(world, plan):
    goal = _goal(plan)
    saved = _save(world, goal)
    _change_goal(world, goal, "Luca va a scuola tutti i giorni entro giugno")
    saved.refresh_from_db()
    assert saved.is_stale
    assert family_versions(plan, "ar").goals == {}  # not shown to the family until checked


def test_confirming_makes_it_up_to_date_against_the_new_italian(world, plan):
    goal = _goal(plan)
    saved = _save(world, goal)
    _change_goal(world, goal, "Luca va a scuola tutti i giorni entro giugno")
    confirmed = services.translation_confirm(traduzione=saved, by=world.educatore, version=saved.version,
                                             italiano_visto="Luca va a scuola tutti i giorni entro giugno")
    assert not confirmed.is_stale and confirmed.verificata_da == world.educatore
    assert confirmed.testo_italiano == "Luca va a scuola tutti i giorni entro giugno"
    assert family_versions(plan, "ar").goals[goal.pk].testo == ARABIC_GOAL


def test_a_confirmation_sent_twice_is_one_confirmation(world, plan):
    goal = _goal(plan)
    saved = _save(world, goal)
    _change_goal(world, goal, "Nuovo testo")
    services.translation_confirm(traduzione=saved, by=world.casemanager, version=saved.version)
    again = services.translation_confirm(traduzione=saved, by=world.casemanager, version=saved.version)
    assert again.version == saved.version + 1


def test_a_check_against_an_italian_text_that_changed_meanwhile_is_refused(world, plan):
    goal = _goal(plan)
    saved = _save(world, goal)
    seen = goal.descrizione
    _change_goal(world, goal, "Un testo diverso")
    with pytest.raises(ValidationError) as error:
        services.translation_confirm(traduzione=saved, by=world.casemanager, version=saved.version,
                                     italiano_visto=seen)
    assert "ha cambiato il testo italiano" in error.value.messages[0]
    with pytest.raises(ValidationError):
        _save(world, goal, version=saved.version, testo="Altro", italiano_visto=seen)
    saved.refresh_from_db()
    assert saved.is_stale and saved.testo == ARABIC_GOAL


def test_a_stale_edit_is_refused_with_the_current_translation(world, plan):
    goal = _goal(plan)
    saved = _save(world, goal)
    _save(world, goal, version=saved.version, testo="نص أول")
    with pytest.raises(StaleEdit) as stale:
        _save(world, goal, version=saved.version, testo="نص ثان", by=world.educatore)
    assert stale.value.current.testo == "نص أول"


def test_a_second_new_translation_in_the_same_language_is_a_stale_edit(world, plan):
    goal = _goal(plan)
    _save(world, goal)
    with pytest.raises(StaleEdit):
        _save(world, goal, testo="نص آخر", by=world.educatore)
    assert Traduzione.objects.count() == 1


def test_a_double_submission_makes_one_translation(world, plan):
    token = uuid.uuid4()
    first = _save(world, _goal(plan), creation_token=token)
    with pytest.raises(DuplicateSubmission) as repeat:
        _save(world, _goal(plan), creation_token=token)
    assert repeat.value.existing == first and Traduzione.objects.count() == 1


def test_an_edit_sent_twice_saves_once(world, plan):
    goal = _goal(plan)
    saved = _save(world, goal)
    first = _save(world, goal, version=saved.version, testo="نص جديد")
    again = _save(world, goal, version=saved.version, testo="نص جديد")
    assert again.pk == first.pk and again.version == first.version


def test_a_new_version_of_the_plan_keeps_the_familys_words(world, plan):
    goal = _goal(plan)
    _save(world, goal)
    _save(world, goal.azioni.first(), testo="زيارة منزلية أسبوعية")
    agreed = agree(plan, world.casemanager)
    new = services.progetto_nuova_versione(progetto=agreed, by=world.casemanager, version=agreed.version)
    copied = new.risultati.order_by("pk").first()
    assert copied.traduzioni.get().testo == ARABIC_GOAL
    assert copied.azioni.first().traduzioni.get().testo == "زيارة منزلية أسبوعية"
    assert Traduzione.objects.count() == 4


def test_a_replaced_version_is_not_translated_any_more(world, plan):
    agreed = agree(plan, world.casemanager)
    services.progetto_nuova_versione(progetto=agreed, by=world.casemanager, version=agreed.version)
    with pytest.raises(ValidationError) as error:
        _save(world, _goal(agreed))
    assert "sostituita" in error.value.messages[0]
