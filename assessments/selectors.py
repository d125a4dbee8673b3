"""Reads of assessments. Access follows the family's: a response is reached through its family."""

from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from families.models import Family, PathEvent, Person, Stato
from families.policies import is_teacher_of
from families.selectors import families_visible_to, get_family_for
from organisation.models import Ambito

from .models import Answer, InstrumentVersion, Perspective, Response, TimePoint
from .policies import instrument_ambiti_of

PREVIOUS_TIME_POINT: dict[str, str] = {TimePoint.T1: TimePoint.T0, TimePoint.T2: TimePoint.T1}


def previous_time_point(time_point: str) -> str | None:
    return PREVIOUS_TIME_POINT.get(time_point)


def responses_visible_to(user: User, family: Family) -> QuerySet[Response]:
    """The family's assessments the user may read (a teacher reads the teachers' ones only)."""
    responses = Response.objects.filter(family=family).select_related(
        "instrument_version__instrument", "person", "created_by", "submitted_by")
    if is_teacher_of(user, family):
        responses = responses.filter(perspective=Perspective.INSEGNANTE)
    return responses


def get_response_for(user: User, family_pk: int, pk: int) -> Response:
    family = get_family_for(user, family_pk)
    response = responses_visible_to(user, family).filter(pk=pk).first()
    if response is None:
        raise Http404(_("Valutazione non trovata."))
    response.family = family
    return response


def instruments_for(family: Family) -> QuerySet[InstrumentVersion]:
    """The newest version of every instrument the family's ambito may use."""
    newest = InstrumentVersion.objects.filter(instrument=OuterRef("instrument")).order_by("-version").values("pk")[:1]
    return (
        InstrumentVersion.objects.filter(Q(instrument__ambito__isnull=True) | Q(instrument__ambito=family.ambito_id),
                                         pk=Subquery(newest))
        .exclude(instrument__kind="satisfaction")  # anonymous questionnaires live in the quality app
        .select_related("instrument").order_by("instrument__title")
    )


def response_version(response: Response) -> int:
    """The response's version as saved now (a draft saved just before a refused submission moved it on)."""
    return Response.objects.values_list("version", flat=True).get(pk=response.pk)


def instrument_ambito_for(user: User) -> Ambito | None:
    """The ambito whose own instruments the user manages (the first, for an RT of several)."""
    return Ambito.objects.filter(pk__in=instrument_ambiti_of(user)).order_by("nome").first()


def instrument_versions_for(ambito: Ambito | None) -> QuerySet[InstrumentVersion]:
    """The shipped instruments' versions and the ambito's own."""
    return (InstrumentVersion.objects.filter(instrument__ambito__isnull=True)
            | InstrumentVersion.objects.filter(instrument__ambito=ambito)).select_related("instrument__ambito")


def current_instrument_version(code: str, ambito_id: int | None = None, *,
                               only: tuple[str, ...] = ()) -> InstrumentVersion | None:
    """The newest version of a shipped instrument; `only`: the fields to load (the definition is large)."""
    versions = InstrumentVersion.objects.filter(instrument__code=code, instrument__ambito__isnull=True)
    if only:
        versions = versions.only(*only)
    return versions.order_by("-version").first()


def submitted(family: Family, code: str) -> QuerySet[Response]:
    return Response.objects.filter(family=family, instrument_version__instrument__code=code,
                                   status=Response.Status.SUBMITTED)


# A T1 or T2 this soon after the intervention began is most likely the wrong time point chosen in the menu.
EARLY_DAYS = 90


def early_time_point_warning(response: Response) -> str | None:
    """Why a draft T1/T2 looks too early for the family's path, in Italian; None when it does not."""
    if response.time_point not in (TimePoint.T1, TimePoint.T2) or response.status != Response.Status.DRAFT:
        return None
    started = (PathEvent.objects.filter(family_id=response.family_id, to_state=Stato.IN_CORSO).order_by("-at")
               .values_list("at", flat=True).first())
    if started is None:
        return _("L'intervento con la famiglia non è ancora iniziato: la %(t)s si compila durante il percorso "
                 "(T1 a metà, T2 alla fine). Controlla il momento prima di inviare.") % {"t": response.time_point}
    began = timezone.localtime(started).date()
    days = (response.date - began).days
    if days < EARLY_DAYS:
        return _("L'intervento è iniziato il %(dal)s, %(giorni)d giorni prima della data di questa valutazione: la "
                 "%(t)s si compila di solito a metà percorso (T1) o alla fine (T2). Controlla il momento prima di "
                 "inviare.") % {"dal": began.strftime("%d/%m/%Y"), "giorni": max(days, 0), "t": response.time_point}
    return None


def latest_preassessment_outcome(family: Family) -> str | None:
    response = submitted(family, "preassessment").order_by("-submitted_at").first()
    if response is None:
        return None
    answer = response.answers.filter(item_code="esito").first()
    return answer.text if answer else None


def target_children_without(family: Family, time_point: str) -> list[Person]:
    """Target children who have no submitted Il Mondo del Bambino from the équipe at `time_point`."""
    done = set(submitted(family, "mondo_del_bambino").filter(time_point=time_point, perspective=Perspective.OPERATORE)
               .values_list("person_id", flat=True))
    return [p for p in family.persone.filter(target=True) if p.pk not in done]


def target_children_without_t0(family: Family) -> list[Person]:
    return target_children_without(family, TimePoint.T0)


def mdb_overview(user: User, family: Family, person: Person) -> dict[str, Any]:
    """Il Mondo del Bambino for one child: per sub-dimension the scores at T0, T1, T2 (équipe's view),
    the family's and the child's own view beside them, and the section means for the triangle."""
    version = current_instrument_version("mondo_del_bambino")
    definition = version.parsed if version else None
    responses = list(
        responses_visible_to(user, family)
        .filter(person=person, status=Response.Status.SUBMITTED, instrument_version__instrument__code="mondo_del_bambino")
        .exclude(time_point=TimePoint.DATA)
        .order_by("time_point", "-submitted_at")
    )
    latest: dict[tuple[str, str], Response] = {}
    for response in responses:
        latest.setdefault((response.time_point, response.perspective), response)
    answers = Answer.objects.filter(response__in=list(latest.values())).values("response_id", "item_code", "number", "note")
    by_response: dict[int, dict[str, Mapping[str, Any]]] = {}
    for a in answers:
        by_response.setdefault(a["response_id"], {})[a["item_code"]] = a

    def score(time_point: str, perspective: str, code: str) -> float | None:
        response = latest.get((time_point, perspective))
        answer = by_response.get(response.pk, {}).get(code) if response else None
        return float(answer["number"]) if answer and answer["number"] is not None else None

    def note(time_point: str, perspective: str, code: str) -> str:
        response = latest.get((time_point, perspective))
        answer = by_response.get(response.pk, {}).get(code) if response else None
        return answer["note"] if answer else ""

    sections = []
    if definition:
        for section in definition.sections:
            rows: list[dict[str, Any]] = []
            for item in section.items:
                t = {tp: score(tp, Perspective.OPERATORE, item.code) for tp in ("T0", "T1", "T2")}
                first = t["T0"]
                last = next((t[tp] for tp in ("T2", "T1") if t[tp] is not None), None)
                rows.append({
                    "item": item, "t0": t["T0"], "t1": t["T1"], "t2": t["T2"],
                    "change": round(last - first, 1) if first is not None and last is not None else None,
                    "famiglia": score(_latest_tp(latest, Perspective.FAMIGLIA), Perspective.FAMIGLIA, item.code),
                    "bambino": score(_latest_tp(latest, Perspective.BAMBINO), Perspective.BAMBINO, item.code),
                    "narrative": note(_latest_tp(latest, Perspective.OPERATORE), Perspective.OPERATORE, item.code),
                })
            sections.append({"section": section, "rows": rows, "means": {
                tp: _mean([r[tp.lower()] for r in rows]) for tp in ("T0", "T1", "T2")}})
    return {"definition": definition, "sections": sections, "latest": latest,
            "scale": (definition.items[0].min, definition.items[0].max) if definition else (1, 6)}


def _latest_tp(latest: dict[tuple[str, str], Response], perspective: str) -> str:
    for tp in ("T2", "T1", "T0"):
        if (tp, perspective) in latest:
            return tp
    return "T0"


def _mean(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return round(sum(present) / len(present), 1) if present else None


def drafts_waiting(user: User, *, older_than_days: int = 7, limit: int = 10) -> list[Response]:
    """Drafts the user's équipe left open for more than a week (shown on the dashboard)."""
    cutoff = timezone.now() - timedelta(days=older_than_days)
    return list(
        Response.objects.filter(family__in=families_visible_to(user), status=Response.Status.DRAFT,
                                updated_at__lt=cutoff)
        .select_related("family", "person", "instrument_version__instrument")
        # What the dashboard shows: not the instrument's definition (a large JSON) nor the rows' other columns.
        .only("time_point", "family__nome", "family__codice", "person__nome",
              "instrument_version__instrument__title")
        .order_by("updated_at")[:limit]
    )
