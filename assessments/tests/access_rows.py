"""Rows of the role × URL matrix for the assessments' URLs (see families/tests/test_access_matrix.py)."""

from assessments.models import Response
from assessments.selectors import current_instrument_version
from core.testing import CHANGERS, PERSONAS, READERS, expect_for_family

# Who may start or fill an assessment of world.family: the case manager, the RT and the équipe's operators;
# the teacher only from the teacher's point of view; the coach reads.
WRITERS = CHANGERS | {"educatore"}


def _response(world, perspective="operatore"):
    Response.objects.filter(supersedes__isnull=False).delete()  # corrections opened by an earlier persona
    version = current_instrument_version("preassessment")
    response = Response.objects.filter(instrument_version=version, family=world.family, perspective=perspective).first()
    if response is None:
        response = Response.objects.create(instrument_version=version, family=world.family, time_point="data",
                                           perspective=perspective, date=world.consent.data,
                                           created_by=world.casemanager)
    return response


def _list_post_expected():
    # A POST with an empty form: writers get the form back with errors (422); readers who may not start
    # any assessment get 403; the teacher may start one (teacher's view) so gets 422 too.
    return {p: 422 if p in WRITERS | {"insegnante"} else 403 if p in READERS else 404 for p in PERSONAS}


def _detail_expected():
    # The teacher sees only the teachers' assessments: the équipe's pre-assessment answers 404 to them.
    expected = expect_for_family(READERS)
    expected["insegnante"] = 404
    return expected


def _correct_expected():
    expected = {p: 302 if p in WRITERS else 403 if p in READERS else 404 for p in PERSONAS}
    expected["insegnante"] = 404
    return expected


ROWS = {
    "instrument_list": ("get", lambda w: "/strumenti/", {p: 200 if p in {"rt", "rt_altro"} else 403 for p in PERSONAS}),
    "assessment_list": ("get", lambda w: f"/famiglie/{w.family.pk}/valutazioni/", expect_for_family(READERS)),
    "assessment_detail": ("get", lambda w: f"/famiglie/{w.family.pk}/valutazioni/{_response(w).pk}/", _detail_expected()),
    "assessment_correct": ("post", lambda w: f"/famiglie/{w.family.pk}/valutazioni/{_submitted(w).pk}/correzione/",
                           _correct_expected()),
    # An empty POST (stop sharing): the case manager and the RT decide what the family sees.
    "assessment_share": ("post", lambda w: f"/famiglie/{w.family.pk}/valutazioni/{_submitted(w).pk}/condivisione/",
                         {**expect_for_family(CHANGERS, ok=302), "insegnante": 404}),
    "mondo_del_bambino": ("get", lambda w: f"/famiglie/{w.family.pk}/valutazioni/mondo-del-bambino/"
                          f"{w.family.persone.get(target=True).pk}/", expect_for_family(READERS)),
}


def _submitted(world):
    response = _response(world)
    Response.objects.filter(pk=response.pk).update(status=Response.Status.SUBMITTED)
    return response
