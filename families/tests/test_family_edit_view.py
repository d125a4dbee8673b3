from audit.models import AuditEntry
from families.models import Family


def edit_data(family, **overrides):
    data = {"nome": family.nome, "comune": family.comune_id, "equipe": family.equipe_id or "",
            "data_segnalazione": "2026-10-01", "motivo_segnalazione": "Motivo", "version": family.version}
    data.update(overrides)
    return data


def test_case_manager_edits_the_family_and_the_change_is_audited(world, login):
    response = login("casemanager").post(f"/famiglie/{world.family.pk}/modifica/",
                                         edit_data(world.family, nome="Famiglia Bianchi-Rossi"))
    assert response.status_code == 302
    family = Family.objects.get(pk=world.family.pk)
    assert family.nome == "Famiglia Bianchi-Rossi" and family.version == world.family.version + 1
    entry = AuditEntry.objects.filter(family=family, action=AuditEntry.Action.UPDATE).latest("timestamp")
    assert entry.changes["nome"] == ["Famiglia Bianchi", "Famiglia Bianchi-Rossi"]
    assert entry.actor == world.casemanager and entry.ambito == world.ambito


def test_a_concurrent_edit_is_refused_and_the_users_input_is_kept(world, login):
    stale = edit_data(world.family, nome="Versione di Chiara")
    login("rt").post(f"/famiglie/{world.family.pk}/modifica/", edit_data(world.family, nome="Versione della RT"))
    response = login("casemanager").post(f"/famiglie/{world.family.pk}/modifica/", stale)
    html = response.content.decode()
    assert response.status_code == 409
    assert "Nel frattempo qualcun altro" in html
    assert 'value="Versione di Chiara"' in html  # the user's input is still in the form
    assert "Versione della RT" in html  # and the other's change is shown
    assert Family.objects.get(pk=world.family.pk).nome == "Versione della RT"
    # Saving again from the refreshed form now works.
    version = Family.objects.get(pk=world.family.pk).version
    again = login("casemanager").post(f"/famiglie/{world.family.pk}/modifica/",
                                      edit_data(world.family, nome="Versione di Chiara", version=version))
    assert again.status_code == 302 and Family.objects.get(pk=world.family.pk).nome == "Versione di Chiara"


def test_a_future_segnalazione_date_is_refused(world, login):
    response = login("casemanager").post(f"/famiglie/{world.family.pk}/modifica/",
                                         edit_data(world.family, data_segnalazione="2999-01-01"))
    assert response.status_code == 200 and "futuro" in response.content.decode()


def test_a_case_manager_cannot_move_a_family_to_an_equipe_they_do_not_manage(world, login):
    response = login("casemanager").post(f"/famiglie/{world.family.pk}/modifica/",
                                         edit_data(world.family, equipe=world.other_equipe.pk))
    assert response.status_code == 200
    assert Family.objects.get(pk=world.family.pk).equipe == world.equipe


def test_rt_reassigns_the_family_to_another_equipe(world, login):
    response = login("rt").post(f"/famiglie/{world.family.pk}/modifica/",
                                edit_data(world.family, equipe=world.other_equipe.pk))
    assert response.status_code == 302
    assert Family.objects.get(pk=world.family.pk).equipe == world.other_equipe
    # ...and the old équipe's educator no longer reaches it.
    assert login("educatore").get(f"/famiglie/{world.family.pk}/").status_code == 404
    assert login("educatore2").get(f"/famiglie/{world.family.pk}/").status_code == 200


def test_person_edit_detects_a_concurrent_change(world, login):
    person = world.family.persone.get(nome="Maria")
    base = {"cognome": "Bianchi", "nome": "Maria", "sesso": "F", "ruolo": "madre", "data_nascita": "1990-05-17",
            "version": person.version}
    assert login("rt").post(f"/famiglie/{world.family.pk}/componenti/{person.pk}/modifica/",
                            {**base, "lingue": "italiano"}).status_code == 302
    response = login("casemanager").post(f"/famiglie/{world.family.pk}/componenti/{person.pk}/modifica/",
                                         {**base, "lingue": "italiano, inglese"})
    assert response.status_code == 409 and 'value="italiano, inglese"' in response.content.decode()


def test_an_empty_segnalazione_date_is_refused_with_a_message(world, login):
    response = login("casemanager").post(f"/famiglie/{world.family.pk}/modifica/",
                                         edit_data(world.family, data_segnalazione=""))
    assert response.status_code == 200 and "Indica la data della segnalazione." in response.content.decode()
    assert Family.objects.get(pk=world.family.pk).version == world.family.version
