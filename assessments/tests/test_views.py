import html

from django.core.files.uploadedfile import SimpleUploadedFile

from assessments.models import Response
from assessments.selectors import current_instrument_version
from core.testing import main_of, submit_mdb


def test_the_case_manager_starts_fills_and_submits_through_the_pages(world, login):
    client = login("casemanager")
    version = current_instrument_version("mondo_del_bambino")
    child = world.family.persone.get(nome="Luca")
    response = client.post(f"/famiglie/{world.family.pk}/valutazioni/", {
        "instrument": version.pk, "person": child.pk, "time_point": "T0", "perspective": "operatore",
        "date": "2026-11-01"})
    assert response.status_code == 302
    draft = Response.objects.get(family=world.family, person=child)
    page = client.get(response["Location"]).content.decode()
    assert "Salute e crescita" in page and "Grave problema" in page
    data = {"version": draft.version, **{i.code: "4" for i in version.parsed.items}, "nota__casa": "Casa piccola."}
    submitted = client.post(response["Location"], {**data, "invia": "1"})
    assert submitted.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Response.Status.SUBMITTED and draft.answers.get(item_code="casa").note == "Casa piccola."


def test_missing_items_on_submit_are_listed_and_the_draft_is_kept(world, login):
    client = login("casemanager")
    version = current_instrument_version("mondo_del_bambino")
    child = world.family.persone.get(nome="Luca")
    client.post(f"/famiglie/{world.family.pk}/valutazioni/", {
        "instrument": version.pk, "person": child.pk, "time_point": "T0", "perspective": "operatore",
        "date": "2026-11-01"})
    draft = Response.objects.get(family=world.family, person=child)
    response = client.post(f"/famiglie/{world.family.pk}/valutazioni/{draft.pk}/",
                           {"version": draft.version, "casa": "3", "invia": "1"})
    html = response.content.decode()
    assert response.status_code == 422 and "mancano" in html and "Gioco e tempo libero" in html
    draft.refresh_from_db()
    assert draft.status == Response.Status.DRAFT and draft.answers.get(item_code="casa").number == 3


def test_a_forged_rating_gets_a_clear_message(world, login):
    client = login("casemanager")
    version = current_instrument_version("mondo_del_bambino")
    child = world.family.persone.get(nome="Luca")
    client.post(f"/famiglie/{world.family.pk}/valutazioni/", {
        "instrument": version.pk, "person": child.pk, "time_point": "T0", "perspective": "operatore",
        "date": "2026-11-01"})
    draft = Response.objects.get(family=world.family, person=child)
    response = client.post(f"/famiglie/{world.family.pk}/valutazioni/{draft.pk}/", {"version": draft.version, "casa": "12"})
    assert response.status_code == 422 and "il punteggio deve essere tra 1 e 6" in response.content.decode()


def test_t1_before_t0_is_explained_on_the_page(world, login):
    version = current_instrument_version("mondo_del_bambino")
    response = login("casemanager").post(f"/famiglie/{world.family.pk}/valutazioni/", {
        "instrument": version.pk, "person": world.family.persone.get(nome="Luca").pk, "time_point": "T1",
        "perspective": "operatore", "date": "2026-11-01"})
    assert response.status_code == 422 and "prima di aver completato la T0" in response.content.decode()


def test_the_teacher_does_not_see_the_equipes_assessments(world, login):
    submit_mdb(world.family, world.family.persone.get(nome="Luca"), world.casemanager)
    html = login("insegnante").get(f"/famiglie/{world.family.pk}/valutazioni/").content.decode()
    assert "Nessuna valutazione ancora" in html


def test_the_mdb_page_draws_the_triangle_and_the_change(world, login):
    child = world.family.persone.get(nome="Luca")
    submit_mdb(world.family, child, world.casemanager, time_point="T0", score=2)
    submit_mdb(world.family, child, world.casemanager, time_point="T1", score=4)
    html = login("educatore").get(f"/famiglie/{world.family.pk}/valutazioni/mondo-del-bambino/{child.pk}/").content.decode()
    assert "<svg" in main_of(html) and "Triangolo del Mondo del Bambino al T1" in html
    assert "+2,0" in html and "Narrazione casa" in html


def test_the_mdb_page_refuses_a_non_target_member(world, login):
    mother = world.family.persone.get(nome="Maria")
    assert login("casemanager").get(
        f"/famiglie/{world.family.pk}/valutazioni/mondo-del-bambino/{mother.pk}/").status_code == 404


AMBITO_TOML = """
code = "questionario_ambito"
version = 1
title = "Questionario dell'ambito"
[[sections]]
code = "a"
title = "Parte A"
[[sections.items]]
code = "umore"
label = "Umore del bambino"
type = "scale"
min = 0
max = 3
required = true
"""


def test_the_rt_publishes_an_ambito_instrument_and_the_equipe_can_use_it(world, login):
    client = login("rt")
    upload = SimpleUploadedFile("q.toml", AMBITO_TOML.encode(), content_type="application/toml")
    response = client.post("/strumenti/", {"file": upload})
    assert response.status_code == 302
    # Unescaped: the title is in a dropdown's option, which the forms' renderer escapes its own way.
    page = html.unescape(login("casemanager").get(f"/famiglie/{world.family.pk}/valutazioni/").content.decode())
    assert "Questionario dell'ambito" in page
    other = login("rt_altro").get(f"/famiglie/{world.other_ambito_family.pk}/valutazioni/").content.decode()
    assert "Questionario dell'ambito" not in html.unescape(other)


def test_a_broken_instrument_is_explained(world, login):
    response = login("rt").post("/strumenti/", {"definition": AMBITO_TOML.replace('type = "scale"', 'type = "slider"')})
    assert response.status_code == 422 and "Tipo di domanda sconosciuto" in response.content.decode()
    response = login("rt").post("/strumenti/", {"definition": ""})
    assert response.status_code == 422 and "Incolla la definizione" in response.content.decode()
