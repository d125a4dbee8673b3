"""Reads of assessments. Access follows the family's: a response is reached through its family."""

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from families.models import Family
from families.selectors import can_change_family, get_family_for
from organisation.scope import get_scope

from .models import Instrument, InstrumentVersion, Perspective, Response, TimePoint

PREVIOUS_TIME_POINT = {TimePoint.T1: TimePoint.T0, TimePoint.T2: TimePoint.T1}


def previous_time_point(time_point: str) -> str | None:
    return PREVIOUS_TIME_POINT.get(time_point)


def is_teacher_of(user, family: Family) -> bool:
    return family.equipe_id in get_scope(user).restricted_equipe_ids


def can_write_response(user, family: Family, perspective: str) -> bool:
    """Équipe members (and the RT) fill assessments; a teacher only from the teacher's point of view;
    the coach reads."""
    scope = get_scope(user)
    if family.ambito_id in scope.rt_ambiti or family.equipe_id in scope.managed_equipe_ids:
        return True
    if family.equipe_id in scope.restricted_equipe_ids:
        return perspective == Perspective.INSEGNANTE
    member_of = scope.equipe_ids - (scope.coached_equipe_ids - _member_equipes(user))
    return family.equipe_id in member_of


def _member_equipes(user) -> frozenset[int]:
    from organisation.models import EquipeMember

    cached = getattr(user, "_trama_member_equipes", None)
    if cached is None:
        cached = frozenset(EquipeMember.objects.filter(user=user).values_list("equipe_id", flat=True))
        user._trama_member_equipes = cached
    return cached


def responses_visible_to(user, family: Family) -> QuerySet[Response]:
    """The family's assessments the user may read (a teacher reads the teachers' ones only)."""
    responses = Response.objects.filter(family=family).select_related(
        "instrument_version__instrument", "person", "created_by", "submitted_by")
    if is_teacher_of(user, family):
        responses = responses.filter(perspective=Perspective.INSEGNANTE)
    return responses


def get_response_for(user, family_pk: int, pk: int) -> Response:
    family = get_family_for(user, family_pk)
    response = responses_visible_to(user, family).filter(pk=pk).first()
    if response is None:
        raise Http404(_("Valutazione non trovata."))
    response.family = family
    return response


def instruments_for(family: Family) -> QuerySet[InstrumentVersion]:
    """The newest version of every instrument the family's ambito may use."""
    versions = []
    for instrument in Instrument.objects.filter(ambito__isnull=True) | Instrument.objects.filter(ambito=family.ambito_id):
        current = instrument.current_version()
        if current is not None:
            versions.append(current.pk)
    return InstrumentVersion.objects.filter(pk__in=versions).select_related("instrument").order_by("instrument__title")


def current_instrument_version(code: str, ambito_id: int | None = None) -> InstrumentVersion | None:
    return (InstrumentVersion.objects.filter(instrument__code=code, instrument__ambito__isnull=True)
            .order_by("-version").first())


def submitted(family: Family, code: str) -> QuerySet[Response]:
    return Response.objects.filter(family=family, instrument_version__instrument__code=code,
                                   status=Response.Status.SUBMITTED)


def latest_preassessment_outcome(family: Family) -> str | None:
    response = submitted(family, "preassessment").order_by("-submitted_at").first()
    if response is None:
        return None
    answer = response.answers.filter(item_code="esito").first()
    return answer.text if answer else None


def target_children_without_t0(family: Family) -> list:
    """Target children who have no submitted T0 of Il Mondo del Bambino from the équipe."""
    done = set(submitted(family, "mondo_del_bambino").filter(time_point=TimePoint.T0, perspective=Perspective.OPERATORE)
               .values_list("person_id", flat=True))
    return [p for p in family.persone.filter(target=True) if p.pk not in done]


__all__ = ["can_change_family"]
