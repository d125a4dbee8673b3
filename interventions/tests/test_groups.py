"""Groups of parents and children: the module's schedule, enrolment, attendance, learning points."""

import uuid
from datetime import date, time, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.testing import today
from interventions import services
from interventions.models import Gruppo, Incontro, Iscrizione, Presenza
from interventions.testing import parents_group, start_path


def post_group(client, **overrides):
    data = {"nome": "Genitori in cammino", "tipo": "genitori", "sede": "Centro per le famiglie",
            "frequenza": "quindicinale", "n_incontri": "7", "data_inizio": "2026-09-03", "ora_inizio": "17:30",
            "ora_fine": "19:00", "supporti": ["merenda", "custodia"], "form_token": str(uuid.uuid4())}
    data.update(overrides)
    if "facilitatori" not in overrides:
        data["facilitatori"] = [client.session["_auth_user_id"]]
    return client.post("/interventi/gruppi/nuovo/", data)


def test_create_a_group_generates_the_module_schedule(world, login):
    client = login("educatore")
    response = post_group(client)
    group = Gruppo.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/interventi/gruppi/{group.pk}/"
    dates = list(group.incontri.values_list("data", flat=True))
    assert dates == [date(2026, 9, 3) + timedelta(days=14 * i) for i in range(7)]
    assert {m.durata_minuti for m in group.incontri.all()} == {90}
    assert group.supporti == ["merenda", "custodia"]
    assert group.conduzione.get().ruolo == "educatore"


def test_the_group_list_shows_each_groups_first_and_last_meeting(world, login):
    group = parents_group(world)
    meetings = list(group.incontri.order_by("data").values_list("data", flat=True))
    response = login("educatore").get("/interventi/gruppi/")
    assert response.status_code == 200
    assert f"{meetings[0]:%d/%m/%Y}–{meetings[-1]:%d/%m/%Y}" in response.content.decode()


@pytest.mark.parametrize(("overrides", "field", "message"), [
    ({"n_incontri": "5"}, "n_incontri", "Un modulo ha da 6 a 8 incontri."),
    ({"ora_fine": "17:00"}, "ora_fine", "L'ora di fine deve essere dopo l'ora di inizio."),
])
def test_bad_group_is_refused(world, login, overrides, field, message):
    response = post_group(login("educatore"), **overrides)
    assert response.status_code == 200 and message in response.context["form"].errors[field][0]
    assert not Gruppo.objects.exists() and not Incontro.objects.exists()


def test_double_submission_creates_one_group(world, login):
    client = login("educatore")
    token = str(uuid.uuid4())
    post_group(client, form_token=token)
    assert post_group(client, form_token=token).status_code == 302
    assert Gruppo.objects.count() == 1 and Incontro.objects.count() == 7


def test_attendance_only_for_enrolled_participants(world, login):
    group = parents_group(world)
    start_path(world.other_equipe_family, included=date(2025, 1, 1))
    stranger = Iscrizione.objects.create(gruppo=Gruppo.objects.create(ambito=world.ambito, nome="Altro",
                                                                      tipo="bambini", sede="Scuola"),
                                         persona=world.other_equipe_family.persone.first(),
                                         family=world.other_equipe_family)
    meeting = group.incontri.get(numero=1)
    with pytest.raises(ValidationError) as error:
        services.incontro_update(incontro=meeting, by=world.educatore, data=meeting.data,
                                 ora_inizio=meeting.ora_inizio, ora_fine=meeting.ora_fine, presenti=[stranger])
    assert "solo chi è iscritto a questo gruppo" in error.value.message_dict["presenti"][0]
    response = login("educatore").post(f"/interventi/gruppi/{group.pk}/incontri/1/", {
        "data": meeting.data.isoformat(), "ora_inizio": "17:00", "ora_fine": "19:00", "presenti": [stranger.pk],
        "note": "Non salvare"})
    assert response.status_code == 200
    assert "solo chi è iscritto" in response.context["form"].errors["presenti"][0]
    meeting.refresh_from_db()
    assert not Presenza.objects.exists() and meeting.note == ""


def test_attendance_notes_and_learning_points_reach_the_family_equipe(world, login):
    start_path(world.family, included=date(2025, 12, 1))
    group = parents_group(world)
    enrolled = group.iscrizioni.get()
    response = login("educatore").post(f"/interventi/gruppi/{group.pk}/incontri/1/", {
        "data": "2026-01-08", "ora_inizio": "17:00", "ora_fine": "19:00", "sede": "Biblioteca civica",
        "svolto": "on", "presenti": [enrolled.pk], "note": "Clima sereno",
        "apprendimenti": "Maria ha raccontato la routine della sera: riprenderla nella visita domiciliare."})
    assert response.status_code == 302
    assert Presenza.objects.get().iscrizione == enrolled
    assert group.incontri.get(numero=1).svolto
    page = login("casemanager").get(f"/famiglie/{world.family.pk}/interventi/").content.decode()
    assert "riprenderla nella visita domiciliare" in page
    # The teacher does not see what the groups bring back (case narratives).
    assert "riprenderla" not in login("insegnante").get(f"/famiglie/{world.family.pk}/interventi/").content.decode()


def test_future_meeting_refuses_attendance(world):
    group = parents_group(world, start=today() + timedelta(days=3))
    meeting = group.incontri.get(numero=1)
    with pytest.raises(ValidationError):
        services.incontro_update(incontro=meeting, by=world.educatore, data=meeting.data,
                                 ora_inizio=time(17, 0), ora_fine=time(19, 0), presenti=[group.iscrizioni.get()])


def test_enrol_only_people_of_families_the_user_follows(world, login):
    group = parents_group(world)
    stranger = world.other_equipe_family.persone.first()
    with pytest.raises(ValidationError) as error:
        services.iscrizione_add(gruppo=group, by=world.educatore, persona=stranger)
    assert "famiglie che segui" in error.value.message_dict["persona"][0]
    with pytest.raises(PermissionDenied):
        services.iscrizione_add(gruppo=group, by=world.casemanager, persona=world.family.persone.last())
    luca = world.family.persone.get(nome="Luca")
    response = login("educatore").post(f"/interventi/gruppi/{group.pk}/iscrivi/", {"persona": luca.pk})
    assert response.status_code == 302 and group.iscrizioni.count() == 2
    # Another family's participant, enrolled by the RT, is counted but never named to the educator.
    services.iscrizione_add(gruppo=group, by=world.rt, persona=stranger)
    page = login("educatore").get(f"/interventi/gruppi/{group.pk}/").content.decode()
    assert "Giada" not in page and "1 partecipante di altre famiglie" in page
    assert "Giada" in login("rt").get(f"/interventi/gruppi/{group.pk}/").content.decode()


def test_group_of_another_equipe_is_not_found(world, login):
    group = parents_group(world)
    assert login("educatore2").get(f"/interventi/gruppi/{group.pk}/").status_code == 404
    assert login("rt_altro").get(f"/interventi/gruppi/{group.pk}/incontri/1/").status_code == 404
