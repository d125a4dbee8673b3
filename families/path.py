"""The path of a family as an explicit state machine.

Only `families.services.family_transition` moves a family; it asks this module which moves exist
and which rules hold. Rules about the records of the apps above (the pre-assessment and the T0/T2
assessments, the agreed plan) live in those apps and join with `register_rule` from their
`AppConfig.ready`, so that this module imports none of them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Consent, EsitoChiusura, Family, Stato

ACTIVE_STATES = (Stato.INCLUSA, Stato.ASSESSMENT_T0, Stato.PROGETTAZIONE, Stato.IN_CORSO, Stato.T1, Stato.T2)

# The next steps of each state, in the order the UI offers them.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Stato.SEGNALATA: (Stato.PREASSESSMENT,),
    Stato.PREASSESSMENT: (Stato.INCLUSA, Stato.NON_INCLUSA),
    Stato.INCLUSA: (Stato.ASSESSMENT_T0, Stato.CHIUSA),
    Stato.ASSESSMENT_T0: (Stato.PROGETTAZIONE, Stato.CHIUSA),
    Stato.PROGETTAZIONE: (Stato.IN_CORSO, Stato.CHIUSA),
    Stato.IN_CORSO: (Stato.T1, Stato.CHIUSA),
    Stato.T1: (Stato.T2, Stato.CHIUSA),
    Stato.T2: (Stato.CHIUSA,),
    Stato.NON_INCLUSA: (),
    Stato.CHIUSA: (),
}

# Moves that need a written reason (the others may have one).
REASON_REQUIRED = {Stato.NON_INCLUSA, Stato.CHIUSA}


def allowed_targets(state: str) -> tuple[str, ...]:
    return TRANSITIONS.get(state, ())


@dataclass(frozen=True)
class Move:
    """A requested step of the path, with what the user wrote for it."""

    family: Family
    target: str
    esito_chiusura: str = ""
    motivazione: str = ""
    continuita: str = ""


class Problem(str):
    """A rule's message that also says where it is put right: `url`, a page of the family, and `label`, the
    link's text. A refused step then links to what is missing instead of leaving the user at a dead end."""

    url: str
    label: str

    def __new__(cls, message: str, *, url: str = "", label: str = "") -> "Problem":
        problem = super().__new__(cls, message)
        problem.url, problem.label = url, label
        return problem


# A path rule: why `move` cannot happen now (Italian messages, plain or Problem), empty when it can.
PathRule = Callable[[Move], list[str]]
# Rules in the order their messages are shown; `register_rule` adds those of the apps above (assessments,
# plans), whose records the path depends on, without `families` importing them.
_RULES: list[tuple[int, PathRule]] = []
# Warnings: what a move leaves open (a plan never reviewed, actions never started). They do not forbid the
# move; the user confirms having seen them (`family_transition(confermato=True)`).
_WARNINGS: list[tuple[int, PathRule]] = []


def _register(registry: list[tuple[int, PathRule]], rule: PathRule, order: int) -> PathRule:
    if all(existing is not rule for _order, existing in registry):
        registry.append((order, rule))
        registry.sort(key=lambda pair: pair[0])
    return rule


def register_rule(rule: PathRule, *, order: int) -> PathRule:
    """Add a path rule (called from an AppConfig.ready); `order` places its messages among the others."""
    return _register(_RULES, rule, order)


def register_warning(warning: PathRule, *, order: int) -> PathRule:
    """Add a warning (called from an AppConfig.ready): what the move leaves open, to be confirmed."""
    return _register(_WARNINGS, warning, order)


def rule(*, order: int) -> Callable[[PathRule], PathRule]:
    """Decorator form of `register_rule`, for this module's own rules."""
    return lambda function: register_rule(function, order=order)


def transition_problems(family: Family, target: str, *, esito_chiusura: str = "", motivazione: str = "",
                        continuita: str = "") -> list[str]:
    """Why `family` cannot move to `target` now, in Italian; empty when it can."""
    if target not in allowed_targets(family.stato):
        return [
            _("Una famiglia nello stato «%(da)s» non può passare a «%(a)s».")
            % {"da": Stato(family.stato).label, "a": Stato(target).label if target in Stato.values else target}
        ]
    move = Move(family, target, esito_chiusura=esito_chiusura, motivazione=motivazione, continuita=continuita)
    return [problem for _order, check in _RULES for problem in check(move)]


def transition_warnings(family: Family, target: str) -> list[str]:
    """What moving `family` to `target` would leave open, in Italian; empty when nothing is."""
    if target not in allowed_targets(family.stato):
        return []
    move = Move(family, target)
    return [warning for _order, check in _WARNINGS for warning in check(move)]


def family_url(name: str, family: Family) -> str:
    return reverse(name, args=[family.pk])


@rule(order=10)
def _reason_written(move: Move) -> list[str]:
    if move.target in REASON_REQUIRED and not move.motivazione.strip():
        return [_("Scrivi la motivazione: per questo passaggio è obbligatoria.")]
    return []


@rule(order=20)
def _equipe_assigned(move: Move) -> list[str]:
    if move.target == Stato.PREASSESSMENT and move.family.equipe_id is None:
        return [Problem(_("Assegna un'équipe alla famiglia: è l'équipe a compilare il pre-assessment."),
                        url=family_url("family_edit", move.family), label=_("Modifica la scheda"))]
    return []


@rule(order=30)
def _ready_for_inclusion(move: Move) -> list[str]:
    if move.target != Stato.INCLUSA:
        return []
    family, problems = move.family, []
    if family.implementazione_id is None:
        problems.append(Problem(_("Indica l'implementazione in cui la famiglia è inclusa."),
                                url=family_url("family_edit", family), label=_("Modifica la scheda")))
    if not family.persone.filter(target=True).exists():
        problems.append(Problem(_("Indica almeno un bambino o una bambina target del programma."),
                                url=family_url("family_detail", family) + "#h-members",
                                label=_("Vai ai componenti")))
    if not family.consensi.filter(finalita=Consent.Finalita.PARTECIPAZIONE, revocato_il__isnull=True).exists():
        problems.append(Problem(_("Registra il consenso della famiglia alla partecipazione al programma."),
                                url=family_url("consent_add", family), label=_("Registra il consenso")))
    return problems


# Orders 40 (pre-assessment outcome), 50 (T0), 60 (agreed plan) and 75 (T2) are the apps' rules.

@rule(order=70)
def _continuity_written(move: Move) -> list[str]:
    if move.target == Stato.CHIUSA and move.esito_chiusura == EsitoChiusura.PROSEGUE and not move.continuita.strip():
        return [_("Scrivi che cosa prosegue con il servizio di riferimento.")]
    return []


@rule(order=80)
def _closure_outcome(move: Move) -> list[str]:
    if move.target == Stato.CHIUSA and not move.esito_chiusura:
        return [_("Indica l'esito della chiusura.")]
    return []


# What the équipe should do next in each state, and within how many days of entering it.
# In corso and T1 follow the cohort's calendar instead (T1 at the mid point, T2 at the end).
NEXT_STEP: dict[str, tuple[str, int]] = {
    Stato.SEGNALATA: ("Avviare il pre-assessment", 30),
    Stato.PREASSESSMENT: ("Decidere l'inclusione con la famiglia", 30),
    Stato.INCLUSA: ("Avviare l'assessment T0", 30),
    Stato.ASSESSMENT_T0: ("Completare l'assessment T0", 60),
    Stato.PROGETTAZIONE: ("Concordare il Progetto Quadro con la famiglia", 30),
    Stato.IN_CORSO: ("Valutazione intermedia T1", 0),
    Stato.T1: ("Valutazione finale T2", 0),
    Stato.T2: ("Chiudere il percorso con la famiglia", 30),
}
