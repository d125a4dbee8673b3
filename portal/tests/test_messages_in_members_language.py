"""The texts that reach a member outside the portal (the invitation to copy, the reminders) are in their language."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext

from common.i18n import FAMILY_LANGUAGE_CODES
from core.testing import PersonFactory, today
from families.models import Person
from interventions.testing import start_path
from portal import services

from .test_appointments_and_reminders import visit

FSI, PDI = "\u2068", "\u2069"
HELLO = {"it": "Ciao", "ar": "مرحبًا", "en": "Hello", "fr": "Bonjour", "es": "Hola", "ro": "Bună", "sq": "Përshëndetje",
         "uk": "Вітаємо", "zh-hans": "您好"}


@pytest.fixture
def father(world):
    return PersonFactory(family=world.family, cognome="Bianchi", nome="Paolo", sesso="M", ruolo=Person.Ruolo.PADRE,
                         data_nascita=date(1985, 3, 1))


def _invitation_text(html: str) -> tuple[str, str]:
    start = html.index('<textarea id="invite-text"')
    tag, rest = html[start:].split(">", 1)
    return tag, rest.split("</textarea>", 1)[0]


@pytest.mark.parametrize("code", FAMILY_LANGUAGE_CODES)
def test_the_invitation_to_copy_is_written_in_the_chosen_language(world, father, login, code):
    response = login("casemanager").post(f"/famiglie/{world.family.pk}/portale/invito/",
                                         {"person": father.pk, "language": code})
    html = response.content.decode()
    tag, text = _invitation_text(html)
    assert HELLO[code] in text and "/famiglia/invito/" in text
    assert f'lang="{code}"' in tag and f'dir="{"rtl" if code == "ar" else "ltr"}"' in tag
    # The page around it stays Italian: it is the case manager's.
    assert '<html lang="it"' in html


def test_in_arabic_the_name_and_the_link_keep_their_own_direction(world, father, login):
    html = login("casemanager").post(f"/famiglie/{world.family.pk}/portale/invito/",
                                     {"person": father.pk, "language": "ar"}).content.decode()
    _tag, text = _invitation_text(html)
    assert f"{FSI}Paolo{PDI}" in text and f"{FSI}http://testserver/famiglia/invito/" in text


@pytest.mark.parametrize("code", ["ar", "zh-hans", "uk"])
def test_reminders_are_written_in_the_members_language(world, code):
    family = start_path(world.family, included=today() - timedelta(days=60))
    world.genitore.email = "maria@example.org"
    world.genitore.save()
    services.language_set(user=world.genitore, language=code)
    visit(family, world.educatore, today() + timedelta(days=1))
    call_command("send_portal_reminders", stdout=None)
    message = mail.outbox[0]
    with translation.override(code):
        closing = gettext("Se non puoi venire, scrivi al tuo case manager dal portale della famiglia.")
        subject_start = gettext("Promemoria: appuntamento del %(day)s").split("%(day)s")[0]
    assert closing != "Se non puoi venire, scrivi al tuo case manager dal portale della famiglia."
    assert closing in message.body and message.subject.startswith(subject_start)
    assert "Ciao" not in message.body
    if code == "ar":  # the Latin-script name stays whole inside the Arabic greeting
        assert f"{FSI}{world.genitore.persona.nome}{PDI}" in message.body
