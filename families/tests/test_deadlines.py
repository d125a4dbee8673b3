"""T1 and T2 follow the cohort, but never come earlier than the cohort's minimum months after the family's own
start of the intervention (families.deadlines): a family who joins late is not overdue on its first day."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from core.testing import FamilyFactory, ImplementazioneFactory
from families.deadlines import Cohort, due_on
from families.models import Family, PathEvent, Stato
from families.selectors import due_date, due_items, next_step
from organisation.models import Implementazione

ROME = ZoneInfo("Europe/Rome")


def _at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ROME)


def _cohort(start: date, months: int = 18, t1: int = 6, t2: int = 12) -> Cohort:
    return Cohort(nome="Prima", data_inizio=start, durata_mesi=months, t1_mesi_minimi=t1, t2_mesi_minimi=t2)


def test_t1_falls_at_the_cohort_s_mid_point_for_a_family_who_starts_early():
    due = due_on(stato=Stato.IN_CORSO, stato_dal=_at(date(2026, 4, 1)), avvio=_at(date(2026, 4, 1)),
                 cohort=_cohort(date(2026, 3, 1)))
    assert due.on == date(2026, 12, 1)  # 1 March + 9 months, later than 1 April + 6 months
    assert "metà dell'implementazione «Prima»" in due.why and "18 mesi dal 01/03/2026" in due.why


def test_a_family_who_joins_after_the_mid_point_gets_the_cohort_s_minimum_months():
    due = due_on(stato=Stato.IN_CORSO, stato_dal=_at(date(2027, 1, 15)), avvio=_at(date(2027, 1, 15)),
                 cohort=_cohort(date(2026, 3, 1)))
    assert due.on == date(2027, 7, 15)  # not 1 December 2026, six weeks before the family started
    assert due.why == ("6 mesi dall'avvio dell'intervento della famiglia (15/01/2027), il minimo previsto "
                       "dall'implementazione «Prima»")


def test_t2_falls_at_the_cohort_s_end_unless_the_family_started_less_than_the_minimum_before():
    early = due_on(stato=Stato.T1, stato_dal=_at(date(2027, 1, 10)), avvio=_at(date(2026, 4, 1)),
                   cohort=_cohort(date(2026, 3, 1)))
    assert early.on == date(2027, 9, 1) and early.why == "fine dell'implementazione «Prima»"
    late = due_on(stato=Stato.T1, stato_dal=_at(date(2027, 8, 1)), avvio=_at(date(2027, 1, 15)),
                  cohort=_cohort(date(2026, 3, 1)))
    assert late.on == date(2028, 1, 15) and "12 mesi dall'avvio dell'intervento della famiglia (15/01/2027)" in late.why


@pytest.mark.parametrize(("start", "months", "expected"), [
    (date(2026, 8, 31), 6, date(2027, 2, 28)),  # across the year, clamped to February
    (date(2027, 8, 31), 6, date(2028, 2, 29)),  # a leap February
    (date(2026, 7, 31), 6, date(2027, 1, 31)),  # into January
    (date(2026, 12, 31), 12, date(2027, 12, 31)),
    (date(2026, 3, 31), 3, date(2026, 6, 30)),  # a 30-day month
])
def test_the_minimum_months_count_across_month_and_year_ends(start, months, expected):
    # A cohort whose mid point is long before the family's start: the minimum decides.
    due = due_on(stato=Stato.IN_CORSO, stato_dal=_at(start), avvio=_at(start),
                 cohort=_cohort(date(2020, 1, 1), t1=months, t2=months + 1))
    assert due.on == expected


def test_the_start_is_the_local_day_even_late_in_the_evening():
    # 00:30 of 1 February in Rome is still 31 January in UTC: the local day counts.
    start = datetime(2027, 1, 31, 23, 30, tzinfo=ROME)
    assert due_on(stato=Stato.IN_CORSO, stato_dal=start, avvio=start, cohort=None).on == date(2027, 10, 31)
    just_after = datetime(2027, 2, 1, 0, 30, tzinfo=ROME).astimezone(ZoneInfo("UTC"))
    assert due_on(stato=Stato.IN_CORSO, stato_dal=just_after, avvio=just_after, cohort=None).on == date(2027, 11, 1)


def test_without_a_cohort_the_standard_18_month_path_counts_from_the_family_s_start():
    t1 = due_on(stato=Stato.IN_CORSO, stato_dal=_at(date(2026, 5, 10)), avvio=None, cohort=None)
    assert t1.on == date(2027, 2, 10) and "9 mesi dall'avvio" in t1.why and "non ha un'implementazione" in t1.why
    t2 = due_on(stato=Stato.T1, stato_dal=_at(date(2027, 2, 1)), avvio=_at(date(2026, 5, 10)), cohort=None)
    assert t2.on == date(2027, 11, 10)


def test_a_zero_minimum_leaves_the_cohort_s_dates():
    due = due_on(stato=Stato.IN_CORSO, stato_dal=_at(date(2027, 1, 15)), avvio=_at(date(2027, 1, 15)),
                 cohort=_cohort(date(2026, 3, 1), t1=0))
    assert due.on == date(2026, 12, 1)


def test_the_steps_before_the_intervention_count_days_from_the_state_s_start():
    due = due_on(stato=Stato.ASSESSMENT_T0, stato_dal=_at(date(2026, 12, 15)), avvio=None,
                 cohort=_cohort(date(2026, 3, 1)))
    assert due.on == date(2027, 2, 13) and due.what == "Completare l'assessment T0"
    assert due.why == "60 giorni dall'ingresso nella fase «Assessment T0» (15/12/2026)"


# --- Through the database, the dashboard and the family page, at fixed instants -----------------------------

def _enter_in_corso(world, cohort, when: datetime) -> Family:
    family = FamilyFactory(ambito=world.ambito, comune=world.comune, equipe=world.equipe, stato=Stato.IN_CORSO,
                           implementazione=cohort, stato_dal=when, nome="Famiglia Tardiva")
    PathEvent.objects.create(family=family, from_state=Stato.PROGETTAZIONE, to_state=Stato.IN_CORSO, at=when,
                             by=world.casemanager)
    return family


@pytest.mark.parametrize("instant", [
    datetime(2027, 1, 31, 23, 40, tzinfo=ROME),  # the last minutes of a month
    datetime(2026, 12, 31, 23, 50, tzinfo=ROME),  # and of a year
    datetime(2027, 3, 28, 3, 5, tzinfo=ROME),  # the night summer time starts
])
def test_a_family_entering_after_the_mid_point_is_not_overdue_on_its_first_day(world, login, instant):
    with time_machine.travel(instant, tick=False):
        today = timezone.localdate()
        cohort = ImplementazioneFactory(ambito=world.ambito, nome="Coorte avanzata",
                                        data_inizio=today - timedelta(days=330), durata_mesi=18)
        assert cohort.data_t1 < today  # the cohort's mid point has passed
        family = _enter_in_corso(world, cohort, timezone.now())

        item = next(i for i in due_items(world.casemanager) if i["family"].pk == family.pk)
        assert not item["overdue"] and item["what"] == "Valutazione intermedia T1"
        assert item["due"] > today + timedelta(days=180) and "6 mesi dall'avvio" in item["why"]
        assert due_date(Family.objects.select_related("implementazione").get(pk=family.pk)) == item["due"]

        html = login("casemanager").get("/").content.decode()
        row = html[html.index("Famiglia Tardiva"):][:700]
        assert "Scaduto" not in row and f"{item['due']:%d/%m/%Y}" in row and "perché" in row
        page = login("casemanager").get(f"/famiglie/{family.pk}/").content.decode()
        step = page[page.index('id="next-step"'):][:600]
        assert f"entro il {item['due']:%d/%m/%Y}" in step and "6 mesi dall&#x27;avvio dell&#x27;intervento" in step


def test_the_start_is_the_first_entry_in_the_intervention_not_the_t1_state(world, login):
    with time_machine.travel(datetime(2027, 6, 30, 9, 0, tzinfo=ROME), tick=False):
        cohort = ImplementazioneFactory(ambito=world.ambito, data_inizio=date(2026, 3, 1), durata_mesi=18)
        family = _enter_in_corso(world, cohort, datetime(2027, 1, 15, 11, 0, tzinfo=ROME))
        Family.objects.filter(pk=family.pk).update(stato=Stato.T1, stato_dal=timezone.now())
        PathEvent.objects.create(family=family, from_state=Stato.IN_CORSO, to_state=Stato.T1, at=timezone.now())
        step = next_step(Family.objects.select_related("implementazione").get(pk=family.pk))
        assert step.on == date(2028, 1, 15) and step.what == "Valutazione finale T2"
        page = login("casemanager").get(f"/famiglie/{family.pk}/").content.decode()
        assert "entro il 15/01/2028" in page


def test_the_minimum_months_are_the_implementazione_s_own(world):
    with time_machine.travel(datetime(2027, 2, 1, 9, 0, tzinfo=ROME), tick=False):
        cohort = ImplementazioneFactory(ambito=world.ambito, data_inizio=date(2026, 3, 1), durata_mesi=18,
                                        t1_mesi_minimi=4)
        family = _enter_in_corso(world, cohort, timezone.now())
        assert next_step(Family.objects.select_related("implementazione").get(pk=family.pk)).on == date(2027, 6, 1)
        Implementazione.objects.filter(pk=cohort.pk).update(t1_mesi_minimi=8)
        item = next(i for i in due_items(world.casemanager) if i["family"].pk == family.pk)
        assert item["due"] == date(2027, 10, 1) and "8 mesi dall'avvio" in item["why"]


def test_a_closed_family_has_no_next_step(world):
    world.family.stato = Stato.CHIUSA
    assert next_step(world.family) is None


def test_new_implementazioni_default_to_six_and_twelve_months(world):
    cohort = Implementazione.objects.create(ambito=world.ambito, nome="Nuova", data_inizio=date(2027, 1, 1))
    assert (cohort.t1_mesi_minimi, cohort.t2_mesi_minimi) == (6, 12)


def test_the_admin_edits_the_minimum_months_and_refuses_a_t2_before_the_t1(world):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    client = Client()
    client.force_login(admin)
    url = f"/admin/organisation/implementazione/{world.cohort.pk}/change/"
    form = {"ambito": world.ambito.pk, "nome": world.cohort.nome, "data_inizio": "2026-03-01",
            "durata_mesi": 18, "famiglie_target": 10, "t1_mesi_minimi": 7, "t2_mesi_minimi": 7}
    response = client.post(url, form)
    assert response.status_code == 200
    assert "La T2 deve venire dopo la T1" in response.content.decode()
    assert Implementazione.objects.get(pk=world.cohort.pk).t1_mesi_minimi == 6  # nothing saved
    response = client.post(url, {**form, "t2_mesi_minimi": 14})
    assert response.status_code == 302
    cohort = Implementazione.objects.get(pk=world.cohort.pk)
    assert (cohort.t1_mesi_minimi, cohort.t2_mesi_minimi) == (7, 14)
