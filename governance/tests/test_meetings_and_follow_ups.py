import io
import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from pypdf import PdfReader

from core.testing import EnteFactory, archival_pdf
from governance.bodies import services
from governance.bodies.models import Attendance, BodyMember, FollowUp, Meeting

from .factories import cabina, past_meeting


def test_a_meeting_in_the_past_cannot_be_scheduled_as_future(world):
    with pytest.raises(ValidationError, match="nel passato"):
        services.meeting_schedule(body=cabina(world), by=world.rt, inizio=timezone.now() - timedelta(days=1),
                                  ordine_del_giorno="Punto 1")
    assert services.meeting_schedule(body=cabina(world), by=world.rt, inizio=timezone.now() - timedelta(days=1),
                                     ordine_del_giorno="Punto 1", svolta=True).stato == Meeting.Stato.SVOLTA
    with pytest.raises(ValidationError, match="futura"):
        services.meeting_schedule(body=cabina(world), by=world.rt, inizio=timezone.now() + timedelta(days=1),
                                  ordine_del_giorno="Punto 1", svolta=True)


def test_only_the_rt_convenes(world):
    with pytest.raises(PermissionDenied):
        services.meeting_schedule(body=cabina(world), by=world.governance, inizio=timezone.now() + timedelta(days=3),
                                  ordine_del_giorno="Punto 1")


def test_a_double_submitted_meeting_is_created_once(world, login):
    token = str(uuid.uuid4())
    data = {"form_token": token, "inizio": (timezone.localtime() + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"),
            "ordine_del_giorno": "Bilancio"}
    client = login("rt")
    client.post(f"/governance/organismi/{cabina(world).pk}/", data)
    client.post(f"/governance/organismi/{cabina(world).pk}/", data)
    assert Meeting.objects.filter(ordine_del_giorno="Bilancio").count() == 1


def test_duplicate_attendance_is_refused_and_nothing_is_saved(world):
    meeting = past_meeting(world)
    members = list(meeting.body.componenti.all())
    with pytest.raises(ValidationError, match="due volte"):
        services.attendance_record(meeting=meeting, by=world.rt, present_member_ids=[members[0].pk],
                                   externals=[("Mario Rossi", "Scuola"), ("Mario Rossi", "Scuola")])
    assert not Attendance.objects.filter(meeting=meeting).exists()
    rows = services.attendance_record(meeting=meeting, by=world.rt, present_member_ids=[m.pk for m in members],
                                      externals=[("Mario Rossi", "Scuola")])
    assert len(rows) == 4


def test_minutes_keep_the_decisions_and_refuse_a_stale_version(world):
    meeting = past_meeting(world)
    saved = services.minutes_save(meeting=meeting, by=world.rt, version=meeting.version, verbale="Discussione",
                                  decisioni=["Approvato il budget", "", "Avviare la terza implementazione"])
    assert list(saved.decisioni.values_list("testo", flat=True)) == ["Approvato il budget",
                                                                      "Avviare la terza implementazione"]
    with pytest.raises(services.StaleMeeting):
        services.minutes_save(meeting=meeting, by=world.rt, version=meeting.version, verbale="Altro", decisioni=[])


def test_a_follow_up_shows_on_the_owners_dashboard_until_done(world, login):
    meeting = past_meeting(world)
    with pytest.raises(ValidationError, match="precedere"):
        services.followup_add(meeting=meeting, by=world.rt, descrizione="X", owner=world.governance,
                              scadenza=timezone.localdate() - timedelta(days=30))
    with pytest.raises(ValidationError, match="ambito"):
        services.followup_add(meeting=meeting, by=world.rt, descrizione="X", owner=world.rt_altro,
                              scadenza=timezone.localdate() + timedelta(days=5))
    followup = services.followup_add(meeting=meeting, by=world.rt, descrizione="Preparare il report",
                                     owner=world.governance, scadenza=timezone.localdate() + timedelta(days=5))
    client = login("governance")
    assert "Preparare il report" in client.get("/").content.decode()
    assert client.post(f"/governance/azioni/{followup.pk}/fatto/", {"next": "/"}).status_code == 302
    assert FollowUp.objects.get(pk=followup.pk).fatto_il == timezone.localdate()
    assert "Preparare il report" not in client.get("/").content.decode()


def test_the_signin_sheet_is_a_pdf_with_the_members(world, login):
    response = login("rt").get(f"/governance/riunioni/{past_meeting(world).pk}/foglio-firme/")
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Foglio firme" in text and "Dott.ssa Neri" in text and "Avvio della terza implementazione" in text


def test_another_ambito_never_sees_the_body(world, login):
    assert login("rt_altro").get(f"/governance/organismi/{cabina(world).pk}/").status_code == 404


def test_the_signin_sheet_is_archivable_and_names_each_members_ente(world, login):
    meeting = past_meeting(world)
    world.ambito.capofila = world.comune
    world.ambito.save()
    asst = EnteFactory(ambito=world.ambito, tipo="asst", nome="ASST Brianza")
    world.casemanager.memberships.update(ente=asst)
    BodyMember.objects.create(body=meeting.body, user=world.casemanager)
    response = login("rt").get(f"/governance/riunioni/{meeting.pk}/foglio-firme/")
    text = "\n".join(archival_pdf(response.content, title="Foglio firme", author="Comune di Seregno"))
    assert "ASST Brianza" in text  # a member with a login is of their membership's ente
    assert "Ambito di Seregno" in text and "Seregno, " in text  # letterhead, place and date
