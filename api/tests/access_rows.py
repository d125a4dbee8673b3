"""Rows of the role × URL matrix for the REST API (session login; the token login is tested apart)."""

import random

from core.testing import CHANGERS, PERSONAS, READERS, expect_for_family
from network.tests.factories import make_referral
from plans.demo import add_demo_plans
from plans.selectors import current_plan

CASE_STAFF = READERS | {"casemanager2", "educatore2", "tutor", "rt_altro"}


def _plan(world):
    return current_plan(world.family) or add_demo_plans(world.family, world.casemanager, random.Random(1))


def _with_plan(world):
    _plan(world)
    return f"/api/v1/families/{world.family.pk}/plan/"


ROWS = {
    # The OpenAPI document and its browsable page are public: they describe the API, no data.
    "api_openapi": ("get", lambda w: "/api/v1/openapi.json", {p: 200 for p in PERSONAS}),
    "api_openapi_yaml": ("get", lambda w: "/api/v1/openapi.yaml", {p: 200 for p in PERSONAS}),
    "api_docs": ("get", lambda w: "/api/v1/docs/", {p: 200 for p in PERSONAS}),
    "api_family_list": ("get", lambda w: "/api/v1/families/",
                        {p: 200 if p in CASE_STAFF else 403 for p in PERSONAS}),
    "api_family_detail": ("get", lambda w: f"/api/v1/families/{w.family.pk}/", expect_for_family(READERS)),
    # An empty POST: the case manager and the RT get the rules' answer (400); readers 403; others 404.
    "api_family_transition": ("post", lambda w: f"/api/v1/families/{w.family.pk}/transition/",
                              expect_for_family(CHANGERS, ok=400)),
    "api_family_assessments": ("get", lambda w: f"/api/v1/families/{w.family.pk}/assessments/",
                               expect_for_family(READERS)),
    "api_family_plan": ("get", _with_plan, expect_for_family(READERS)),
    "api_family_persons": ("get", lambda w: f"/api/v1/families/{w.family.pk}/persons/", expect_for_family(READERS)),
    "api_family_activities": ("get", lambda w: f"/api/v1/families/{w.family.pk}/activities/",
                              expect_for_family(READERS)),
    # Who follows referrals in the UI: the RT, the tutor, and the équipe roles (as receiving services).
    "api_referral_list": ("get", lambda w: "/api/v1/referrals/",
                          {p: 200 if p in {"rt", "rt_altro", "tutor", "casemanager", "casemanager2", "educatore",
                                           "educatore2", "insegnante"} else 403 for p in PERSONAS}),
}


def _referral_status(w):
    return f"/api/v1/referrals/{make_referral(w).pk}/status/"


def _action_status(w):
    return f"/api/v1/families/{w.family.pk}/plan/actions/{_plan(w).risultati.first().azioni.first().pk}/status/"


ROWS.update({
    # An empty POST: who may update the referral gets 400 (the rules); the others do not find it.
    "api_referral_status": ("post", _referral_status,
                            {p: 400 if p in {"rt", "tutor", "insegnante"} else 404 for p in PERSONAS}),
    "api_plan_action_status": ("post", _action_status, expect_for_family(CHANGERS, ok=400)),
    "api_plan_goals": ("post", lambda w: (_plan(w), f"/api/v1/families/{w.family.pk}/plan/goals/")[1],
                       expect_for_family(CHANGERS, ok=400)),
})
