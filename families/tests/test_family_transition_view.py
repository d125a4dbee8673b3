"""The step's page (/famiglie/<pk>/percorso/): a refused step links to what is missing, and closing says what
the plan leaves open and asks to confirm it."""

import re

from families.models import EsitoChiusura, Family, Stato
from plans.models import Azione
from plans.testing import agreed_plan

CLOSING = {"target": Stato.CHIUSA, "motivazione": "Obiettivi raggiunti", "esito_chiusura": EsitoChiusura.CONCLUSA}


def post(client, family, **data):
    family.refresh_from_db()
    return client.post(f"/famiglie/{family.pk}/percorso/", {"expected_state": family.stato, **data})


def links(html: str) -> set[str]:
    return set(re.findall(r'href="([^"#]+)', html))


def test_a_refused_inclusion_links_to_each_missing_thing_and_back(world, login):
    Family.objects.filter(pk=world.family.pk).update(stato=Stato.PREASSESSMENT, implementazione=None)
    world.family.consensi.all().delete()
    response = post(login("casemanager"), world.family, target=Stato.INCLUSA)
    html = response.content.decode()
    assert response.status_code == 422
    assert "Come procedere" in html
    assert html.count("Registra il consenso della famiglia alla partecipazione") == 1  # said once, with its link
    pk = world.family.pk
    # The implementazione is set on the family's record, the consent has its own form, the pre-assessment
    # lives among the assessments; and the page leads back to the family.
    assert {f"/famiglie/{pk}/modifica/", f"/famiglie/{pk}/consensi/nuovo/", f"/famiglie/{pk}/valutazioni/",
            f"/famiglie/{pk}/"} <= links(html)
    assert Family.objects.get(pk=pk).stato == Stato.PREASSESSMENT


def test_the_page_always_leads_back_to_the_family(world, login):
    html = login("casemanager").get(f"/famiglie/{world.family.pk}/percorso/").content.decode()
    assert "Torna alla scheda della famiglia" in html and f'href="/famiglie/{world.family.pk}/"' in html
    assert "Come procedere" not in html


def test_when_closing_is_the_only_step_its_fields_are_open(world, login):
    Family.objects.filter(pk=world.family.pk).update(stato=Stato.T2)
    html = login("casemanager").get(f"/famiglie/{world.family.pk}/percorso/").content.decode()
    details = re.search(r"<details[^>]*>", html).group(0)
    assert " open" in details and "Chiusura del percorso" in html
    Family.objects.filter(pk=world.family.pk).update(stato=Stato.IN_CORSO)
    html = login("casemanager").get(f"/famiglie/{world.family.pk}/percorso/").content.decode()
    assert " open" not in re.search(r"<details[^>]*>", html).group(0)


def test_closing_with_the_plan_left_open_asks_to_confirm_and_says_what_is_open(world, login):
    agreed_plan(world.family, world.casemanager, goals=2)
    Family.objects.filter(pk=world.family.pk).update(stato=Stato.IN_CORSO)
    client = login("casemanager")
    response = post(client, world.family, **CLOSING)
    html = response.content.decode()
    assert response.status_code == 422
    assert "Il Progetto Quadro non ha nessuna verifica con la famiglia." in html
    assert "2 azioni del Progetto Quadro sono ancora «Prevista»." in html
    assert f'href="/famiglie/{world.family.pk}/progetto/"' in html
    assert 'name="confermato"' in html
    assert Family.objects.get(pk=world.family.pk).stato == Stato.IN_CORSO
    response = post(client, world.family, confermato="on", **CLOSING)
    assert response.status_code == 302
    assert Family.objects.get(pk=world.family.pk).stato == Stato.CHIUSA


def test_closing_a_plan_whose_actions_are_done_needs_no_confirmation(world, login):
    plan = agreed_plan(world.family, world.casemanager)
    Azione.objects.filter(risultato__progetto=plan).update(stato=Azione.StatoAzione.SVOLTA)
    plan.verifiche.create(momento="T1", data=plan.data_inizio, registrata_da=world.casemanager)
    Family.objects.filter(pk=world.family.pk).update(stato=Stato.IN_CORSO)
    response = post(login("casemanager"), world.family, **CLOSING)
    assert response.status_code == 302
    assert Family.objects.get(pk=world.family.pk).stato == Stato.CHIUSA


def test_the_api_says_what_is_open_and_closes_once_confirmed(world, login):
    agreed_plan(world.family, world.casemanager)
    Family.objects.filter(pk=world.family.pk).update(stato=Stato.IN_CORSO)
    client = login("casemanager")
    url = f"/api/v1/families/{world.family.pk}/transition/"
    response = client.post(url, {**CLOSING}, content_type="application/json")
    assert response.status_code == 400
    assert "«Prevista»" in str(response.json())
    response = client.post(url, {**CLOSING, "confermato": True}, content_type="application/json")
    assert response.status_code == 200 and response.json()["stato"] == Stato.CHIUSA
