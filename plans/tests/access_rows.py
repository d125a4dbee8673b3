"""The Progetto Quadro's rows of the role × URL matrix (families/tests/test_access_matrix.py)."""

from core.testing import CHANGERS, READERS, expect_for_family
from plans import services
from plans.selectors import current_plan
from plans.testing import agree, draft_plan

# The family's version of the plan: the case manager, the RT and the operators of the family's équipe.
TRANSLATORS = {"casemanager", "educatore", "rt"}


def _draft(w):
    return current_plan(w.family) or draft_plan(w.family, w.casemanager, teacher=w.insegnante)


def _agreed(w):
    plan = _draft(w)
    return plan if plan.is_locked else agree(plan, w.casemanager)


def _translation(w):
    goal = _draft(w).risultati.order_by("pk").first()
    existing = goal.traduzioni.first()
    return existing or services.translation_save(item=goal, lingua="ar", testo="نص", by=w.casemanager)


def _base(w):
    return f"/famiglie/{w.family.pk}/progetto/"


def _with(make, suffix):
    def build(w):
        plan = make(w)
        return _base(w) + suffix(plan) if callable(suffix) else _base(w) + suffix
    return build


ROWS = {
    "plan_detail": ("get", _with(_draft, ""), expect_for_family(READERS)),
    "plan_create": ("get", lambda w: _base(w) + "nuovo/", expect_for_family(CHANGERS)),
    "plan_edit": ("get", _with(_draft, "modifica/"), expect_for_family(CHANGERS)),
    "plan_version": ("get", _with(_draft, lambda p: f"versioni/{p.numero}/"), expect_for_family(READERS)),
    "plan_goal_add": ("get", _with(_draft, "risultati/nuovo/"), expect_for_family(CHANGERS)),
    "plan_goal_edit": ("get", _with(_draft, lambda p: f"risultati/{p.risultati.first().pk}/modifica/"),
                       expect_for_family(CHANGERS)),
    "plan_action_add": ("get", _with(_draft, lambda p: f"risultati/{p.risultati.first().pk}/azioni/nuova/"),
                        expect_for_family(CHANGERS)),
    "plan_action_edit": ("get", _with(_draft, lambda p: f"azioni/{p.risultati.first().azioni.first().pk}/modifica/"),
                         expect_for_family(CHANGERS)),
    "plan_agreement_add": ("get", _with(_draft, "accordo/"), expect_for_family(CHANGERS)),
    "plan_review_add": ("get", _with(_agreed, "verifica/"), expect_for_family(CHANGERS)),
    "plan_replan": ("get", _with(_agreed, "nuova-versione/"), expect_for_family(CHANGERS)),
    "plan_pdf": ("get", _with(_draft, "pdf/"), expect_for_family(READERS)),
    "plan_goal_translation": ("get", _with(_draft, lambda p: f"risultati/{p.risultati.first().pk}/traduzione/"),
                              expect_for_family(TRANSLATORS)),
    "plan_action_translation": ("get", _with(
        _draft, lambda p: f"azioni/{p.risultati.first().azioni.first().pk}/traduzione/"),
        expect_for_family(TRANSLATORS)),
    # An empty POST changes nothing: back to the plan with a message.
    "plan_translation_confirm": ("post", lambda w: _base(w) + f"traduzioni/{_translation(w).pk}/conferma/",
                                 expect_for_family(TRANSLATORS, ok=302)),
}
