import uuid
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from governance.complaints import selectors, services
from governance.complaints.models import Complaint


def register(world, **kwargs):
    values = {"ricevuto_il": timezone.localdate() - timedelta(days=10), "canale": "email", "categoria": "accesso",
              "descrizione": "Attesa troppo lunga"}
    values.update(kwargs)
    return services.complaint_register(ambito=world.ambito, by=world.amministrativo, **values)


def test_a_complaint_without_a_channel_is_refused(world):
    with pytest.raises(ValidationError) as error:
        register(world, canale="")
    assert "canale" in error.value.message_dict
    assert not Complaint.objects.exists()


def test_complaints_are_numbered_and_get_a_deadline(world):
    first, second = register(world), register(world)
    assert (first.numero, second.numero) == (1, 2)
    assert first.risposta_entro == first.ricevuto_il + timedelta(days=30)


def test_answering_twice_or_before_receipt_is_refused(world):
    complaint = register(world)
    with pytest.raises(ValidationError):
        services.complaint_answer(complaint=complaint, by=world.rt, risposta="Ok", esito="accolto",
                                  risposto_il=complaint.ricevuto_il - timedelta(days=1))
    services.complaint_answer(complaint=complaint, by=world.rt, risposta="Ci scusiamo", esito="accolto",
                              risposto_il=timezone.localdate())
    with pytest.raises(ValidationError, match="già una risposta"):
        services.complaint_answer(complaint=complaint, by=world.rt, risposta="Bis", esito="accolto",
                                  risposto_il=timezone.localdate())


# A fixed day in March, whatever today is: the complaints of January are past, one of them late.
@pytest.mark.time_machine(datetime(2027, 3, 10, 10, 0, tzinfo=ZoneInfo("Europe/Rome")))
def test_the_annual_summary_recomputes_from_the_records(world, login):
    year = timezone.localdate().year
    a = register(world, ricevuto_il=date(year, 1, 10), categoria="qualita")
    register(world, ricevuto_il=date(year, 1, 20), canale="telefono")
    register(world, ricevuto_il=date(year - 1, 12, 1))
    services.complaint_answer(complaint=a, by=world.rt, risposta="Risolto", esito="accolto",
                              risposto_il=date(year, 1, 14))
    s = selectors.annual_summary(world.amministrativo, year)
    assert (s["n"], s["answered"], s["avg_days"]) == (2, 1, 4.0)
    assert {r["canale"]: r["n"] for r in s["by_channel"]} == {"email": 1, "telefono": 1}
    assert s["late"] == (1 if date(year, 1, 20) + timedelta(days=30) < timezone.localdate() else 0)
    assert login("amministrativo").get(f"/governance/reclami/sintesi/?anno={year}").status_code == 200


def test_a_double_submitted_complaint_is_registered_once(world, login):
    data = {"form_token": str(uuid.uuid4()), "ricevuto_il": str(timezone.localdate()), "canale": "persona",
            "categoria": "relazione", "descrizione": "Scortesia"}
    client = login("amministrativo")
    client.post("/governance/reclami/", data)
    client.post("/governance/reclami/", data)
    assert Complaint.objects.count() == 1


def test_the_complaint_form_explains_a_missing_channel(world, login):
    response = login("rt").post("/governance/reclami/", {"ricevuto_il": str(timezone.localdate()), "canale": "",
                                                         "categoria": "altro", "descrizione": "X"})
    assert response.status_code == 422 and "Indica il canale" in response.content.decode()


def test_complaints_near_the_deadline_show_on_the_dashboard(world, login):
    register(world, ricevuto_il=timezone.localdate() - timedelta(days=27))
    html = login("amministrativo").get("/").content.decode()
    assert "Reclami con la risposta in scadenza" in html
    assert "Reclami con la risposta" not in login("casemanager").get("/").content.decode()


def test_only_who_keeps_the_register_handles_a_complaint(world):
    complaint = register(world)
    with pytest.raises(PermissionDenied):
        services.complaint_step(complaint=complaint, by=world.casemanager, data=timezone.localdate(), testo="Visto")
    with pytest.raises(PermissionDenied):
        services.complaint_answer(complaint=complaint, by=world.rt_altro, risposta="No", esito="respinto",
                                  risposto_il=timezone.localdate())
    assert not complaint.passi.exists() and not Complaint.objects.get(pk=complaint.pk).risposto_il
