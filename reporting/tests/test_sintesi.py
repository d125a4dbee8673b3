"""Sintesi annuale: complaints, satisfaction and controls from the raw records."""

import io
from datetime import date, time, timedelta
from decimal import Decimal

from django.utils import timezone
from pypdf import PdfReader

from governance.complaints import services as registry
from interventions.models import Assegnazione, Intervento
from quality.services import record_answer
from quality.tests.factories import survey
from reporting.sintesi import planned_hours


def test_the_synthesis_counts_complaints_satisfaction_and_hours(world, login):
    today = timezone.localdate()
    year = today.year
    for n in range(2):  # today and yesterday, or twice today on 1 January: both in this year
        registry.complaint_register(ambito=world.ambito, by=world.amministrativo,
                                    ricevuto_il=max(today - timedelta(days=n), date(year, 1, 1)),
                                    canale="email", categoria="servizio", descrizione=f"Reclamo {n}")
    s = survey(world)
    for answers in ({"ascolto": "4", "decisioni": "3", "aiuto": "4", "gruppi": "2"},
                    {"ascolto": "2", "decisioni": "3", "aiuto": "4", "gruppi": "2"},
                    {"ascolto": "3", "decisioni": "3", "aiuto": "4", "gruppi": "2"}):
        record_answer(survey=s, values=answers)
    start = date(year, 1, 1)
    Assegnazione.objects.create(family=world.family, operatore=world.educatore, ore_settimanali=Decimal("8"),
                                data_inizio=start)
    Intervento.objects.create(family=world.family, ambito=world.ambito, operatore=world.educatore, data=start,
                              ora_inizio=time(9, 0), ora_fine=time(12, 0), durata_minuti=180)
    page = login("amministrativo").get(f"/indicatori/sintesi-annuale/?anno={year}")
    assert page.status_code == 200
    sintesi = page.context["s"]
    assert sintesi.complaints["n"] == 2
    (entry,) = sintesi.surveys
    means = {i["item"].code: i["mean"] for i in entry["results"]["items"]}
    assert means["ascolto"] == 3.0 and entry["results"]["n"] == 3
    expected = planned_hours(Assegnazione.objects.all(), start, timezone.localdate())
    assert sintesi.controls.ore_previste == expected == (Decimal(8) * ((timezone.localdate() - start).days + 1) / 7
                                                          ).quantize(Decimal("0.1"))
    assert sintesi.controls.ore_erogate == Decimal("3.0") and sintesi.controls.interventi == 1
    pdf = login("rt").get(f"/indicatori/sintesi-annuale.pdf?anno={year}")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert f"Sintesi annuale {year}" in text and "Reclami ricevuti: 2" in text


def test_fewer_than_three_answers_are_not_shown(world, login):
    year = timezone.localdate().year
    s = survey(world)
    record_answer(survey=s, values={"ascolto": "4", "decisioni": "3", "aiuto": "4", "gruppi": "2"})
    page = login("rt").get(f"/indicatori/sintesi-annuale/?anno={year}").content.decode()
    assert "Meno di 3 risposte" in page


def test_a_bad_year_is_refused(world, login):
    for year in ("1999", "abc", str(timezone.localdate().year + 1)):
        response = login("rt").get(f"/indicatori/sintesi-annuale/?anno={year}")
        assert response.status_code == 422 and "Scegli un anno" in response.content.decode()
    assert login("casemanager").get("/indicatori/sintesi-annuale/").status_code == 403
