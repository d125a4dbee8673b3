from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from governance.training import selectors, services
from quality.tests.factories import survey


@pytest.fixture
def event(world):
    return services.event_create(ambito=world.ambito, by=world.rt, tipo="formazione", titolo="Il Mondo del Bambino",
                                 bisogni="Usare lo strumento con le famiglie straniere")


def test_attendance_and_hours_per_participant(world, event):
    today = timezone.localdate()
    first = services.session_add(event=event, by=world.rt, data=today - timedelta(days=14), ore=Decimal("3"))
    second = services.session_add(event=event, by=world.rt, data=today - timedelta(days=7), ore=Decimal("2.5"))
    anna = services.participant_add(event=event, by=world.rt, nome="Anna Cattaneo", ente="IC Seregno")
    luca = services.participant_add(event=event, by=world.rt, nome="Luca Villa", esterno=True)
    services.attendance_set(session=first, by=world.rt, participant_ids=[anna.pk, luca.pk])
    services.attendance_set(session=second, by=world.rt, participant_ids=[anna.pk])
    summary = selectors.event_summary(event)
    assert summary["hours"] == Decimal("5.5") and summary["sessions"] == 2
    by_name = {p.nome: (p.ore, p.quota) for p in summary["people"]}
    assert by_name == {"Anna Cattaneo": (Decimal("5.5"), 100), "Luca Villa": (Decimal("3"), 55)}
    assert (summary["internal"], summary["external"]) == (1, 1)


def test_bad_training_input_is_refused(world, event):
    with pytest.raises(ValidationError, match="12 ore"):
        services.session_add(event=event, by=world.rt, data=date(2026, 1, 1), ore=Decimal("14"))
    services.participant_add(event=event, by=world.rt, nome="Anna Cattaneo")
    with pytest.raises(ValidationError, match="già tra i partecipanti"):
        services.participant_add(event=event, by=world.rt, nome="Anna Cattaneo")
    future = services.session_add(event=event, by=world.rt, data=timezone.localdate() + timedelta(days=3),
                                  ore=Decimal("2"))
    with pytest.raises(ValidationError, match="dopo la sessione"):
        services.attendance_set(session=future, by=world.rt, participant_ids=[])
    with pytest.raises(PermissionDenied):
        services.event_create(ambito=world.ambito, by=world.coach, tipo="formazione", titolo="X")


def test_an_event_links_its_satisfaction_questionnaire(world, login):
    s = survey(world, code="soddisfazione_operatori", titolo="Gradimento formazione", destinatari="operatori")
    client = login("rt")
    response = client.post("/governance/formazione/", {"tipo": "formazione", "titolo": "Supervisione casi",
                                                       "questionario": s.pk})
    assert response.status_code == 302
    assert "Gradimento formazione" in client.get(response["Location"]).content.decode()
