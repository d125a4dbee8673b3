"""Test helpers for plans: a Progetto Quadro written through the services, as a user would."""

from datetime import date, timedelta

from django.utils import timezone

from families.models import Family, Person

from . import services
from .models import Accordo, Azione, Dispositivo, ProgettoQuadro


def draft_plan(family: Family, by, *, goals: int = 1, analisi: str = "Analisi riservata della situazione.",
               teacher=None) -> ProgettoQuadro:
    """A draft plan with `goals` expected outcomes, each with an action of the case manager (and one of
    `teacher` at school on the first one when given)."""
    plan = services.progetto_create(family=family, by=by, analisi=analisi, data_inizio=timezone.localdate())
    codes = ["salute_crescita", "cura_base", "casa", "apprendimento", "guida", "gioco"]
    for index in range(goals):
        plan.refresh_from_db()
        goal = services.risultato_add(progetto=plan, by=by, version=plan.version,
                                      sottodimensione=codes[index % len(codes)],
                                      descrizione=f"Risultato atteso numero {index + 1}",
                                      analisi=f"Analisi riservata del risultato {index + 1}",
                                      data_prevista=timezone.localdate() + timedelta(days=180))
        plan.refresh_from_db()
        services.azione_add(risultato=goal, by=by, version=plan.version, data=services.ActionData(
            descrizione=f"Visita domiciliare settimanale {index + 1}",
            responsabile_tipo=Azione.Responsabile.OPERATORE, responsabile_user=family.equipe.case_manager,
            data_inizio=timezone.localdate(), dispositivi=(Dispositivo.EDUCATIVA,)))
        if teacher is not None and index == 0:
            plan.refresh_from_db()
            services.azione_add(risultato=goal, by=by, version=plan.version, data=services.ActionData(
                descrizione="Colloquio mensile con la maestra", responsabile_tipo=Azione.Responsabile.INSEGNANTE,
                responsabile_user=teacher, dispositivi=(Dispositivo.SCUOLA,)))
    plan.refresh_from_db()
    return plan


def adult_of(family: Family) -> Person:
    return family.persone.exclude(ruolo=Person.Ruolo.MINORE).order_by("pk").first()


def agree(plan: ProgettoQuadro, by, *, on: date | None = None) -> ProgettoQuadro:
    plan.refresh_from_db()
    services.accordo_record(progetto=plan, by=by, version=plan.version, persona=adult_of(plan.family),
                            data=on or timezone.localdate(), esito=Accordo.Esito.CONCORDA, commento="Va bene.")
    plan.refresh_from_db()
    return plan


def agreed_plan(family: Family, by, **kwargs) -> ProgettoQuadro:
    return agree(draft_plan(family, by, **kwargs), by)
