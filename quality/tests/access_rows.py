from core.testing import PERSONAS
from quality.services import links_generate

from .factories import survey

MANAGERS = {"rt", "amministrativo"}


def _public(world):
    return f"/q/{links_generate(survey=survey(world), by=world.rt, count=1)[0]}/"


ROWS = {
    "survey_list": ("get", lambda w: "/qualita/", {p: 200 if p in MANAGERS | {"rt_altro"} else 403 for p in PERSONAS}),
    "survey_detail": ("get", lambda w: f"/qualita/{survey(w).pk}/", {p: 200 if p in MANAGERS else 404 for p in PERSONAS}),
    "survey_links": ("post", lambda w: f"/qualita/{survey(w).pk}/link/",
                     {p: 302 if p in MANAGERS else 404 for p in PERSONAS}),
    "survey_report": ("get", lambda w: f"/qualita/{survey(w).pk}/relazione/",
                      {p: 200 if p in MANAGERS else 404 for p in PERSONAS}),
    "survey_public": ("get", _public, {p: 200 for p in PERSONAS}),
}
