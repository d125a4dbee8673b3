"""The conclusion with the family: the post-assessment (T2), the outcome, what continues, the goals left open."""

import pytest
from django.core.exceptions import ValidationError

from core.testing import submit_mdb
from families.models import EsitoChiusura, Family, Stato
from families.services import family_transition


def close(world, **kwargs):
    family = Family.objects.get(pk=world.family.pk)
    defaults = {"motivazione": "Fine dell'implementazione", "esito_chiusura": EsitoChiusura.PROSEGUE,
                "continuita": "Incontri mensili con il servizio sociale."}
    defaults.update(kwargs)
    return family_transition(family=family, by=world.casemanager, target=Stato.CHIUSA, **defaults)


def test_closing_at_the_end_needs_the_t2_of_every_target_child(world):
    Family.objects.filter(pk=world.family.pk).update(stato=Stato.T2)
    child = world.family.persone.get(nome="Luca")
    with pytest.raises(ValidationError) as error:
        close(world)
    assert "T2" in error.value.messages[0] and "Luca" in error.value.messages[0]
    for time_point in ("T0", "T1", "T2"):
        submit_mdb(world.family, child, world.casemanager, time_point=time_point)
    family = close(world, obiettivi_aperti="Autonomia nella gestione della casa.")
    assert family.stato == Stato.CHIUSA
    assert family.chiusura_continuita == "Incontri mensili con il servizio sociale."
    assert family.chiusura_obiettivi_aperti == "Autonomia nella gestione della casa."


def test_continuing_with_the_service_needs_to_say_what_continues(world):
    Family.objects.filter(pk=world.family.pk).update(stato=Stato.IN_CORSO)
    with pytest.raises(ValidationError, match="prosegue"):
        close(world, continuita=" ")


def test_an_early_closure_does_not_need_the_t2(world):
    Family.objects.filter(pk=world.family.pk).update(stato=Stato.IN_CORSO)
    family = close(world, esito_chiusura=EsitoChiusura.TRASFERITA, continuita="")
    assert family.stato == Stato.CHIUSA and family.esito_chiusura == EsitoChiusura.TRASFERITA


def test_the_family_page_shows_the_conclusion(world, login):
    Family.objects.filter(pk=world.family.pk).update(stato=Stato.IN_CORSO)
    close(world, obiettivi_aperti="Inserimento al nido.")
    html = login("educatore").get(f"/famiglie/{world.family.pk}/").content.decode()
    assert "Conclusione del percorso" in html and "Inserimento al nido." in html
    assert "Inserimento al nido." not in login("insegnante").get(f"/famiglie/{world.family.pk}/").content.decode()
