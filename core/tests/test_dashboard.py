import random
from datetime import timedelta

from django.utils import timezone

from assessments import services
from assessments.models import Response
from assessments.selectors import current_instrument_version
from core.testing import queries_on, today
from families.models import Family, Stato
from plans.demo import add_demo_plans
from plans.models import Azione


def test_case_manager_sees_their_families_and_what_is_due(world, login):
    response = login("casemanager").get("/")
    html = response.content.decode()
    assert "Famiglia Bianchi" in html and "Avviare il pre-assessment" in html
    assert "Famiglia Verdi" not in html
    assert response.context["counts"][Stato.SEGNALATA] == 1


def test_amministrativo_sees_counts_but_no_names(world, login):
    response = login("amministrativo").get("/")
    html = response.content.decode()
    assert response.context["figures"]["total"] == 3
    assert response.context["figures"]["by_state"][Stato.SEGNALATA] == 3
    for name in ("Bianchi", "Verdi", "Neri", "Maria", "Narrazione"):
        assert name not in html


def test_rt_sees_both_the_ambito_figures_and_the_families(world, login):
    response = login("rt").get("/")
    assert response.context["figures"]["total"] == 3 and response.context["counts"][Stato.SEGNALATA] == 3


def test_figures_never_count_another_ambito(world, login):
    assert login("rt_altro").get("/").context["figures"]["total"] == 1


def test_the_parent_is_sent_to_the_family_portal(world, login):
    response = login("genitore").get("/", follow=True)
    assert response.redirect_chain[-1][0] == "/famiglia/"
    html = response.content.decode()
    assert "Maria" in html and "Verdi" not in html


def test_roles_without_families_get_a_way_forward(world, login):
    assert "Il tuo profilo" in login("ets").get("/").content.decode() or \
        "attività e le ore" in login("ets").get("/").content.decode()
    assert "abbinamento" in login("volontario").get("/").content.decode()


def test_old_drafts_are_listed_on_the_dashboard(world, login):



    response = services.response_start(version=current_instrument_version("preassessment"), family=world.family,
                                       by=world.casemanager, time_point="data", perspective="operatore")
    assert "Valutazioni in bozza" not in login("casemanager").get("/").content.decode()
    Response.objects.filter(pk=response.pk).update(updated_at=timezone.now() - timedelta(days=10))
    client = login("casemanager")
    html = client.get("/").content.decode()
    assert "Valutazioni in bozza" in html and f"/valutazioni/{response.pk}/" in html
    assert response.instrument_version.instrument.title in html and world.family.nome in html
    assert "Valutazioni in bozza" not in login("educatore2").get("/").content.decode()
    # Only the columns shown are loaded, and none is fetched again draft by draft.
    one = queries_on(client, "/")
    for _ in range(3):
        more = services.response_start(version=current_instrument_version("preassessment"), family=world.family,
                                       by=world.casemanager, time_point="data", perspective="operatore")
        Response.objects.filter(pk=more.pk).update(updated_at=timezone.now() - timedelta(days=9))
    assert Response.objects.filter(status=Response.Status.DRAFT, family=world.family).count() == 4
    assert queries_on(client, "/") == one


def test_overdue_plan_actions_and_owed_reviews_are_listed(world, login):


    plan = add_demo_plans(world.family, world.casemanager, random.Random(4), on=today() - timedelta(days=400))
    Azione.objects.filter(risultato__progetto=plan).update(data_fine=today() - timedelta(days=3))
    Family.objects.filter(pk=world.family.pk).update(stato=Stato.T1)
    html = login("coach").get("/").content.decode()
    assert "Azioni del progetto scadute" in html and "verifica a T1 con la famiglia" in html
    Azione.objects.filter(risultato__progetto=plan).update(stato=Azione.StatoAzione.SVOLTA)
    assert "Azioni del progetto scadute" not in login("casemanager").get("/").content.decode()
    assert "verifica a T1" not in login("casemanager2").get("/").content.decode()
