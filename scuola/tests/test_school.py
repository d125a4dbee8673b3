"""The school partnership: school, class and reference teacher of each child; meetings with the school."""

import uuid
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from audit.models import AuditEntry
from core.testing import EnteFactory, member, today
from families.policies import can_see_case_notes
from organisation.models import Ente, EquipeMember, Professione, Role
from scuola import services
from scuola.models import Frequenza, IncontroScuola
from scuola.tests.helpers import frequenza, meeting, school


def school_post(world, **overrides):
    data = {"person": world.family.persone.get(nome="Luca").pk, "scuola": school(world).pk,
            "anno_scolastico": "2026/2027", "classe": "1ª A", "insegnante": "", "insegnante_nome": ""}
    data.update(overrides)
    return data


def meeting_post(world, **overrides):
    data = {"scuola": school(world).pk, "data": today().isoformat(), "ora_inizio": "16:30",
            "ora_fine": "17:30", "tema": "Come va in classe", "partecipanti": "la mamma, la maestra",
            "esito": "", "prossimi_passi": "", "form_token": str(uuid.uuid4())}
    data.update(overrides)
    return data


def test_case_manager_records_the_school_and_seats_the_teacher_in_the_equipe_with_the_restricted_view(world, login):
    teacher = member(world.ambito, Role.OPERATORE, username="maestra", professione=Professione.INSEGNANTE)
    client = login("casemanager")
    response = client.post(f"/famiglie/{world.family.pk}/scuola/frequenza/nuova/",
                           school_post(world, insegnante=teacher.pk, add_teacher_to_equipe="on"))
    assert response.status_code == 302
    saved = Frequenza.objects.get(family=world.family)
    assert (saved.classe, saved.anno_scolastico, saved.insegnante) == ("1ª A", "2026/2027", teacher)
    seat = EquipeMember.objects.get(equipe=world.equipe, user=teacher)
    assert seat.professione == Professione.INSEGNANTE and seat.ente == school(world)
    # The teacher now opens the family, without the case's narratives.
    assert login("maestra").get(f"/famiglie/{world.family.pk}/scuola/").status_code == 200
    teacher.refresh_from_db()
    assert not can_see_case_notes(teacher, world.family)
    page = client.get(f"/famiglie/{world.family.pk}/scuola/").content.decode()
    assert "IC Seregno, 1ª A" in page and "2026/2027" in page


@pytest.mark.parametrize(("overrides", "field", "message"), [
    ({"anno_scolastico": "2026-27"}, "anno_scolastico", "2026/2027"),
    ({"anno_scolastico": "2026/2028"}, "anno_scolastico", "2026/2027"),
    ({"classe": "  "}, "classe", "classe"),
    ({"person": "mother"}, "person", "bambino o ragazzo della famiglia"),
    ({"scuola": "other_ambito"}, "scuola", "scuola dell'ambito"),
    ({"insegnante": "educatore"}, "insegnante", "insegnante registrato"),
])
def test_bad_school_data_is_refused_and_nothing_is_saved(world, overrides, field, message):
    values = {"person": world.family.persone.get(nome="Luca"), "scuola": school(world),
              "anno_scolastico": "2026/2027", "classe": "1ª A", "insegnante": None}
    for key, value in overrides.items():
        if value == "mother":
            value = world.family.persone.get(nome="Maria")
        elif value == "other_ambito":
            value = EnteFactory(ambito=world.other_ambito, tipo=Ente.Tipo.SCUOLA, nome="IC Monza")
        elif value == "educatore":
            value = world.educatore
        values[key] = value
    with pytest.raises(ValidationError) as error:
        services.frequenza_save(family=world.family, by=world.casemanager, **values)
    assert message in " ".join(error.value.message_dict[field])
    assert not Frequenza.objects.exists()


def test_the_same_child_cannot_have_two_schools_in_one_year(world):
    frequenza(world)
    with pytest.raises(ValidationError) as error:
        services.frequenza_save(family=world.family, by=world.casemanager, person=world.family.persone.get(nome="Luca"),
                                scuola=school(world), anno_scolastico="2026/2027", classe="1ª B")
    assert "già indicata" in error.value.message_dict["anno_scolastico"][0]


def test_a_stale_correction_keeps_the_input_and_says_so(world, login):
    current = frequenza(world)
    Frequenza.objects.filter(pk=current.pk).update(version=current.version + 1)
    response = login("casemanager").post(f"/famiglie/{world.family.pk}/scuola/frequenza/{current.pk}/",
                                         school_post(world, classe="1ª C", version=current.version))
    assert response.status_code == 409
    assert "Nel frattempo" in response.content.decode() and "1ª C" in response.content.decode()
    assert Frequenza.objects.get(pk=current.pk).classe == "1ª A"


def test_teacher_records_a_meeting_once_even_if_submitted_twice(world, login):
    client = login("insegnante")
    data = meeting_post(world, esito="Luca partecipa di più.")
    assert client.post(f"/famiglie/{world.family.pk}/scuola/incontri/nuovo/", data).status_code == 302
    assert client.post(f"/famiglie/{world.family.pk}/scuola/incontri/nuovo/", data).status_code == 302
    saved = IncontroScuola.objects.get()
    assert saved.created_by == world.insegnante and saved.esito == "Luca partecipa di più."
    assert "Come va in classe" in client.get(f"/famiglie/{world.family.pk}/scuola/").content.decode()


@pytest.mark.parametrize(("overrides", "field", "message"), [
    ({"ora_fine": "16:00"}, "ora_fine", "dopo l'ora di inizio"),
    ({"tema": " "}, "tema", "obbligatorio"),
    ({"data": "2000-01-10"}, "data", "precedente alla segnalazione"),
])
def test_bad_meetings_are_refused(world, login, overrides, field, message):
    response = login("casemanager").post(f"/famiglie/{world.family.pk}/scuola/incontri/nuovo/",
                                         meeting_post(world, **overrides))
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    assert not IncontroScuola.objects.exists()


def test_the_outcome_is_recorded_after_the_meeting_not_before(world, login):
    future = meeting(world)
    IncontroScuola.objects.filter(pk=future.pk).update(data=today() + timedelta(days=3))
    future.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.incontro_scuola_esito(incontro=future, by=world.insegnante, version=future.version, esito="Bene")
    assert "non si è ancora svolto" in error.value.message_dict["esito"][0]
    IncontroScuola.objects.filter(pk=future.pk).update(data=today() - timedelta(days=1))
    response = login("insegnante").post(f"/famiglie/{world.family.pk}/scuola/incontri/{future.pk}/esito/",
                                        {"esito": "Bene, si è inserito.", "prossimi_passi": "Rivedersi a dicembre",
                                         "version": future.version})
    assert response.status_code == 302
    assert IncontroScuola.objects.get(pk=future.pk).esito == "Bene, si è inserito."


def test_school_meetings_show_in_the_family_and_teacher_calendars(world, login):
    frequenza(world)
    held = meeting(world)
    IncontroScuola.objects.filter(pk=held.pk).update(data=today())
    month = f"?vista=mese&data={today().isoformat()}"
    assert "Inserimento in prima" in login("casemanager").get(
        f"/famiglie/{world.family.pk}/interventi/calendario/{month}").content.decode()
    assert "Inserimento in prima" in login("insegnante").get(f"/interventi/calendario/{month}").content.decode()
    assert "Inserimento in prima" not in login("educatore2").get(f"/interventi/calendario/{month}").content.decode()


def test_the_school_page_is_audit_logged(world, login):
    login("insegnante").get(f"/famiglie/{world.family.pk}/scuola/")
    assert AuditEntry.objects.filter(actor=world.insegnante, family_id=world.family.pk,
                                     action=AuditEntry.Action.ACCESS).exists()


def test_school_year_starts_in_september():
    assert services.current_school_year(date(2026, 9, 1)) == "2026/2027"
    assert services.current_school_year(date(2027, 8, 31)) == "2026/2027"
