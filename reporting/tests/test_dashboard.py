"""The dashboard by cohort and équipe: counts, time in each state, links to the lists behind them."""

from datetime import time, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.testing import FamilyFactory, ImplementazioneFactory
from families.models import Family, PathEvent, Stato
from families.selectors import due_date
from interventions.models import Intervento
from interventions.testing import seregno_budget


def test_states_and_time_in_state_come_from_the_path(world, login):
    now = timezone.now()
    PathEvent.objects.filter(family=world.family).update(at=now - timedelta(days=30))
    PathEvent.objects.create(family=world.family, from_state=Stato.SEGNALATA, to_state=Stato.PREASSESSMENT,
                             at=now - timedelta(days=10))
    Family.objects.filter(pk=world.family.pk).update(stato=Stato.PREASSESSMENT)
    response = login("rt").get("/indicatori/cruscotto/")
    rows = {s.code: s for s in response.context["d"].states}
    expected = Family.objects.filter(ambito=world.ambito)
    assert sum(s.families for s in rows.values()) == expected.count()
    assert rows["preassessment"].families == 1
    assert rows["segnalata"].avg_days is not None and rows["preassessment"].avg_days == 10
    page = response.content.decode()
    assert "/famiglie/?stato=preassessment" in page  # the figure links to the list behind it


def test_the_amministrativo_sees_figures_without_links_and_filters_by_equipe(world, login):
    page = login("amministrativo").get(f"/indicatori/cruscotto/?equipe={world.equipe.pk}")
    assert page.status_code == 200 and "/famiglie/?stato=" not in page.content.decode()
    assert page.context["d"].total == Family.objects.filter(equipe=world.equipe).count()
    assert login("casemanager").get("/indicatori/cruscotto/").status_code == 403


def test_the_dashboard_query_count_is_constant(world, login):
    client = login("rt")
    client.get("/indicatori/cruscotto/")
    with CaptureQueriesContext(connection) as few:
        client.get("/indicatori/cruscotto/")
    for n in range(15):
        family = FamilyFactory(ambito=world.ambito, comune=world.comune, equipe=world.equipe, codice=f"SER-7{n:03d}")
        PathEvent.objects.create(family=family, to_state=Stato.SEGNALATA)
    with CaptureQueriesContext(connection) as many:
        client.get("/indicatori/cruscotto/")
    assert len(many) == len(few)


def test_the_dashboard_shows_hours_and_euros_against_the_budget(world, login):
    today = timezone.localdate()
    seregno_budget(world.ambito, start=today - timedelta(days=100), end=today + timedelta(days=900))
    Intervento.objects.create(family=world.family, ambito=world.ambito, operatore=world.educatore, data=today,
                              ora_inizio=time(9, 0), ora_fine=time(11, 0), durata_minuti=120, ruolo="educatore")
    page = login("amministrativo").get("/indicatori/cruscotto/")
    assert page.context["budget"].ore_usate == 2 and page.context["budget"].euro_usati == 48
    assert "Ore ed euro rispetto al budget" in page.content.decode()
    assert login("coach").get("/indicatori/cruscotto/").context["budget"] is None  # not a budget reader


def test_overdue_steps_follow_the_due_dates_of_the_role_dashboards(world, login):
    Family.objects.filter(pk=world.family.pk).update(stato_dal=timezone.now() - timedelta(days=400))
    families = Family.objects.filter(ambito=world.ambito, stato__in=[Stato.SEGNALATA])
    expected = sum(1 for f in families if due_date(f) < timezone.localdate())
    d = login("rt").get("/indicatori/cruscotto/").context["d"]
    assert dict((code, n) for code, _label, n in d.overdue).get("segnalata", 0) == expected >= 1


def test_a_family_joining_after_the_cohort_s_mid_point_is_not_counted_overdue(world, login):
    cohort = ImplementazioneFactory(ambito=world.ambito, data_inizio=timezone.localdate() - timedelta(days=330))
    late_joiner = FamilyFactory(ambito=world.ambito, comune=world.comune, equipe=world.equipe,
                                stato=Stato.IN_CORSO, implementazione=cohort)
    PathEvent.objects.create(family=late_joiner, from_state=Stato.PROGETTAZIONE, to_state=Stato.IN_CORSO)
    d = login("rt").get("/indicatori/cruscotto/").context["d"]
    assert dict((code, n) for code, _label, n in d.overdue).get("in_corso", 0) == 0
    # Started with the cohort, the same family would be late: the cohort's mid point has passed.
    PathEvent.objects.filter(family=late_joiner).update(at=timezone.now() - timedelta(days=330))
    d = login("rt").get("/indicatori/cruscotto/").context["d"]
    assert dict((code, n) for code, _label, n in d.overdue).get("in_corso", 0) == 1
