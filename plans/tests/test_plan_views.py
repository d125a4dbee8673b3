"""The Progetto Quadro pages: what each persona sees, forms with bad input, stale saves, audit, queries."""

from datetime import timedelta

import pytest

from audit.models import AuditEntry
from core.testing import queries_on, today
from plans import services
from plans.models import Accordo, Azione, ProgettoQuadro, RisultatoAtteso, Verifica
from plans.testing import adult_of, draft_plan


def url(world, suffix="", family=None):
    return f"/famiglie/{(family or world.family).pk}/progetto/{suffix}"


def test_without_a_plan_the_case_manager_is_offered_to_start_one(world, login):
    page = login("casemanager").get(url(world)).content.decode()
    assert "non ha ancora un Progetto Quadro" in page and url(world, "nuovo/") in page
    assert url(world, "nuovo/") not in login("educatore").get(url(world)).content.decode()


def test_starting_a_plan_through_the_form_and_double_submission(world, login):
    client = login("casemanager")
    form = client.get(url(world, "nuovo/")).context["form"]
    data = {"form_token": str(form.initial["form_token"]), "analisi": "La famiglia racconta...",
            "data_inizio": today().isoformat(), "data_fine": ""}
    assert client.post(url(world, "nuovo/"), data).status_code == 302
    second = client.post(url(world, "nuovo/"), data, follow=True)
    assert "già stato inviato" in second.content.decode()
    assert ProgettoQuadro.objects.filter(family=world.family).count() == 1


def test_an_end_before_the_start_keeps_the_input_and_says_why(world, login):
    response = login("casemanager").post(url(world, "nuovo/"), {
        "analisi": "Testo da non perdere", "data_inizio": today().isoformat(),
        "data_fine": (today() - timedelta(days=1)).isoformat()})
    assert response.status_code == 422
    page = response.content.decode()
    assert "La data di fine non può essere precedente" in page and "Testo da non perdere" in page
    assert not ProgettoQuadro.objects.exists()


def test_a_reader_who_posts_is_forbidden_and_nothing_changes(world, login, plan):
    for persona in ("educatore", "insegnante", "coach"):
        response = login(persona).post(url(world, "modifica/"), {"analisi": "X", "version": plan.version})
        assert response.status_code == 403, persona
    assert ProgettoQuadro.objects.get(pk=plan.pk).analisi == plan.analisi


def test_two_users_save_the_analysis_from_the_same_page(world, login, plan):
    first, second = login("casemanager"), login("rt")
    version = first.get(url(world, "modifica/")).context["form"].initial["version"]
    second.get(url(world, "modifica/"))
    assert first.post(url(world, "modifica/"), {"analisi": "Versione del case manager",
                                                "version": version}).status_code == 302
    response = second.post(url(world, "modifica/"), {"analisi": "Versione della RT", "version": version})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Nel frattempo" in page and "ha modificato il progetto" in page
    assert "Versione della RT" in page  # the user's input is kept
    assert "Versione del case manager" in page  # and the other's saved values are shown
    assert ProgettoQuadro.objects.get(pk=plan.pk).analisi == "Versione del case manager"
    # The refused form now carries the current version: saving again works.
    assert response.context["form"].data["version"] == version + 1


def test_a_stale_goal_edit_shows_the_saved_goal(world, login, plan):
    goal = plan.risultati.first()
    client = login("casemanager")
    data = {"sottodimensione": "casa", "descrizione": "Primo testo", "version": plan.version}
    assert client.post(url(world, f"risultati/{goal.pk}/modifica/"), data).status_code == 302
    data["descrizione"] = "Secondo testo"
    response = client.post(url(world, f"risultati/{goal.pk}/modifica/"), data)
    assert response.status_code == 409
    assert "Primo testo" in response.content.decode() and "Secondo testo" in response.content.decode()


def test_a_goal_with_an_unknown_sub_dimension_is_refused_in_italian(world, login, plan):
    response = login("casemanager").post(url(world, "risultati/nuovo/"), {
        "sottodimensione": "oroscopo", "descrizione": "Qualcosa", "version": plan.version})
    assert response.status_code == 422
    assert "Scegli una sottodimensione del Mondo del Bambino" in response.content.decode()
    assert plan.risultati.count() == 2


def test_adding_an_action_with_a_person_of_another_family_is_refused(world, login, plan):
    goal = plan.risultati.first()
    stranger = world.other_ambito_family.persone.first()
    response = login("casemanager").post(url(world, f"risultati/{goal.pk}/azioni/nuova/"), {
        "descrizione": "Accompagnare", "responsabile_tipo": "familiare", "responsabile_persona": stranger.pk,
        "stato": "prevista", "version": plan.version})
    assert response.status_code == 422
    assert "Scegli un componente di questa famiglia" in response.content.decode()
    assert goal.azioni.count() == 2


def test_adding_an_action_with_a_user_outside_the_equipe_is_refused(world, login, plan):
    goal = plan.risultati.first()
    response = login("casemanager").post(url(world, f"risultati/{goal.pk}/azioni/nuova/"), {
        "descrizione": "Visite", "responsabile_tipo": "operatore", "responsabile_user": world.educatore2.pk,
        "stato": "prevista", "version": plan.version})
    assert response.status_code == 422
    assert "dell&#x27;équipe della famiglia" in response.content.decode()


def test_adding_an_action_through_the_form(world, login, plan):
    goal = plan.risultati.first()
    mother = adult_of(world.family)
    response = login("casemanager").post(url(world, f"risultati/{goal.pk}/azioni/nuova/"), {
        "descrizione": "Maria prepara la cartella con Luca", "responsabile_tipo": "familiare",
        "responsabile_persona": mother.pk, "dispositivi": ["educativa", "scuola"], "stato": "prevista",
        "data_inizio": today().isoformat(), "data_fine": (today() + timedelta(days=30)).isoformat(),
        "version": plan.version})
    assert response.status_code == 302
    action = goal.azioni.get(descrizione="Maria prepara la cartella con Luca")
    assert action.responsabile_persona == mother and action.dispositivi == ["educativa", "scuola"]


def test_recording_agreement_and_a_review_through_the_forms(world, login, plan):
    client = login("casemanager")
    response = client.post(url(world, "accordo/"), {
        "persona": adult_of(world.family).pk, "esito": "concorda", "data": today().isoformat(),
        "commento": "Ci sta bene", "version": plan.version})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.stato == ProgettoQuadro.Stato.CONCORDATO
    data = {"momento": "T1", "data": today().isoformat(), "version": plan.version}
    for goal in plan.risultati.all():
        data[f"esito_{goal.pk}"] = "parziale"
    assert client.post(url(world, "verifica/"), data).status_code == 302
    assert Verifica.objects.get().esiti.count() == 2


def test_agreement_by_the_child_is_refused_in_the_form(world, login, plan):
    child = world.family.persone.get(ruolo="minore")
    response = login("casemanager").post(url(world, "accordo/"), {
        "persona": child.pk, "esito": "concorda", "data": today().isoformat(), "version": plan.version})
    assert response.status_code == 422
    assert "Scegli un adulto di questa famiglia" in response.content.decode()
    assert not Accordo.objects.exists()


def test_a_review_missing_an_outcome_keeps_the_others(world, login, agreed):
    first, second = agreed.risultati.order_by("pk")
    response = login("casemanager").post(url(world, "verifica/"), {
        "momento": "T1", "data": today().isoformat(), "version": agreed.version, f"esito_{first.pk}": "raggiunto",
        f"note_{first.pk}": "Nota da tenere"})
    assert response.status_code == 422
    page = response.content.decode()
    assert "Indica se questo risultato è raggiunto" in page and "Nota da tenere" in page
    assert not Verifica.objects.exists()


def test_a_review_dated_in_the_future_is_refused_in_the_form(world, login, agreed):
    data = {"momento": "T2", "data": (today() + timedelta(days=3)).isoformat(), "version": agreed.version}
    for goal in agreed.risultati.all():
        data[f"esito_{goal.pk}"] = "raggiunto"
    response = login("casemanager").post(url(world, "verifica/"), data)
    assert response.status_code == 422
    assert "non può essere nel futuro" in response.content.decode()


def test_replanning_through_the_form(world, login, agreed):
    response = login("casemanager").post(url(world, "nuova-versione/"), {"version": agreed.version})
    assert response.status_code == 302
    page = login("casemanager").get(url(world)).content.decode()
    assert "Versione 2" in page and url(world, "versioni/1/") in page
    old = login("educatore").get(url(world, "versioni/1/")).content.decode()
    assert "sostituita da una più recente" in old


def test_an_agreed_plan_sends_edits_back_to_the_plan_page(world, login, agreed):
    response = login("casemanager").get(url(world, "modifica/"))
    assert response.status_code == 302
    goal = agreed.risultati.first()
    assert login("casemanager").get(url(world, f"risultati/{goal.pk}/modifica/")).status_code == 302


def test_on_an_agreed_plan_the_action_form_changes_only_the_state(world, login, agreed):
    action = Azione.objects.filter(risultato__progetto=agreed).first()
    response = login("casemanager").post(url(world, f"azioni/{action.pk}/modifica/"), {
        "descrizione": "Tentativo di cambiare il testo", "stato": "svolta", "version": agreed.version})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.stato == "svolta" and action.descrizione != "Tentativo di cambiare il testo"


def test_the_teacher_sees_only_their_part_and_never_the_analysis(world, login, plan):
    page = login("insegnante").get(url(world)).content.decode()
    assert "Colloquio mensile con la maestra" in page
    assert "Risultato atteso numero 1" in page
    assert "Risultato atteso numero 2" not in page  # no action of theirs there
    assert "Visita domiciliare settimanale" not in page
    assert "Analisi riservata" not in page
    full = login("educatore").get(url(world)).content.decode()
    assert "Risultato atteso numero 2" in full and "Analisi riservata della situazione" in full


def test_the_teacher_does_not_see_agreement_comments(world, login, agreed):
    page = login("insegnante").get(url(world)).content.decode()
    assert "Va bene." not in page
    assert "Va bene." in login("coach").get(url(world)).content.decode()


def test_viewing_the_plan_is_audit_logged(world, login, plan):
    login("coach").get(url(world))
    entry = AuditEntry.objects.filter(actor=world.coach, action=AuditEntry.Action.ACCESS,
                                      object_pk=str(plan.pk)).get()
    assert entry.family_id == world.family.pk and entry.ambito_id == world.ambito.pk


def test_writes_are_audit_logged_with_their_reason(world, login, plan):
    login("casemanager").post(url(world, "risultati/nuovo/"), {
        "sottodimensione": "gioco", "descrizione": "Luca gioca al parco", "version": plan.version})
    goal = RisultatoAtteso.objects.get(descrizione="Luca gioca al parco")
    entry = AuditEntry.objects.get(object_pk=str(goal.pk), content_type__model="risultatoatteso")
    assert entry.reason == "Nuovo risultato atteso nel Progetto Quadro" and entry.family_id == world.family.pk


@pytest.mark.parametrize("persona", ["casemanager", "insegnante"])
def test_plan_page_query_count_does_not_grow_with_goals_and_actions(world, login, persona):
    plan = draft_plan(world.family, world.casemanager, goals=1, teacher=world.insegnante)
    client = login(persona)
    small = queries_on(client, url(world))
    for n in range(5):
        plan.refresh_from_db()
        goal = services.risultato_add(progetto=plan, by=world.casemanager, version=plan.version,
                                      sottodimensione="casa", descrizione=f"Altro risultato {n}")
        for kind in ("operatore", "insegnante"):
            plan.refresh_from_db()
            services.azione_add(risultato=goal, by=world.casemanager, version=plan.version, data=services.ActionData(
                descrizione=f"Azione {n}", responsabile_tipo=kind,
                responsabile_user=world.educatore if kind == "operatore" else world.insegnante))
    assert queries_on(client, url(world)) == small


def test_family_page_query_count_does_not_grow_with_the_plan(world, login):
    client = login("casemanager")
    path = f"/famiglie/{world.family.pk}/"
    draft_plan(world.family, world.casemanager, goals=1)
    small = queries_on(client, path)
    plan = ProgettoQuadro.objects.get()
    plan.family = world.family
    for n in range(4):
        plan.refresh_from_db()
        services.risultato_add(progetto=plan, by=world.casemanager, version=plan.version, sottodimensione="casa",
                               descrizione=f"R{n}")
    page = client.get(path).content.decode()
    assert "5 risultati attesi" in page and "Progetto Quadro" in page
    assert queries_on(client, path) == small


def test_family_page_links_to_the_plan(world, login):
    page = login("educatore").get(f"/famiglie/{world.family.pk}/").content.decode()
    assert url(world) in page and "Non ancora avviato" in page


def test_the_family_page_tells_the_teacher_the_plan_status_but_not_its_size(world, login, agreed):
    page = login("insegnante").get(f"/famiglie/{world.family.pk}/").content.decode()
    assert "Concordato con la famiglia" in page and "risultati attesi" not in page
