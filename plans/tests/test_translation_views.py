"""The équipe's pages for the family's version of the plan: writing it, seeing «da rivedere», confirming it."""

import pytest

from audit.models import AuditEntry
from plans import services
from plans.models import Traduzione
from plans.testing import draft_plan

ARABIC = "يذهب لوكا إلى المدرسة كل يوم"


def _goal(plan):
    return plan.risultati.order_by("pk").first()


def _url(world, goal):
    return f"/famiglie/{world.family.pk}/progetto/risultati/{goal.pk}/traduzione/"


def _post(client, world, goal, **values):
    data = {"lingua": "ar", "testo": ARABIC, "mediatore": "Amina Haddad", "version": "0",
            "italiano": goal.descrizione} | values
    return client.post(_url(world, goal), data)


def _change_goal(world, goal, text):
    plan = goal.progetto
    plan.refresh_from_db()
    services.risultato_update(risultato=goal, by=world.casemanager, version=plan.version,
                              sottodimensione=goal.sottodimensione, descrizione=text, analisi="",
                              data_prevista=None)


def test_the_page_shows_the_italian_text_and_is_logged(world, login, plan):
    response = login("educatore").get(_url(world, _goal(plan)))
    assert response.status_code == 200
    assert 'lang="it" dir="ltr">Risultato atteso numero 1<' in response.content.decode()
    assert AuditEntry.objects.filter(family_id=world.family.pk,
                                     reason="Versione della famiglia del Progetto Quadro").exists()


def test_a_mediators_translation_is_saved_and_shown_on_the_plan_as_up_to_date(world, login, plan):
    client = login("educatore")
    goal = _goal(plan)
    response = _post(client, world, goal)
    assert response.status_code == 302 and response["Location"].endswith(f"/progetto/#goal-{goal.pk}")
    page = client.get(f"/famiglie/{world.family.pk}/progetto/").content.decode()
    assert f'<p class="mb-0 text-break fs-6" lang="ar" dir="rtl">{ARABIC}</p>' in page
    assert "aggiornata" in page and "Amina Haddad" in page and "(Educatore)" in page
    assert "Confermo che è ancora corretta" not in page


def test_an_action_is_translated_on_its_own_page(world, login, plan):
    action = _goal(plan).azioni.first()
    response = login("casemanager").post(f"/famiglie/{world.family.pk}/progetto/azioni/{action.pk}/traduzione/", {
        "lingua": "zh-hans", "testo": "每周家访", "version": "0", "italiano": action.descrizione})
    assert response.status_code == 302 and response["Location"].endswith(f"#action-{action.pk}")
    assert action.traduzioni.get().testo == "每周家访"


def test_a_changed_goal_shows_da_rivedere_and_the_confirmation_makes_it_current(world, login, plan):
    client = login("casemanager")
    goal = _goal(plan)
    _post(client, world, goal)
    _change_goal(world, goal, "Luca va a scuola tutti i giorni entro giugno")
    page = client.get(f"/famiglie/{world.family.pk}/progetto/").content.decode()
    assert "da rivedere" in page and "Confermo che è ancora corretta" in page
    translation = Traduzione.objects.get()
    response = client.post(f"/famiglie/{world.family.pk}/progetto/traduzioni/{translation.pk}/conferma/",
                           {"version": translation.version, "italiano": "Luca va a scuola tutti i giorni entro giugno"})
    assert response.status_code == 302
    translation.refresh_from_db()
    assert not translation.is_stale
    page = client.get(f"/famiglie/{world.family.pk}/progetto/").content.decode()
    assert "Confermato: la traduzione corrisponde" in page and "da rivedere" not in page


def test_a_confirmation_of_an_italian_text_that_changed_again_is_refused(world, login, plan):
    client = login("casemanager")
    goal = _goal(plan)
    _post(client, world, goal)
    _change_goal(world, goal, "Secondo testo")
    translation = Traduzione.objects.get()
    _change_goal(world, goal, "Terzo testo")
    client.post(f"/famiglie/{world.family.pk}/progetto/traduzioni/{translation.pk}/conferma/",
                {"version": translation.version, "italiano": "Secondo testo"})
    translation.refresh_from_db()
    assert translation.is_stale


def test_it_refuses_another_teams_family(world, login):
    other = draft_plan(world.other_equipe_family, world.casemanager2)
    goal = _goal(other)
    client = login("educatore")
    assert client.get(f"/famiglie/{world.other_equipe_family.pk}/progetto/risultati/{goal.pk}/traduzione/"
                      ).status_code == 404
    assert client.post(f"/famiglie/{world.other_equipe_family.pk}/progetto/risultati/{goal.pk}/traduzione/",
                       {"lingua": "ar", "testo": ARABIC, "version": "0"}).status_code == 404
    assert not Traduzione.objects.exists()


def test_a_goal_of_another_familys_plan_is_not_found_through_my_family(world, login, plan):
    other = draft_plan(world.other_equipe_family, world.casemanager2)
    response = login("casemanager").get(_url(world, _goal(other)))
    assert response.status_code == 404


@pytest.mark.parametrize("persona", ["insegnante", "coach"])
def test_readers_of_the_plan_who_are_not_of_the_equipe_may_not_write_it(world, login, plan, persona):
    assert _post(login(persona), world, _goal(plan)).status_code == 403
    assert not Traduzione.objects.exists()


def test_a_family_member_cannot_edit(world, login, plan):
    client = login("genitore")
    assert _post(client, world, _goal(plan)).status_code in (302, 404)
    assert not Traduzione.objects.exists()


@pytest.mark.parametrize(("values", "message"), [
    ({"testo": ""}, "Scrivi il testo nella lingua della famiglia."),
    ({"lingua": ""}, "Scegli la lingua della famiglia dall&#x27;elenco."),
    ({"testo": "   "}, "Scrivi il testo nella lingua della famiglia."),
    ({"testo": "ن" * 5000}, "Il testo è troppo lungo: al massimo 2000 caratteri (ora sono 5000)."),
    ({"lingua": "xx"}, "Scegli la lingua della famiglia dall&#x27;elenco."),
])
def test_bad_input_is_refused_with_a_clear_message_and_nothing_is_saved(world, login, plan, values, message):
    response = _post(login("casemanager"), world, _goal(plan), **values)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Traduzione.objects.exists()


def test_an_italian_text_changed_while_translating_is_shown_and_not_taken_as_checked(world, login, plan):
    client = login("casemanager")
    goal = _goal(plan)
    seen = goal.descrizione
    _change_goal(world, goal, "Il testo nuovo del risultato")
    response = _post(client, world, goal, italiano=seen)
    assert response.status_code == 422
    page = response.content.decode()
    assert "ha cambiato il testo italiano" in page and "Il testo nuovo del risultato" in page
    assert 'name="italiano" value="Il testo nuovo del risultato"' in page
    assert not Traduzione.objects.exists()


def test_a_stale_edit_keeps_the_input_and_shows_the_current_translation(world, login, plan):
    goal = _goal(plan)
    _post(login("casemanager"), world, goal, testo="النص الأول")
    response = _post(login("educatore"), world, goal, testo="النص الثاني")
    assert response.status_code == 409
    page = response.content.decode()
    assert "Nel frattempo qualcun altro ha salvato" in page and "النص الأول" in page and "النص الثاني" in page
    assert Traduzione.objects.get().testo == "النص الأول"


def test_a_double_submission_saves_one_translation(world, login, plan):
    client = login("casemanager")
    goal = _goal(plan)
    token = "5b1f3c4e-8f59-4b8a-9d7e-2f0d2c1b9a77"
    assert _post(client, world, goal, form_token=token).status_code == 302
    assert _post(client, world, goal, form_token=token).status_code == 302
    assert Traduzione.objects.count() == 1


def test_editing_an_existing_translation_opens_it_with_its_version(world, login, plan):
    client = login("casemanager")
    goal = _goal(plan)
    _post(client, world, goal)
    page = client.get(_url(world, goal) + "?lingua=ar").content.decode()
    assert ARABIC in page and 'name="version" value="1"' in page
    assert _post(client, world, goal, version="1", testo="نص معدل").status_code == 302
    assert Traduzione.objects.get().testo == "نص معدل"


def test_a_confirmation_without_its_version_changes_nothing(world, login, plan):
    client = login("casemanager")
    goal = _goal(plan)
    _post(client, world, goal)
    _change_goal(world, goal, "Cambiato")
    translation = Traduzione.objects.get()
    response = client.post(f"/famiglie/{world.family.pk}/progetto/traduzioni/{translation.pk}/conferma/", {})
    assert response.status_code == 302
    translation.refresh_from_db()
    assert translation.is_stale


def test_the_family_page_counts_the_translations_and_those_to_review(world, login, plan):
    client = login("casemanager")
    goal = _goal(plan)
    _post(client, world, goal)
    services.translation_save(item=goal.azioni.first(), lingua="ar", testo="زيارة", by=world.casemanager)
    services.translation_save(item=_goal(plan).azioni.first(), lingua="uk", testo="Візит", by=world.casemanager)
    page = client.get(f"/famiglie/{world.family.pk}/").content.decode()
    assert "Versione della famiglia: 3 traduzioni" in page and "da rivedere" not in page
    _change_goal(world, goal, "Un altro testo")
    page = client.get(f"/famiglie/{world.family.pk}/").content.decode()
    assert "Versione della famiglia: 3 traduzioni" in page and "1 da rivedere" in page
    assert "Versione della famiglia" not in login("insegnante").get(f"/famiglie/{world.family.pk}/").content.decode()
