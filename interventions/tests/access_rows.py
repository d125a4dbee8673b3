"""The dispositivi's rows of the role × URL matrix (families/tests/test_access_matrix.py)."""

from core.testing import CHANGERS, PERSONAS, expect_for_family, expect_for_role
from interventions.models import CalendarToken
from interventions.testing import parents_group, seregno_budget

# Who logs visits for world.family: its équipe's case manager and educator, and the RT (not the teacher, not the coach).
VISIT_WRITERS = {"casemanager", "educatore", "rt"}
# Who logs visits somewhere: équipe professionals and RTs.
OPERATORS = {"casemanager", "educatore", "casemanager2", "educatore2", "rt", "rt_altro"}
# Who sees the budget: the RT, the amministrativo, the ETS coordinator (their staff only).
BUDGET_READERS = {"rt", "amministrativo", "ets", "rt_altro"}


def _family(w):
    return f"/famiglie/{w.family.pk}/interventi/"


def _budget(w, fmt):
    seregno_budget(w.ambito)
    seregno_budget(w.other_ambito)
    return f"/interventi/budget/export.{fmt}"


def _budget_pk(w):
    return seregno_budget(w.ambito).pk


def _group(w, suffix=""):
    return f"/interventi/gruppi/{parents_group(w).pk}/{suffix}"


# The group is visible to its ambito's RT, its facilitator (educatore) and those who follow an enrolled family.
GROUP_SEERS = {"casemanager", "educatore", "insegnante", "rt", "coach"}
GROUP_RUNNERS = {"educatore", "rt"}


def _for_group(allowed):
    return {p: 200 if p in allowed else 403 if p in GROUP_SEERS else 404 for p in PERSONAS}


def _ical(w):
    return f"/interventi/ical/{CalendarToken.objects.get_or_create(user=w.educatore)[0].token}.ics"


ROWS = {
    "interventions_family": ("get", _family, expect_for_family({"casemanager", "educatore", "insegnante", "rt",
                                                                 "coach"})),
    "interventions_visit_add": ("get", lambda w: _family(w) + "nuovo/", expect_for_family(VISIT_WRITERS)),
    "interventions_assignment_add": ("get", lambda w: _family(w) + "assegnazioni/nuova/",
                                     expect_for_family(CHANGERS)),
    "interventions_my_week": ("get", lambda w: "/interventi/", expect_for_role(OPERATORS)),
    "interventions_visit_quick": ("get", lambda w: "/interventi/registra/", expect_for_role(OPERATORS)),
    # The overview: whoever works with families (not the teacher's restricted view, not the tutor).
    "interventions_overview": ("get", lambda w: "/interventi/famiglie/", expect_for_role(OPERATORS | {"coach"})),
    "interventions_budget": ("get", lambda w: "/interventi/budget/", expect_for_role(BUDGET_READERS)),
    "interventions_budget_create": ("get", lambda w: "/interventi/budget/nuovo/",
                                    expect_for_role({"rt", "amministrativo", "rt_altro"})),
    # The budget of world.ambito: its RT and amministrativo edit it; the other ambito's RT does not find it.
    "interventions_budget_edit": ("get", lambda w: f"/interventi/budget/{_budget_pk(w)}/modifica/",
                                  {p: 200 if p in {"rt", "amministrativo"} else 404 if p == "rt_altro" else 403
                                   for p in PERSONAS}),
    "interventions_budget_csv": ("get", lambda w: _budget(w, "csv"), expect_for_role(BUDGET_READERS)),
    "interventions_budget_xlsx": ("get", lambda w: _budget(w, "xlsx"), expect_for_role(BUDGET_READERS)),
    "interventions_groups": ("get", lambda w: "/interventi/gruppi/",
                             expect_for_role(OPERATORS | {"insegnante", "coach"})),
    "interventions_group_create": ("get", lambda w: "/interventi/gruppi/nuovo/", expect_for_role(OPERATORS)),
    "interventions_group_detail": ("get", _group, _for_group(GROUP_SEERS)),
    "interventions_group_enrol": ("get", lambda w: _group(w, "iscrivi/"), _for_group(GROUP_RUNNERS)),
    "interventions_meeting": ("get", lambda w: _group(w, "incontri/1/"), _for_group(GROUP_RUNNERS)),
    "interventions_calendar": ("get", lambda w: "/interventi/calendario/?vista=mese",
                               expect_for_role(OPERATORS | {"insegnante", "coach"})),
    "interventions_calendar_feed": ("get", lambda w: "/interventi/calendario/feed/",
                                    expect_for_role(OPERATORS | {"insegnante", "coach"})),
    "interventions_family_calendar": ("get", lambda w: _family(w) + "calendario/",
                                      expect_for_family({"casemanager", "educatore", "insegnante", "rt", "coach"})),
    # The feed needs no login: the secret token is the key (every persona, and anonymous visitors, get it).
    "interventions_ical": ("get", _ical, {p: 200 for p in PERSONAS}),
}
