"""The path's rules that depend on the assessments; registered with `families.path` in AssessmentsConfig.ready."""

from django.utils.translation import gettext as _

from families.models import Stato
from families.path import Move, Problem, family_url, register_rule

from .selectors import latest_preassessment_outcome, target_children_without, target_children_without_t0


def preassessment_decides_inclusion(move: Move) -> list[str]:
    if move.target not in (Stato.INCLUSA, Stato.NON_INCLUSA):
        return []
    outcome = latest_preassessment_outcome(move.family)
    wanted = "inclusa" if move.target == Stato.INCLUSA else "non_inclusa"
    if outcome is None:
        return [Problem(_("Compila e invia il pre-assessment: l'inclusione si decide lì."),
                        url=family_url("assessment_list", move.family), label=_("Vai alle valutazioni"))]
    if outcome != wanted:
        return [Problem(_("L'esito del pre-assessment inviato è «%(esito)s»: correggilo se la decisione è cambiata.")
                        % {"esito": _("inclusa") if outcome == "inclusa" else _("non inclusa")},
                        url=family_url("assessment_list", move.family), label=_("Vai alle valutazioni"))]
    return []


def t0_before_planning(move: Move) -> list[str]:
    if move.target != Stato.PROGETTAZIONE:
        return []
    missing = target_children_without_t0(move.family)
    if missing:
        return [Problem(_("Completa e invia la valutazione T0 del Mondo del Bambino per: %(nomi)s.")
                        % {"nomi": ", ".join(p.nome for p in missing)},
                        url=family_url("assessment_list", move.family), label=_("Vai alle valutazioni"))]
    return []


def t2_before_closing(move: Move) -> list[str]:
    if move.target != Stato.CHIUSA or move.family.stato != Stato.T2:
        return []
    missing = target_children_without(move.family, "T2")
    if missing:
        return [Problem(_("Completa la valutazione finale T2 del Mondo del Bambino per: %(nomi)s.")
                        % {"nomi": ", ".join(p.nome for p in missing)},
                        url=family_url("assessment_list", move.family), label=_("Vai alle valutazioni"))]
    return []


def register() -> None:
    register_rule(preassessment_decides_inclusion, order=40)
    register_rule(t0_before_planning, order=50)
    register_rule(t2_before_closing, order=75)
