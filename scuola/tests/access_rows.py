"""The school partnership's rows of the role × URL matrix (families/tests/test_access_matrix.py)."""

from core.testing import CHANGERS, READERS, expect_for_family
from scuola.tests.helpers import frequenza, meeting

# Who records a meeting with the school: the équipe's professionals, the teacher included; not the coach.
MEETING_WRITERS = {"casemanager", "educatore", "insegnante", "rt"}


def _base(w):
    return f"/famiglie/{w.family.pk}/scuola/"


def _frequenza(w):
    return _base(w) + f"frequenza/{frequenza(w).pk}/"


def _meeting(w):
    return _base(w) + f"incontri/{meeting(w).pk}/esito/"


ROWS = {
    "scuola_family": ("get", _base, expect_for_family(READERS)),
    "scuola_frequenza_add": ("get", lambda w: _base(w) + "frequenza/nuova/", expect_for_family(CHANGERS)),
    "scuola_frequenza_edit": ("get", _frequenza, expect_for_family(CHANGERS)),
    "scuola_meeting_add": ("get", lambda w: _base(w) + "incontri/nuovo/", expect_for_family(MEETING_WRITERS)),
    "scuola_meeting_outcome": ("get", _meeting, expect_for_family(MEETING_WRITERS)),
}
