from audit.models import AuditEntry


def test_the_family_page_shows_members_equipe_and_timeline(world, login):
    html = login("casemanager").get(f"/famiglie/{world.family.pk}/").content.decode()
    assert "Maria Bianchi" in html and "Luca Bianchi" in html
    assert "Équipe Uno" in html and "Il percorso" in html and "Segnalata" in html
    assert "Prossimo passaggio" in html  # the case manager can move the path


def test_opening_a_family_is_audit_logged(world, login):
    login("educatore").get(f"/famiglie/{world.family.pk}/")
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS, family=world.family).latest("timestamp")
    assert entry.actor == world.educatore and entry.ambito == world.ambito


def test_it_hides_the_case_narrative_from_teachers(world, login):
    assert "Narrazione riservata" not in login("insegnante").get(f"/famiglie/{world.family.pk}/").content.decode()
    assert "Narrazione riservata" in login("educatore").get(f"/famiglie/{world.family.pk}/").content.decode()


def test_operators_read_but_see_no_edit_or_path_buttons(world, login):
    html = login("educatore").get(f"/famiglie/{world.family.pk}/").content.decode()
    assert "Modifica i dati" not in html and "Prossimo passaggio" not in html
