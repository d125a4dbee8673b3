import re
from datetime import date

import pytest
from codicefiscale import codicefiscale
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Q

from accounts.models import User
from assessments.selectors import target_children_without_t0
from families.models import Family, Person, Stato
from families.selectors import duplicate_candidates
from organisation.models import Ente
from plans.models import Traduzione
from plans.selectors import has_agreed_plan


def snapshot():
    return sorted(Family.objects.values_list("codice", "nome", "stato", "comune__nome")), sorted(
        Person.objects.values_list("nome", "cognome", "data_nascita", "codice_fiscale"))


@pytest.mark.django_db
def test_seed_demo_builds_the_seregno_ambito_with_every_demo_user():
    call_command("seed_demo", families=10, seed=7, anchor=date(2026, 11, 22), password="demo-password-1")
    assert Ente.objects.filter(ambito__codice="SER", tipo=Ente.Tipo.COMUNE).count() == 10
    assert Family.objects.filter(ambito__codice="SER").count() == 10
    for username in ("rt", "amministrativo", "coach", "casemanager", "educatore", "psicologo", "insegnante",
                     "tutor", "ets", "volontario", "genitore", "educatore2"):
        assert User.objects.get(username=username).check_password("demo-password-1")
    states = set(Family.objects.values_list("stato", flat=True))
    assert {Stato.SEGNALATA, Stato.IN_CORSO, Stato.ASSESSMENT_T0, Stato.NON_INCLUSA} <= states
    for cf in Person.objects.exclude(codice_fiscale="").values_list("codice_fiscale", flat=True):
        assert codicefiscale.is_valid(cf), cf
    assert Person.objects.get(user__username="genitore").family.codice == "SER-00001"
    # The RT's list of possible duplicates has the demo's family reported again by another comune: its mother
    # spelled two ways, and its members typed again.
    pairs = duplicate_candidates(User.objects.get(username="rt"))
    assert ({"Mohamed", "Muhammad"}, False) in [({c.a.cognome, c.b.cognome}, c.same_comune) for c in pairs]
    assert all(not c.same_comune and c.a.family.nome == c.b.family.nome for c in pairs) and len(pairs) >= 2


def seeded_snapshot(seed: int):
    with transaction.atomic():
        call_command("seed_demo", families=12, seed=seed, anchor=date(2026, 11, 22))
        result = snapshot()
        transaction.set_rollback(True)
    return result


@pytest.mark.django_db
def test_seed_demo_is_deterministic():
    first = seeded_snapshot(3)
    assert Family.objects.count() == 0
    assert seeded_snapshot(3) == first
    assert seeded_snapshot(4) != first


@pytest.mark.django_db
def test_seed_demo_if_empty_leaves_existing_data_alone():
    call_command("seed_demo", families=3, seed=1, anchor=date(2026, 11, 22))
    call_command("seed_demo", if_empty=True)
    assert Family.objects.filter(ambito__codice="SER").count() == 3
    with pytest.raises(CommandError):
        call_command("seed_demo", families=3)


@pytest.mark.django_db
def test_demo_paths_follow_the_rules():
    """Every demo family that passed inclusion has a target child and a participation consent."""
    call_command("seed_demo", families=30, seed=5, anchor=date(2026, 11, 22))
    included = Family.objects.exclude(stato__in=[Stato.SEGNALATA, Stato.PREASSESSMENT, Stato.NON_INCLUSA])
    assert included.exists()
    for family in included:
        assert family.persone.filter(target=True).exists(), family
        assert family.consensi.filter(finalita="partecipazione").exists(), family
        assert family.implementazione_id is not None
        assert family.valutazioni.filter(instrument_version__instrument__code="preassessment",
                                         status="inviata").exists(), family

    for family in Family.objects.filter(stato__in=[Stato.PROGETTAZIONE, Stato.IN_CORSO, Stato.T1, Stato.T2]):
        assert target_children_without_t0(family) == [], family

    for family in Family.objects.filter(stato__in=[Stato.IN_CORSO, Stato.T1, Stato.T2]).exclude(equipe=None):
        assert has_agreed_plan(family), family
    assert Family.objects.filter(stato=Stato.CHIUSA).exclude(esito_chiusura="").exists()


@pytest.mark.django_db
def test_the_demo_parents_plan_has_its_arabic_version():
    call_command("seed_demo", families=10, seed=1, anchor=date(2026, 11, 22), password="demo-password-1")
    family = Person.objects.get(user__username="genitore").family
    assert family.codice == "SER-00001" and family.nome == "Famiglia Hassan"
    translations = Traduzione.objects.filter(Q(risultato__progetto__family=family)
                                             | Q(azione__risultato__progetto__family=family))
    assert translations.filter(risultato__isnull=False).exists() and translations.filter(azione__isnull=False).exists()
    for t in translations:
        assert t.lingua == "ar" and not t.is_stale and t.mediatore.startswith("Samira Mansour"), t.testo
        # Arabic only: the names too are written in Arabic letters.
        assert re.search("[\u0600-\u06ff]", t.testo) and not re.search("[A-Za-z]", t.testo), t.testo
