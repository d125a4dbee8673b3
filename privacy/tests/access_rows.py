"""GDPR pages in the role × URL matrix: the case manager and the RT; hold and erasure: the RT only."""

from core.testing import PERSONAS, READERS, expect_for_family

MANAGERS = {"casemanager", "rt"}


def _base(w):
    return f"/famiglie/{w.family.pk}/privacy/"


ROWS = {
    "privacy_family": ("get", _base, expect_for_family(MANAGERS)),
    "privacy_export_json": ("get", lambda w: _base(w) + "dati.json", expect_for_family(MANAGERS)),
    "privacy_export_pdf": ("get", lambda w: _base(w) + "dati.pdf", expect_for_family(MANAGERS)),
    "privacy_history": ("get", lambda w: _base(w) + "modifiche/", expect_for_family(MANAGERS)),
    # An empty POST (release the hold): the RT is sent back to the page; the other readers get 403.
    "privacy_hold": ("post", lambda w: _base(w) + "blocco/", expect_for_family({"rt"}, ok=302)),
    "privacy_erase": ("get", lambda w: _base(w) + "cancellazione/", expect_for_family({"rt"})),
    # Whoever follows families; the others have no family to see consents of.
    "consent_register": ("get", lambda w: "/privacy/consensi/",
                         {p: 200 if p in READERS | {"casemanager2", "educatore2", "tutor", "rt_altro"} else 403
                          for p in PERSONAS}),
}
