"""The regional seed: bulk rows that obey the same rules as the demo, deterministic, scoped as usual."""

from datetime import date

import pytest
from codicefiscale import codicefiscale
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from accounts.models import User
from assessments.models import Answer, Response
from assessments.selectors import target_children_without_t0
from families.models import Family, PathEvent, Person, Stato
from interventions.models import Intervento, Presenza
from organisation.models import Ambito
from plans.models import Azione, ProgettoQuadro
from plans.selectors import has_agreed_plan

ANCHOR = date(2026, 11, 22)


def region_snapshot(seed: int):
    with transaction.atomic():
        call_command("seed_demo", families=40, seed=seed, anchor=ANCHOR, region=True, password="bench-password-1")
        result = (sorted(Family.objects.values_list("codice", "nome", "stato", "equipe__nome")),
                  sorted(Person.objects.values_list("nome", "cognome", "data_nascita", "codice_fiscale")),
                  sorted(Intervento.objects.values_list("family__codice", "data", "durata_minuti", "operatore__username")),
                  sorted(Answer.objects.values_list("response__family__codice", "item_code", "number")))
        transaction.set_rollback(True)
    return result


@pytest.mark.django_db
def test_region_seed_is_deterministic():
    first = region_snapshot(3)
    assert Family.objects.count() == 0
    assert region_snapshot(3) == first
    assert region_snapshot(4) != first


@pytest.mark.django_db
def test_region_seed_builds_ambiti_with_families_along_the_path():
    call_command("seed_demo", families=40, seed=5, anchor=ANCHOR, region=True, password="bench-password-1")
    assert Family.objects.count() == 40
    assert Ambito.objects.count() == 2  # Seregno (the demo) and one bulk ambito
    bulk = Family.objects.filter(ambito__codice="LOM01")
    assert bulk.count() == 30
    persons = Person.objects.filter(ambito__codice="LOM01").count()
    assert 2 * 30 <= persons <= 3 * 30
    for cf in Person.objects.exclude(codice_fiscale="").values_list("codice_fiscale", flat=True):
        assert codicefiscale.is_valid(cf), cf
    assert User.objects.get(username="lom01-ed01").check_password("bench-password-1")
    assert User.objects.get(username="rt").check_password("bench-password-1")  # the demo users are there too
    included = bulk.exclude(stato__in=[Stato.SEGNALATA, Stato.PREASSESSMENT, Stato.NON_INCLUSA])
    assert included.exists()

    for family in included:
        assert family.persone.filter(target=True).count() == 1, family
        assert family.consensi.filter(finalita="partecipazione").exists(), family
        assert family.implementazione_id is not None
        assert PathEvent.objects.filter(family=family, to_state=Stato.INCLUSA).exists()
        if family.stato in (Stato.PROGETTAZIONE, Stato.IN_CORSO, Stato.T1, Stato.T2):
            assert target_children_without_t0(family) == [], family
        if family.stato in (Stato.IN_CORSO, Stato.T1, Stato.T2):
            assert has_agreed_plan(family), family
            assert Intervento.objects.filter(family=family).exists(), family
    last = {f.pk: f.stato for f in bulk}
    assert all(PathEvent.objects.filter(family_id=pk).order_by("at", "pk").last().to_state == state
               for pk, state in last.items())
    mdb = Response.objects.filter(family__in=bulk, instrument_version__instrument__code="mondo_del_bambino")
    assert mdb.exists() and all(r.scores for r in mdb)
    assert Answer.objects.filter(response__in=mdb).count() == 17 * mdb.count()
    assert Azione.objects.filter(risultato__progetto__family__in=bulk).exists()
    assert ProgettoQuadro.objects.filter(family__in=bulk, stato="concordato").exists()
    attended = Presenza.objects.filter(iscrizione__family__in=bulk)
    assert attended.exists()
    assert all(p.iscrizione.persona.family_id == p.iscrizione.family_id for p in attended.select_related(
        "iscrizione__persona"))
    # The sequences go on after the bulk rows: a family created through the ORM gets a new pk.
    family = Family.objects.create(ambito=Ambito.objects.get(codice="LOM01"), codice="X", nome="Nuova",
                                   comune=bulk.first().comune)
    assert family.pk > max(last)


@pytest.mark.django_db
def test_an_operator_of_the_region_sees_only_the_families_of_their_equipe(client):
    call_command("seed_demo", families=40, seed=5, anchor=ANCHOR, region=True)
    educator = User.objects.get(username="lom01-ed01")
    client.force_login(educator)
    own = Family.objects.filter(equipe__members__user=educator)
    other = Family.objects.filter(ambito__codice="LOM01").exclude(equipe__members__user=educator).first()
    assert own.exists() and other is not None
    page = client.get(reverse("family_list"))
    assert page.status_code == 200
    shown = {f.pk for f in page.context["page"].object_list}
    assert shown and shown <= set(own.values_list("pk", flat=True))
    assert client.get(reverse("family_detail", args=[own.first().pk])).status_code == 200
    assert client.get(reverse("family_detail", args=[other.pk])).status_code == 404
    api = client.get(reverse("api_family_list"))
    assert {row["id"] for row in api.json()["results"]} <= set(own.values_list("pk", flat=True))
