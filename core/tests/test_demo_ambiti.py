"""One installation, two demo ambiti that never see each other: Seregno, and Melzo modelled on seed 001."""

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.test import Client

from accounts.models import User
from families.models import Family
from families.selectors import families_visible_to
from organisation.models import Ente
from reporting.models import CaricoServizi, DatoComune


@pytest.fixture
def demo(db):
    call_command("seed_demo", if_empty=True, verbosity=0)


def client_for(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def test_the_second_ambito_shows_seed_001s_figures(demo):
    figures = DatoComune.objects.filter(comune__ambito__codice="MEL")
    assert Ente.objects.filter(ambito__codice="MEL", tipo=Ente.Tipo.COMUNE).count() == 8
    totals = figures.aggregate(residents=Sum("popolazione"), minors=Sum("minori"))
    assert totals["residents"] == 83321
    assert round(100 * totals["minors"] / totals["residents"], 2) == pytest.approx(16.98, abs=0.01)
    shares = {d.comune.nome: 100 * d.minori / d.popolazione for d in figures.select_related("comune")}
    assert shares.pop("Comune di Settala") == pytest.approx(18.32, abs=0.01)
    assert min(shares.values()) == pytest.approx(15.24, abs=0.01)
    assert max(shares.values()) == pytest.approx(17.99, abs=0.01)
    caseload = dict(CaricoServizi.objects.filter(ambito__codice="MEL").values_list("voce", "numero"))
    assert caseload == {"progetti": 668, "domiciliare": 249, "antiviolenza": 51, "comunita": 45, "tutela": 316,
                        "spazio_neutro": 5}
    page = client_for("rt.melzo").get("/indicatori/territorio/").content.decode()
    assert "Comune di Settala" in page and "18,32" in page and "668" in page
    assert "Seregno" not in page


def test_the_first_ambito_has_the_comuni_real_residents_not_a_placeholder_series(demo):
    residents = dict(DatoComune.objects.filter(comune__ambito__codice="SER")
                     .values_list("comune__nome", "popolazione"))
    assert residents["Comune di Seregno"] == 44825
    assert residents["Comune di Misinto"] == 5664
    steps = {a - b for a, b in zip(sorted(residents.values()), sorted(residents.values())[1:], strict=False)}
    assert len(steps) > 1  # not 12,119, 10,604, 9,089 ... with the same step
    assert not CaricoServizi.objects.filter(ambito__codice="SER").exists()  # seed 001's caseload is Melzo's


@pytest.mark.parametrize(("user", "own", "other"), [("rt", "SER", "MEL"), ("rt.melzo", "MEL", "SER"),
                                                     ("casemanager.melzo", "MEL", "SER")])
def test_a_user_of_one_ambito_sees_nothing_of_the_other(demo, user, own, other):
    me = User.objects.get(username=user)
    visible = families_visible_to(me)
    assert visible.exists() and not visible.exclude(ambito__codice=own).exists()
    client = client_for(user)
    listing = client.get("/famiglie/").content.decode()
    for family in Family.objects.filter(ambito__codice=other):
        assert client.get(f"/famiglie/{family.pk}/").status_code == 404
        assert family.codice not in listing
    for comune in Ente.objects.filter(ambito__codice=other, tipo=Ente.Tipo.COMUNE):
        assert comune.nome not in listing
    dashboard = client.get("/").content.decode()
    assert not any(f.codice in dashboard for f in Family.objects.filter(ambito__codice=other))


def test_the_second_ambitos_parent_reaches_their_own_family_on_the_portal(demo):
    parent = User.objects.get(username="genitore.melzo")
    response = client_for("genitore.melzo").get("/famiglia/")
    family = Family.objects.get(persone__user=parent)
    assert family.ambito.codice == "MEL" and family.codice == "MEL-00001"
    assert response.status_code == 200 and parent.first_name and parent.first_name in response.content.decode()
