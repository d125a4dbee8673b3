"""The path's rule and warning that depend on the plan; registered with `families.path` in PlansConfig.ready."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from families.models import Stato
from families.path import Move, Problem, family_url, register_rule, register_warning

from .selectors import has_agreed_plan, plan_left_open


def agreed_plan_before_intervention(move: Move) -> list[str]:
    if move.target == Stato.IN_CORSO and not has_agreed_plan(move.family):
        return [Problem(_("Il Progetto Quadro deve essere concordato con la famiglia prima dell'avvio "
                          "dell'intervento."),
                        url=family_url("plan_detail", move.family), label=_("Vai al Progetto Quadro"))]
    return []


def plan_open_at_closing(move: Move) -> list[str]:
    """Closing while the plan in force was never reviewed, or its actions never started or finished."""
    if move.target != Stato.CHIUSA:
        return []
    left = plan_left_open(move.family)
    if left is None:
        return []
    url, label = family_url("plan_detail", move.family), _("Vai al Progetto Quadro")
    warnings: list[str] = []
    if not left.reviews:
        warnings.append(Problem(_("Il Progetto Quadro non ha nessuna verifica con la famiglia."), url=url,
                                label=label))
    if left.planned:
        warnings.append(Problem(ngettext("%(n)d azione del Progetto Quadro è ancora «Prevista».",
                                         "%(n)d azioni del Progetto Quadro sono ancora «Prevista».", left.planned)
                                % {"n": left.planned}, url=url, label=label))
    if left.ongoing:
        warnings.append(Problem(ngettext("%(n)d azione del Progetto Quadro è ancora «In corso».",
                                         "%(n)d azioni del Progetto Quadro sono ancora «In corso».", left.ongoing)
                                % {"n": left.ongoing}, url=url, label=label))
    return warnings


def register() -> None:
    register_rule(agreed_plan_before_intervention, order=60)
    register_warning(plan_open_at_closing, order=60)
