"""The member's appointments (visits, groups, school, plan reviews) and the reminders by e-mail."""

from datetime import time, timedelta

import pytest
from django.core import mail
from django.core.management import call_command

from core.testing import today
from interventions.models import Incontro, Intervento
from interventions.testing import parents_group, start_path
from portal import services
from portal.models import Promemoria
from scuola.tests.helpers import meeting


@pytest.fixture
def family(world):
    family = start_path(world.family, included=today() - timedelta(days=60))
    world.genitore.email = "maria@example.org"
    world.genitore.save()
    return family


def visit(family, by, day, start=time(15, 0)):
    return Intervento.objects.create(family=family, ambito=family.ambito, operatore=by, data=day, ora_inizio=start,
                                     ora_fine=time(start.hour + 1, 0), durata_minuti=60, servizio="educativa",
                                     ruolo="educatore", luogo="casa", note_equipe="Nota riservata dell'équipe")


def test_the_member_sees_visits_groups_and_school_meetings_but_no_notes(world, family, login):
    visit(family, world.educatore, today() + timedelta(days=2))
    visit(family, world.educatore, today() - timedelta(days=2))  # past: not an appointment
    group = parents_group(world, start=today() + timedelta(days=3))
    school = meeting(world)
    type(school).objects.filter(pk=school.pk).update(data=today() + timedelta(days=4))
    visit(world.other_equipe_family, world.educatore2, today() + timedelta(days=1))  # another family's
    page = login("genitore").get("/famiglia/appuntamenti/").content.decode()
    assert "Incontro con l&#x27;educatore o l&#x27;educatrice" in page and "a casa" in page
    assert f'Incontro del gruppo «<span lang="it" dir="ltr">{group.nome}</span>»' in page and "Biblioteca civica" in page
    assert "Incontro a scuola" in page and "IC Seregno" in page
    assert page.count("Incontro con l&#x27;educatore") == 1
    assert "Nota riservata" not in page


def test_appointments_are_in_the_members_language(world, family, login):
    services.language_set(user=world.genitore, language="fr")
    visit(family, world.educatore, today() + timedelta(days=2))
    page = login("genitore").get("/famiglia/appuntamenti/").content.decode()
    assert "Rencontre avec l&#x27;éducateur ou l&#x27;éducatrice" in page and "à la maison" in page


def test_reminders_are_sent_once_in_the_members_language_and_only_for_tomorrow(world, family, login):
    services.language_set(user=world.genitore, language="en")
    visit(family, world.educatore, today() + timedelta(days=1))
    visit(family, world.educatore, today() + timedelta(days=5))  # too far ahead
    visit(family, world.educatore, today() - timedelta(days=1))  # past
    visit(world.other_equipe_family, world.educatore2, today() + timedelta(days=1))  # no portal member
    call_command("send_portal_reminders", stdout=None)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["maria@example.org"] and message.subject.startswith("Reminder: appointment on")
    assert "Meeting with the educator" in message.body and "Nota riservata" not in message.body
    call_command("send_portal_reminders")  # run again: nothing new
    assert len(mail.outbox) == 1 and Promemoria.objects.count() == 1
    # The portal's first page shows it too.
    assert "Reminder" in login("genitore").get("/famiglia/").content.decode()


def test_a_group_meeting_reminder_reaches_the_enrolled_family(world, family):
    group = parents_group(world, start=today() + timedelta(days=1))
    assert services.reminders_send() == 1
    assert group.nome in mail.outbox[0].body
    Incontro.objects.filter(gruppo=group).update(data=today() + timedelta(days=10))
    assert services.reminders_send() == 0


def test_members_without_an_email_get_no_mail_but_see_the_notice(world, family, login):
    world.genitore.email = ""
    world.genitore.save()
    visit(family, world.educatore, today() + timedelta(days=1))
    assert services.reminders_send() == 0 and not mail.outbox
    assert "Promemoria" in login("genitore").get("/famiglia/").content.decode()
