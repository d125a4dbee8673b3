import uuid
from datetime import date

from core.testing import cf_for
from families.models import Family, PathEvent, Person, Stato


def person_rows(rows: list[dict], extra_empty: int = 2) -> dict:
    data = {"persone-TOTAL_FORMS": str(len(rows) + extra_empty), "persone-INITIAL_FORMS": "0",
            "persone-MIN_NUM_FORMS": "0", "persone-MAX_NUM_FORMS": "20"}
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"persone-{index}-{key}"] = value
    return data


def four_people() -> list[dict]:
    return [
        {"cognome": "Esposito", "nome": "Carla", "sesso": "F", "ruolo": "madre", "data_nascita": "1987-06-01",
         "codice_fiscale": cf_for("Esposito", "Carla", "F", date(1987, 6, 1)), "cittadinanza": "Italiana",
         "lingue": "italiano", "partecipa_equipe": "on"},
        {"cognome": "El Amrani", "nome": "Said", "sesso": "M", "ruolo": "padre", "data_nascita": "1984-02-11",
         "codice_fiscale": cf_for("El Amrani", "Said", "M", date(1984, 2, 11), "Marocco"),
         "cittadinanza": "Marocchina", "lingue": "arabo, francese", "mediazione_culturale": "on"},
        {"cognome": "El Amrani", "nome": "Yasmin", "sesso": "F", "ruolo": "minore", "data_nascita": "2019-09-20",
         "target": "on"},
        {"cognome": "El Amrani", "nome": "Adam", "sesso": "M", "ruolo": "minore", "data_nascita": "2022-01-05",
         "codice_fiscale": cf_for("El Amrani", "Adam", "M", date(2022, 1, 5))},
    ]


def form_data(world, people: list[dict] | None = None, **overrides) -> dict:
    data = {"form_token": str(uuid.uuid4()), "nome": "Famiglia Esposito El Amrani", "comune": world.comune.pk,
            "equipe": world.equipe.pk, "data_segnalazione": "2026-11-02",
            "motivo_segnalazione": "Segnalata dal consultorio.",
            **person_rows(four_people() if people is None else people)}
    data.update(overrides)
    return data


def test_case_manager_registers_a_family_with_two_parents_and_two_children(world, login):
    response = login("casemanager").post("/famiglie/nuova/", form_data(world))
    family = Family.objects.get(nome="Famiglia Esposito El Amrani")
    assert response.status_code == 302 and response["Location"] == f"/famiglie/{family.pk}/"
    assert family.stato == Stato.SEGNALATA and family.equipe == world.equipe
    assert family.segnalata_da == world.casemanager
    people = {p.nome: p for p in family.persone.all()}
    assert set(people) == {"Carla", "Said", "Yasmin", "Adam"}
    assert people["Yasmin"].target and not people["Adam"].target
    assert people["Said"].mediazione_culturale and people["Said"].codice_fiscale.startswith("LMR")
    assert PathEvent.objects.filter(family=family, to_state=Stato.SEGNALATA).count() == 1
    page = login("casemanager").get(f"/famiglie/{family.pk}/").content.decode()
    assert "Yasmin" in page and "Said" in page and "Segnalata" in page


def test_a_double_submission_creates_one_family(world, login):
    client = login("casemanager")
    data = form_data(world)
    first = client.post("/famiglie/nuova/", data)
    second = client.post("/famiglie/nuova/", data, follow=True)
    assert Family.objects.filter(nome="Famiglia Esposito El Amrani").count() == 1
    assert Person.objects.filter(nome="Yasmin").count() == 1
    assert second.redirect_chain[-1][0] == first["Location"]
    assert "già stato inviato" in second.content.decode()


def test_an_invalid_codice_fiscale_is_shown_in_italian_and_nothing_is_saved(world, login):
    rows = four_people()
    rows[1]["codice_fiscale"] = "LMRSDA84B11Z33"
    response = login("casemanager").post("/famiglie/nuova/", form_data(world, people=rows))
    assert response.status_code == 200
    assert "non è valido" in response.content.decode()
    assert not Family.objects.filter(nome="Famiglia Esposito El Amrani").exists()
    assert not Person.objects.filter(nome__in=["Carla", "Yasmin"]).exists()


def test_a_target_child_too_old_is_shown_on_its_row(world, login):
    rows = four_people()
    rows[2]["data_nascita"] = "2008-09-20"
    response = login("casemanager").post("/famiglie/nuova/", form_data(world, people=rows))
    assert "fino a 14 anni" in response.content.decode()
    assert not Family.objects.filter(nome="Famiglia Esposito El Amrani").exists()


def test_a_family_needs_at_least_one_member(world, login):
    response = login("casemanager").post("/famiglie/nuova/", form_data(world, people=[]))
    assert "almeno un componente" in response.content.decode()
    assert not Family.objects.filter(nome="Famiglia Esposito El Amrani").exists()


def test_a_case_manager_cannot_assign_another_equipe(world, login):
    response = login("casemanager").post("/famiglie/nuova/", form_data(world, equipe=world.other_equipe.pk))
    assert response.status_code == 200
    assert not Family.objects.filter(nome="Famiglia Esposito El Amrani").exists()


def test_the_tutor_registers_a_family_without_equipe_and_sees_it(world, login):
    client = login("tutor")
    response = client.post("/famiglie/nuova/", form_data(world, equipe=""))
    family = Family.objects.get(nome="Famiglia Esposito El Amrani")
    assert response.status_code == 302 and family.equipe is None and family.segnalata_da == world.tutor
    assert client.get(f"/famiglie/{family.pk}/").status_code == 200


def test_the_member_row_partial_renders_an_empty_row_with_its_index(world, login):
    response = login("casemanager").get("/famiglie/nuova/riga-componente/?index=6")
    html = response.content.decode()
    assert 'name="persone-6-cognome"' in html and "person-row" in html
    assert 'name="persone-6-codice_fiscale"' in html


def test_the_member_row_partial_survives_a_bad_index(world, login):
    response = login("casemanager").get("/famiglie/nuova/riga-componente/?index=abc")
    assert response.status_code == 200 and 'name="persone-0-cognome"' in response.content.decode()
