from datetime import timedelta

from django.utils import timezone

from audit.models import AuditEntry
from network import services
from network.models import Diritto, Referral

from .factories import make_intake, make_referral, make_service


def test_tutor_refers_an_intake_to_a_directory_service(world, login):
    intake, service = make_intake(world), make_service(world)
    response = login("tutor").post(f"/rete/contatti/{intake.pk}/invii/nuovo/", {
        "form_token": "0d9c5e4b-6f0a-4f3b-8a2e-1c7d2b3a4e5f", "service": service.pk,
        "follow_up_il": (timezone.localdate() + timedelta(days=7)).isoformat(), "motivo": "Iscrizione al nido"})
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.service == service and referral.inviato_da == world.tutor


def test_referral_to_a_service_of_another_ambito_is_refused_with_a_message(world, login):
    intake = make_intake(world)
    foreign = make_service(world, nome="Consultorio di Monza", area=Diritto.SALUTE, tipologia="consultorio",
                           ambito=world.other_ambito)
    response = login("tutor").post(f"/rete/contatti/{intake.pk}/invii/nuovo/", {"service": foreign.pk})
    assert response.status_code == 422
    assert "non è nella mappatura di questo ambito" in response.content.decode()
    assert not Referral.objects.exists()


def test_follow_up_before_the_referral_is_refused_on_the_form(world, login):
    intake = make_intake(world)
    today = timezone.localdate()
    response = login("tutor").post(f"/rete/contatti/{intake.pk}/invii/nuovo/", {
        "service": make_service(world).pk, "data_invio": today.isoformat(),
        "follow_up_il": (today - timedelta(days=2)).isoformat()})
    assert response.status_code == 422 and "non può precedere la data dell" in response.content.decode()
    assert not Referral.objects.exists()


def test_receiving_service_sees_only_the_minimum_and_updates_the_status(world, login):
    intake = make_intake(world, note="Nota riservata della tutor", codice_fiscale="")
    referral = make_referral(world, intake=intake)
    client = login("insegnante")
    page = client.get(f"/rete/invii/{referral.pk}/").content.decode()
    assert "Fatima El Amrani" in page and "Nota riservata" not in page
    assert f"/rete/contatti/{intake.pk}/" not in page
    assert client.get(f"/rete/contatti/{intake.pk}/").status_code == 404
    response = client.post(f"/rete/invii/{referral.pk}/", {"target": "accolto", "expected_state": "inviato",
                                                           "nota": "Primo colloquio il 3"})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.stato == "accolto"
    assert referral.eventi.get(to_state="accolto").by == world.insegnante


def test_receiving_service_lists_only_referrals_sent_to_it(world, login):
    mine = make_referral(world)
    other_service = make_service(world, nome="Consultorio di Seregno", area=Diritto.SALUTE, tipologia="consultorio",
                                 ente=world.comune)
    others = make_referral(world, service=other_service)
    page = login("insegnante").get("/rete/invii/").content.decode()
    assert f"/rete/invii/{mine.pk}/" in page and f"/rete/invii/{others.pk}/" not in page
    assert login("insegnante").get(f"/rete/invii/{others.pk}/").status_code == 404


def test_a_status_change_that_is_not_allowed_is_explained(world, login):
    referral = make_referral(world)
    referral = services.referral_update_status(referral=referral, by=world.tutor, target="rifiutato")
    response = login("tutor").post(f"/rete/invii/{referral.pk}/", {"target": "inviato", "expected_state": "rifiutato"})
    body = response.content.decode()
    assert response.status_code == 422 and "non può tornare" in body and "stato finale" in body
    referral.refresh_from_db()
    assert referral.stato == "rifiutato"


def test_viewing_a_referral_is_audit_logged(world, login):
    referral = make_referral(world)
    login("insegnante").get(f"/rete/invii/{referral.pk}/")
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS, content_type__model="referral").latest("timestamp")
    assert entry.actor == world.insegnante and entry.object_pk == str(referral.pk)
    assert entry.ambito_id == world.ambito.pk


def test_amministrativo_and_governance_see_counts_but_no_names(world, login):
    make_referral(world)
    for persona in ("amministrativo", "governance"):
        client = login(persona)
        page = client.get("/rete/dati/").content.decode()
        assert "El Amrani" not in page and 'data-count="contatti">1<' in page
        assert client.get("/rete/invii/").status_code == 403
        assert client.get("/rete/contatti/").status_code == 403
