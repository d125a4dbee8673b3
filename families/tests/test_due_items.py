"""The dashboard's "Da fare": each active family's next step and its date, soonest first."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from core.testing import FamilyFactory, ImplementazioneFactory
from families.models import Family, PathEvent, Stato
from families.selectors import due_date, due_items


def _family(world, stato, *, days_in_state=0, cohort=None):
    return FamilyFactory(ambito=world.ambito, comune=world.comune, equipe=world.equipe, stato=stato,
                         implementazione=cohort, stato_dal=timezone.now() - timedelta(days=days_in_state))


def test_due_steps_follow_the_cohort_calendar_and_the_delays_of_each_state(world):
    cohort = ImplementazioneFactory(ambito=world.ambito, data_inizio=date(2025, 8, 31), durata_mesi=12)
    # Both started their intervention with the cohort (families.deadlines: no later start to make room for).
    started = datetime(2025, 8, 31, 12, 0, tzinfo=ZoneInfo("Europe/Rome"))
    in_corso = _family(world, Stato.IN_CORSO, cohort=cohort)  # T1 at the cohort's mid point
    t1 = _family(world, Stato.T1, cohort=cohort)  # T2 at the cohort's end
    Family.objects.filter(pk=in_corso.pk).update(stato_dal=started)
    PathEvent.objects.create(family=t1, from_state=Stato.PROGETTAZIONE, to_state=Stato.IN_CORSO, at=started)
    late = _family(world, Stato.SEGNALATA, days_in_state=45)  # 30 days to start the pre-assessment
    t0 = _family(world, Stato.ASSESSMENT_T0, days_in_state=10)  # 60 days for the T0 assessment
    _family(world, Stato.CHIUSA)  # nothing is due on a closed path

    items = {item["family"].pk: item for item in due_items(world.casemanager)}
    assert items[in_corso.pk]["due"] == date(2026, 2, 28)  # 31 August + 6 months, clamped to February
    assert items[t1.pk]["due"] == date(2026, 8, 31)
    assert items[late.pk]["overdue"] and items[late.pk]["what"] == "Avviare il pre-assessment"
    assert not items[t0.pk]["overdue"] and items[t0.pk]["due"] == timezone.localdate() + timedelta(days=50)
    # The same dates as due_date() computes from the model, for every active family of the équipe.
    for family in Family.objects.filter(pk__in=items).select_related("implementazione"):
        assert items[family.pk]["due"] == due_date(family)
    assert Family.objects.filter(equipe=world.equipe, stato=Stato.CHIUSA).exists()
    assert len(items) == Family.objects.filter(equipe=world.equipe).exclude(
        stato__in=[Stato.CHIUSA, Stato.NON_INCLUSA]).count()


def test_due_steps_are_sorted_soonest_first_and_limited(world):
    for days in (5, 50, 20, 35, 1):
        _family(world, Stato.SEGNALATA, days_in_state=days)
    items = due_items(world.casemanager, limit=3)
    assert len(items) == 3
    assert [item["due"] for item in items] == sorted(item["due"] for item in items)
    assert items[0]["due"] == timezone.localdate() - timedelta(days=20)  # in the state for 50 days


def test_another_equipe_s_families_are_not_listed(world):
    other = FamilyFactory(ambito=world.ambito, comune=world.comune, equipe=world.other_equipe,
                          stato=Stato.SEGNALATA)
    assert other.pk not in {item["family"].pk for item in due_items(world.casemanager)}
