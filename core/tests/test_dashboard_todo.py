"""The dashboard's "Da fare" shows each role its own work (issue 24): the case manager the path's next steps,
the educator their visits and the families below 8 hours of home education, the teacher the school meetings
and the plan actions given to them, the tutor the contacts and referrals waiting, the coach their équipe, the
RT the ambito and what is late. Each persona sees its own and none of the others'."""

import importlib
from datetime import time, timedelta

import pytest
from django.utils import timezone

from accounts.models import User
from core.testing import FamilyFactory, queries_on, today
from families.models import Family, PathEvent, Stato
from interventions.models import Assegnazione, Intervento, Servizio
from interventions.selectors import week_start
from network.models import Referral
from network.tests.factories import make_intake, make_referral, make_service
from organisation.models import Ente
from plans.models import Azione, ProgettoQuadro, RisultatoAtteso
from scuola.models import IncontroScuola

PATH_STEPS = "Prossimi passi del percorso"
VISITS = "Le tue visite"
SEDT = "Educativa domiciliare sotto le 8 ore settimanali"
SCHOOL_COMING = "Prossimi incontri con la scuola"
SCHOOL_OUTCOME = "Incontri con la scuola di cui registrare l'esito"
MY_ACTIONS = "Le tue azioni del Progetto Quadro"
CONTACTS = "Contatti aperti senza un invio"
WAITING = "Invii in attesa di risposta"
FOLLOW_UP = "Invii da ricontrollare"
COACH = "Le équipe che segui come coach"
AMBITO = "L&#x27;ambito: che cosa è in ritardo"
REVIEWS = "Azioni del progetto scadute"

EVERY_SECTION = {PATH_STEPS, VISITS, SEDT, SCHOOL_COMING, SCHOOL_OUTCOME, MY_ACTIONS, CONTACTS, WAITING, FOLLOW_UP,
                 COACH, AMBITO, REVIEWS}


def _in_corso(world, nome: str, codice: str, *, equipe=None) -> Family:
    family = FamilyFactory(ambito=world.ambito, comune=world.comune, equipe=equipe or world.equipe, nome=nome,
                           codice=codice, stato=Stato.IN_CORSO, implementazione=world.cohort)
    PathEvent.objects.create(family=family, from_state=Stato.PROGETTAZIONE, to_state=Stato.IN_CORSO,
                             at=timezone.now() - timedelta(days=40))
    return family


def _visit(family, operatore, day, hours: int) -> Intervento:
    return Intervento.objects.create(family=family, ambito=family.ambito, operatore=operatore, data=day,
                                     ora_inizio=time(9, 0), ora_fine=time(9 + hours, 0), durata_minuti=hours * 60,
                                     servizio=Servizio.EDUCATIVA)


def _action(family, user, descrizione: str, *, late: bool = False) -> Azione:
    plan, _created = ProgettoQuadro.objects.get_or_create(family=family, defaults={
        "stato": ProgettoQuadro.Stato.CONCORDATO, "concordato_il": today() - timedelta(days=30)})
    goal = RisultatoAtteso.objects.create(progetto=plan, sottodimensione="salute", descrizione="Un risultato")
    return Azione.objects.create(risultato=goal, descrizione=descrizione, responsabile_user=user,
                                 responsabile_tipo=Azione.Responsabile.OPERATORE,
                                 data_fine=today() + timedelta(days=-3 if late else 20))


def _school_meeting(family, by, day, tema: str) -> IncontroScuola:
    return IncontroScuola.objects.create(
        family=family, ambito=family.ambito, scuola=Ente.objects.get(ambito=family.ambito, tipo=Ente.Tipo.SCUOLA),
        data=day, ora_inizio=time(14, 0), ora_fine=time(15, 0), tema=tema, created_by=by)


def add_work(world, n: int = 1, first: int = 0) -> dict:
    """The work of every role around `n` families of Équipe Uno, the first with names the tests look for."""
    last_monday = week_start(today()) - timedelta(weeks=1)
    made = {}
    for i in range(first, first + n):
        tag = "" if i == 0 else f" {i}"
        sedt = _in_corso(world, f"Famiglia Rossi{tag}", f"SER-1{i:04d}")
        Assegnazione.objects.create(family=sedt, operatore=world.educatore, servizio=Servizio.EDUCATIVA,
                                    ore_settimanali=10, data_inizio=today() - timedelta(days=40))
        _visit(sedt, world.educatore, last_monday, 3)  # 3 hours of the 8
        unvisited = _in_corso(world, f"Famiglia Gallo{tag}", f"SER-2{i:04d}")
        Assegnazione.objects.create(family=unvisited, operatore=world.educatore, servizio=Servizio.PSICOLOGICO,
                                    ore_settimanali=2, data_inizio=today() - timedelta(days=20))
        _action(sedt, world.insegnante, f"Colloquio con la maestra{tag}")
        _action(sedt, world.educatore, f"Accompagnare al consultorio{tag}", late=True)
        _school_meeting(sedt, world.educatore, today() + timedelta(days=3), f"Inserimento in classe{tag}")
        _school_meeting(sedt, world.insegnante, today() - timedelta(days=5), f"Primo colloquio{tag}")
        intake = make_intake(world, cognome=f"Moretti{tag}", nome="Anna", codice_fiscale="")
        waiting = make_intake(world, cognome=f"Ferri{tag}", nome="Sara", codice_fiscale="")
        referral = make_referral(world, intake=waiting, service=make_service(world))
        Referral.objects.filter(pk=referral.pk).update(data_invio=today() - timedelta(days=10),
                                                       follow_up_il=today() - timedelta(days=1))
        made.setdefault("intake", intake)
        made.setdefault("sedt", sedt)
        made.setdefault("unvisited", unvisited)
    # The équipe's first family has been waiting for its pre-assessment for 45 days: late.
    Family.objects.filter(pk=world.family.pk).update(stato_dal=timezone.now() - timedelta(days=45))
    return made


def todo_of(client) -> str:
    html = client.get("/").content.decode()
    start = html.index(">Da fare<")
    return html[start:html.index("Aggiornate di recente", start)]


def shown(todo: str) -> set[str]:
    return {title for title in EVERY_SECTION if title in todo}


@pytest.fixture
def work(world):
    return add_work(world)


def test_the_case_manager_sees_the_path_s_next_steps_and_the_plans_not_the_operators_work(world, login, work):
    todo = todo_of(login("casemanager"))
    assert shown(todo) == {PATH_STEPS, SEDT, REVIEWS}
    assert "Avviare il pre-assessment" in todo and "Famiglia Bianchi" in todo and "Scaduto" in todo
    assert "Valutazione intermedia T1" in todo and "perché" in todo
    assert "Famiglia Rossi" in todo  # below 8 hours of home education in their équipe


def test_the_educator_sees_their_visits_and_home_education_not_the_path_s_steps(world, login, work):
    todo = todo_of(login("educatore"))
    assert shown(todo) == {VISITS, SEDT, MY_ACTIONS}
    for path_step in ("Avviare il pre-assessment", "Concordare il Progetto Quadro", "Valutazione intermedia T1"):
        assert path_step not in todo
    assert f"Incontro con la scuola {work['sedt'].codice}: Inserimento in classe" in todo  # a coming appointment
    visits_to_record = todo[todo.index("Visite da registrare"):]
    assert "Famiglia Gallo" in visits_to_record and "nessuna tua visita ancora registrata" in visits_to_record
    sedt = todo[todo.index(SEDT):]
    assert "Famiglia Rossi" in sedt and "3 ore di educativa" in sedt and "Famiglia Gallo" not in sedt
    assert "Accompagnare al consultorio" in todo and "Colloquio con la maestra" not in todo


def test_the_teacher_sees_the_school_meetings_and_their_own_plan_actions(world, login, work):
    todo = todo_of(login("insegnante"))
    assert shown(todo) == {SCHOOL_COMING, SCHOOL_OUTCOME, MY_ACTIONS}
    assert "Inserimento in classe" in todo and "Primo colloquio" in todo
    assert "Colloquio con la maestra" in todo and "Accompagnare al consultorio" not in todo
    assert "Avviare il pre-assessment" not in todo and "Concordare il Progetto Quadro" not in todo


def test_the_tutor_sees_contacts_and_referrals_waiting_not_the_path_of_the_families_they_registered(world, login,
                                                                                                 work):
    Family.objects.filter(pk=world.tutor_family.pk).update(stato_dal=timezone.now() - timedelta(days=45))
    client = login("tutor")
    todo = todo_of(client)
    assert shown(todo) == {CONTACTS, WAITING, FOLLOW_UP}
    assert "Moretti Anna" in todo and "Ferri Sara" in todo and "da 10 giorni" in todo
    assert "Avviare il pre-assessment" not in todo
    assert "Famiglia Neri" in client.get("/").content.decode()  # still among the families they follow


def test_the_coach_sees_their_equipe_and_what_is_late(world, login, work):
    response = login("coach").get("/")
    todo = todo_of(login("coach"))
    assert shown(todo) == {COACH, REVIEWS}
    block = todo[todo.index(COACH):]
    assert "Équipe Uno" in block and "Équipe Due" not in block
    rows = response.context["oversight"][0]["equipes"]
    assert [(r.nome, r.active, r.late) for r in rows] == [("Équipe Uno", 3, 1)]
    assert "Famiglia Bianchi" in block and "Avviare il pre-assessment" in block


def test_the_rt_sees_the_ambito_and_what_is_late_across_it(world, login, work):
    Family.objects.filter(pk=world.other_equipe_family.pk).update(stato_dal=timezone.now() - timedelta(days=60))
    response = login("rt").get("/")
    todo = todo_of(login("rt"))
    assert shown(todo) == {AMBITO, REVIEWS}
    rows = {r.nome: (r.active, r.late) for r in response.context["oversight"][0]["equipes"]}
    assert rows == {"Équipe Due": (1, 1), "Équipe Uno": (3, 1), "Senza équipe": (1, 0)}
    assert response.context["figures"]["total"] == 5
    assert "Famiglia Verdi" in todo and "Famiglia Gialli" not in todo  # never another ambito's


def test_another_equipe_s_case_manager_and_educator_see_none_of_it(world, login, work):
    assert "Famiglia Rossi" not in todo_of(login("casemanager2"))
    assert shown(todo_of(login("educatore2"))) == {VISITS}
    assert "Famiglia" not in todo_of(login("educatore2"))


def test_roles_without_cases_have_no_da_fare(world, login, work):
    for persona in ("amministrativo", "governance", "ets", "volontario"):
        assert ">Da fare<" not in login(persona).get("/").content.decode(), persona


def test_an_empty_da_fare_says_so(world, login):
    assert "Niente da fare per ora." in todo_of(login("insegnante"))


@pytest.mark.parametrize("persona", ["casemanager", "educatore", "insegnante", "tutor", "coach", "rt"])
def test_the_dashboard_s_queries_do_not_grow_with_the_work(world, login, persona):
    add_work(world, 1)
    client = login(persona)
    one = queries_on(client, "/")
    add_work(world, 4, first=1)
    assert queries_on(client, "/") == one


POLICIES = {
    "families.policies.can_follow_path_steps": {"casemanager", "casemanager2"},
    "families.policies.coached_equipe_ids": {"coach"},
    "families.policies.overseen_ambiti": {"rt", "rt_altro"},
    "interventions.policies.can_see_visit_todo": {"educatore", "educatore2"},
    "interventions.policies.can_follow_home_education": {"casemanager", "casemanager2", "educatore", "educatore2"},
    "scuola.policies.can_see_school_todo": {"insegnante"},
    "plans.policies.can_have_plan_actions": {"casemanager", "casemanager2", "educatore", "educatore2", "insegnante"},
    "plans.policies.can_follow_plan_reviews": {"casemanager", "casemanager2", "coach", "rt", "rt_altro"},
    "assessments.policies.can_follow_drafts": {"casemanager", "casemanager2", "educatore", "educatore2"},
    "network.policies.can_follow_intakes": {"tutor"},
}


@pytest.mark.parametrize("name", sorted(POLICIES))
def test_each_dashboard_policy_answers_for_its_roles_only(world, name):
    module, function = name.rsplit(".", 1)
    predicate = getattr(importlib.import_module(module), function)
    allowed = {persona for persona, user in world.users.items() if predicate(User.objects.get(pk=user.pk))}
    assert allowed == POLICIES[name]


def test_two_families_with_one_name_are_told_apart_by_code_and_comune(world, login):
    for codice in ("SER-00091", "SER-00092"):
        family = FamilyFactory(ambito=world.ambito, comune=world.comune, equipe=world.equipe, nome="Famiglia Diop",
                               codice=codice, stato=Stato.SEGNALATA)
        PathEvent.objects.create(family=family, to_state=Stato.SEGNALATA, by=world.casemanager)
    html = login("casemanager").get("/").content.decode()
    assert html.count("Famiglia Diop") >= 2
    for codice in ("SER-00091", "SER-00092"):
        assert codice in html
    assert f"SER-00091 · {world.comune}" in html
