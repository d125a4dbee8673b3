"""Vicinanza solidale's rows of the role × URL matrix (families/tests/test_access_matrix.py)."""

from core.testing import CHANGERS, PERSONAS, expect_for_family, expect_for_role
from vicinanza.testing import pairing, support_family

# Who keeps the register: the RT, the case managers and the ETS coordinators of the ambito.
REGISTER = {"rt", "casemanager", "casemanager2", "ets", "rt_altro"}
FULL_VIEW = {"casemanager", "educatore", "rt", "coach"}


def _sostenitore(w, suffix=""):
    return f"/vicinanza/{support_family(w).pk}/{suffix}"


def _pairing(w, suffix=""):
    return f"/vicinanza/abbinamenti/{pairing(w).pk}/{suffix}"


def _register_entry():
    """The ambito's register keepers see it; the other ambito's RT gets 404; everyone else 403."""
    return {p: 200 if p in REGISTER - {"rt_altro"} else 404 if p == "rt_altro" else 403 for p in PERSONAS}


def _for_pairing(allowed, ok=200):
    """The pairing is seen by the family's full-view readers and by its volunteer; actions per `allowed`."""
    seers = FULL_VIEW | {"volontario"}
    return {p: ok if p in allowed else 403 if p in seers else 404 for p in PERSONAS}


ROWS = {
    "vicinanza_register": ("get", lambda w: "/vicinanza/", expect_for_role(REGISTER)),
    "vicinanza_create": ("get", lambda w: "/vicinanza/nuovo/", expect_for_role(REGISTER)),
    "vicinanza_mine": ("get", lambda w: "/vicinanza/miei/", expect_for_role({"volontario"})),
    "vicinanza_detail": ("get", _sostenitore, _register_entry()),
    "vicinanza_edit": ("get", lambda w: _sostenitore(w, "modifica/"), _register_entry()),
    "vicinanza_family": ("get", lambda w: f"/famiglie/{w.family.pk}/vicinanza/", expect_for_family(FULL_VIEW)),
    "vicinanza_propose": ("get", lambda w: f"/famiglie/{w.family.pk}/vicinanza/proponi/",
                          expect_for_family(CHANGERS)),
    "vicinanza_pairing": ("get", _pairing, _for_pairing(FULL_VIEW | {"volontario"})),
    "vicinanza_pairing_agree": ("get", lambda w: _pairing(w, "accordo/"), _for_pairing(CHANGERS)),
    "vicinanza_pairing_review": ("get", lambda w: _pairing(w, "verifica/"), _for_pairing(CHANGERS)),
    "vicinanza_pairing_close": ("get", lambda w: _pairing(w, "conclusione/"), _for_pairing(CHANGERS)),
    # An empty form: 400 for those who may log an activity, 403/404 for the others.
    "vicinanza_activity_add": ("post", lambda w: _pairing(w, "attivita/"),
                               _for_pairing({"casemanager", "educatore", "rt", "volontario"}, ok=400)),
}
