"""The path's rule that depends on the plan; registered with `families.path` in PlansConfig.ready."""

from django.utils.translation import gettext as _

from families.models import Stato
from families.path import Move, register_rule

from .selectors import has_agreed_plan


def agreed_plan_before_intervention(move: Move) -> list[str]:
    if move.target == Stato.IN_CORSO and not has_agreed_plan(move.family):
        return [_("Il Progetto Quadro deve essere concordato con la famiglia prima dell'avvio dell'intervento.")]
    return []


def register() -> None:
    register_rule(agreed_plan_before_intervention, order=60)
