from datetime import date

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from accounts.models import User
from network.models import Intake, Protocol, Referral, ReferralEvent, Service


def network_snapshot():
    return (sorted(Service.objects.values_list("nome", "area", "comune__nome")),
            sorted(Intake.objects.values_list("cognome", "nome", "data_contatto", "codice_fiscale", "stato")),
            sorted(Referral.objects.values_list("intake__cognome", "service__nome", "stato", "data_invio", "follow_up_il")),
            sorted(Protocol.objects.values_list("titolo", "scadenza")))


def seeded(seed: int):
    with transaction.atomic():
        call_command("seed_demo", families=10, seed=seed, anchor=date(2026, 11, 22))
        result = network_snapshot()
        transaction.set_rollback(True)
    return result


@pytest.mark.django_db
def test_demo_network_is_deterministic_and_covers_every_referral_state():
    first = seeded(2)
    assert seeded(2) == first
    services, intakes, referrals, protocols = first
    assert 10 <= len(services) <= 15
    assert {r[2] for r in referrals} == set(Referral.Stato.values)
    assert len(protocols) == 2 and min(p[1] for p in protocols) <= date(2027, 1, 21)


@pytest.mark.django_db
def test_demo_network_pages_open_for_each_role():
    call_command("seed_demo", families=10, seed=1, anchor=date(2026, 11, 22))
    assert ReferralEvent.objects.filter(to_state="concluso").exists()
    linked = Intake.objects.exclude(family=None).get()
    assert linked.family.segnalata_da.username == "tutor"
    paths = {"tutor": ["/rete/", "/rete/contatti/", "/rete/invii/", "/rete/servizi/", "/rete/protocolli/",
                       f"/rete/contatti/{linked.pk}/"],
             "rt": ["/rete/", "/rete/dati/", "/rete/servizi/"],
             "psicologo": ["/rete/invii/", "/rete/servizi/"],
             "amministrativo": ["/rete/dati/", "/rete/servizi/"]}
    for username, urls in paths.items():
        client = Client()
        client.force_login(User.objects.get(username=username))
        for url in urls:
            assert client.get(url).status_code == 200, (username, url)
    psicologo = Client()
    psicologo.force_login(User.objects.get(username="psicologo"))
    received = Referral.objects.filter(service__ente__nome="Consultorio familiare di Seregno")
    page = psicologo.get("/rete/invii/").content.decode()
    for referral in Referral.objects.all():
        assert (f"/rete/invii/{referral.pk}/" in page) == (referral in received)
