from datetime import date, timedelta
from html import unescape

from django.db.models import Q
from django.utils import timezone

from core.testing import member, queries_on
from network import services
from network.models import NEEDS, Diritto, Intake, IntakeChild, IntakeNeed, Referral
from network.selectors import network_counts, week_bounds

from .factories import intake_data, make_intake, make_referral, make_service


def _add(world, n: int, *, start: int = 0):
    service = make_service(world)
    other = make_service(world, nome="Consultorio di Seregno", area=Diritto.SALUTE, tipologia="consultorio")
    today = timezone.localdate()
    for i in range(start, start + n):
        intake = services.intake_create(by=world.tutor, ambito=world.ambito, data=intake_data(
            world, cognome=f"Cognome{i}", nome=f"Nome{i}", data_nascita=date(1990, 1, 1) + timedelta(days=i),
            accompagnamento=i % 2 == 0, bisogni=[NEEDS[i % len(NEEDS)], Diritto.SALUTE]))
        services.referral_create(intake=intake, by=world.tutor, service=service if i % 2 else other,
                                 follow_up_il=today + timedelta(days=i % 3))


def test_caseload_query_count_does_not_grow_with_intakes_and_referrals(world, login):
    client = login("tutor")
    _add(world, 2)
    small = queries_on(client, "/rete/")
    _add(world, 15, start=2)
    assert queries_on(client, "/rete/") == small


def test_caseload_shows_open_intakes_waiting_referrals_and_follow_ups_of_the_week(world, login):
    today = timezone.localdate()
    _start, end = week_bounds(today)
    intake = make_intake(world)
    due = make_referral(world, intake=intake, follow_up_il=today)
    later_service = make_service(world, nome="Sportello Sicet", area=Diritto.CASA, tipologia="casa")
    later = services.referral_create(intake=intake, by=world.tutor, service=later_service,
                                     follow_up_il=end + timedelta(days=1))
    closed = make_intake(world, cognome="Chiuso", nome="Contatto", data_nascita=date(1980, 1, 1))
    services.intake_update(intake=closed, by=world.tutor, version=closed.version,
                           data=intake_data(world, cognome="Chiuso", nome="Contatto", data_nascita=date(1980, 1, 1)),
                           stato=Intake.Stato.CHIUSO)
    response = login("tutor").get("/rete/")
    context = response.context
    assert [row["intake"] for row in context["rows"]] == [intake]
    assert set(context["waiting"]) == {due, later}
    assert context["due"] == [due]
    # The rights at a glance: education is a need and has a referral; health is a need without one.
    rights = {r["diritto"]: r for r in context["rows"][0]["rights"]}
    assert rights[Diritto.EDUCAZIONE]["need"] and rights[Diritto.EDUCAZIONE]["referrals"] == [due]
    assert rights[Diritto.SALUTE]["need"] and rights[Diritto.SALUTE]["referrals"] == []
    assert rights[Diritto.CASA]["referrals"] == [later] and not rights[Diritto.CASA]["need"]


def test_counts_match_the_raw_records(world):
    _add(world, 9)
    make_intake(world, cognome="Vecchio", nome="Contatto", data_nascita=date(1970, 1, 1),
                data_contatto=date(2020, 5, 1))
    dal, al = date(2021, 1, 1), timezone.localdate()
    counts = network_counts(world.tutor, dal=dal, al=al)
    in_period = [i for i in Intake.objects.filter(tutor=world.tutor) if dal <= i.data_contatto <= al]
    children = [c for c in IntakeChild.objects.all() if c.intake in in_period]
    assert counts.contatti == len(in_period) == 9
    assert counts.figli == len(children)
    assert counts.persone == len(in_period) + len(children)
    assert counts.accompagnamenti == len([i for i in in_period if i.accompagnamento])
    needs = {label: n for label, n in counts.by_need}
    for diritto in NEEDS:
        assert needs[diritto.label] == len({n.intake_id for n in IntakeNeed.objects.all()
                                             if n.diritto == diritto and n.intake in in_period})
    referrals = [r for r in Referral.objects.all() if dal <= r.data_invio <= al]
    assert counts.invii == len(referrals)
    by_area = dict(counts.referrals_by_area)
    for diritto in Diritto:
        assert by_area[diritto.label] == len([r for r in referrals if r.area == diritto])
    # Before the period: only the old intake.
    assert network_counts(world.tutor, dal=date(2020, 1, 1), al=date(2020, 12, 31)).contatti == 1


def test_counts_of_the_tutor_are_their_own_and_the_rt_sees_the_ambito(world):
    other_tutor = member(world.ambito, "tutor", username="tutor2")
    make_intake(world)
    services.intake_create(by=other_tutor, ambito=world.ambito,
                           data=intake_data(world, cognome="Altro", nome="Contatto"))
    today = timezone.localdate()
    assert network_counts(world.tutor, dal=today, al=today).contatti == 1
    assert network_counts(world.rt, dal=today, al=today).contatti == 2
    assert network_counts(world.amministrativo, dal=today, al=today).contatti == 2
    assert network_counts(world.rt_altro, dal=today, al=today).contatti == 0
    assert Intake.objects.filter(~Q(tutor=world.tutor)).count() == 1


def test_period_ending_before_it_starts_is_explained(world, login):
    for path in ("/rete/dati/", "/rete/"):
        response = login("tutor").get(f"{path}?dal=2026-06-01&al=2026-01-01")
        assert response.status_code == 422, path
        assert "La fine del periodo è prima dell'inizio" in unescape(response.content.decode()), path
