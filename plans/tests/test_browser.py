"""In real Chromium: the case manager writes the Progetto Quadro with the family and records the agreement."""

import pytest

from accounts.models import User
from core.browser import ARTIFACTS, log_in
from families.models import Family
from plans.models import ProgettoQuadro

pytestmark = pytest.mark.browser


def test_write_and_agree_a_plan_in_the_browser(page):
    family = Family.objects.get(nome="Famiglia Bianchi")
    log_in(page, "casemanager")
    page.goto(f"{page.base_url}/famiglie/{family.pk}/")
    page.get_by_role("link", name="Avvia il progetto").click()
    page.get_by_role("link", name="Avvia il Progetto Quadro").click()
    page.get_by_label("Analisi della situazione").fill("Maria racconta che le mattine sono difficili.")
    page.get_by_role("button", name="Avvia il progetto").click()
    page.get_by_text("Progetto Quadro avviato").wait_for()

    page.get_by_role("link", name="Aggiungi un risultato atteso").click()
    page.get_by_label("Sottodimensione del Mondo del Bambino").select_option(label="Apprendimento")
    page.get_by_label("Risultato atteso").fill("Luca va a scuola tutti i giorni entro dicembre.")
    page.get_by_role("button", name="Salva").click()
    page.get_by_text("Risultato atteso salvato.").wait_for()

    page.get_by_role("link", name="Aggiungi un'azione").click()
    page.get_by_label("Che cosa si fa").fill("L'insegnante e Maria si sentono ogni mese.")
    page.get_by_text("Un insegnante", exact=True).click()
    teacher = User.objects.get(username="insegnante")
    page.get_by_label("Operatore o insegnante dell'équipe").select_option(label=teacher.get_full_name())
    page.get_by_text("Partenariato scuola-famiglia-servizi", exact=True).click()
    page.get_by_role("button", name="Salva").click()
    page.get_by_text("Azione salvata.").wait_for()

    page.get_by_role("link", name="Registra l'accordo della famiglia").click()
    page.get_by_label("Chi, della famiglia").select_option(label="Maria Bianchi")
    page.get_by_label("Commento della famiglia").fill("Mi sembra giusto.")
    page.get_by_role("button", name="Registra").click()
    page.get_by_text("il progetto è concordato con la famiglia").wait_for()
    page.screenshot(path=str(ARTIFACTS / "plan-detail.png"), full_page=True)
    assert ProgettoQuadro.objects.get(family=family).stato == ProgettoQuadro.Stato.CONCORDATO
