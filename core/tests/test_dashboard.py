from families.models import Stato


def test_case_manager_sees_their_families_and_what_is_due(world, login):
    response = login("casemanager").get("/")
    html = response.content.decode()
    assert "Famiglia Bianchi" in html and "Avviare il pre-assessment" in html
    assert "Famiglia Verdi" not in html
    assert response.context["counts"][Stato.SEGNALATA] == 1


def test_amministrativo_sees_counts_but_no_names(world, login):
    response = login("amministrativo").get("/")
    html = response.content.decode()
    assert response.context["figures"]["total"] == 3
    assert response.context["figures"]["by_state"][Stato.SEGNALATA] == 3
    for name in ("Bianchi", "Verdi", "Neri", "Maria", "Narrazione"):
        assert name not in html


def test_rt_sees_both_the_ambito_figures_and_the_families(world, login):
    response = login("rt").get("/")
    assert response.context["figures"]["total"] == 3 and response.context["counts"][Stato.SEGNALATA] == 3


def test_figures_never_count_another_ambito(world, login):
    assert login("rt_altro").get("/").context["figures"]["total"] == 1


def test_the_parent_sees_their_own_family_path(world, login):
    html = login("genitore").get("/").content.decode()
    assert "Il percorso della tua famiglia" in html and "Segnalata" in html
    assert "Verdi" not in html


def test_roles_without_families_get_a_way_forward(world, login):
    assert "Il tuo profilo" in login("ets").get("/").content.decode() or \
        "attività e le ore" in login("ets").get("/").content.decode()
    assert "abbinamento" in login("volontario").get("/").content.decode()
