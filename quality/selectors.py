from typing import Any

from django.db.models import Avg, Count, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import User
from common.i18n import FAMILY_LANGUAGE_CODES, LANGUAGE_NAMES
from organisation.models import Ambito

from .models import Survey, SurveyAnswer
from .policies import survey_ambiti

# Results are shown only from this many answers: fewer could let someone guess who answered.
MIN_ANSWERS = 3


def surveys_for(user: User) -> QuerySet[Survey]:
    return Survey.objects.filter(ambito_id__in=survey_ambiti(user))


def ambito_for_new_survey(user: User) -> Ambito | None:
    """Where a new questionnaire goes: the first, by name, of the ambiti whose questionnaires the user manages."""
    return Ambito.objects.filter(pk__in=survey_ambiti(user)).order_by("nome").first()


def get_survey_for(user: User, pk: int) -> Survey:
    survey = surveys_for(user).select_related("instrument_version").filter(pk=pk).first()
    if survey is None:
        raise Http404(_("Questionario non trovato."))
    return survey


def survey_results(survey: Survey) -> dict[str, Any]:
    """Per scale item: mean and distribution; free-text answers; all aggregated in SQL."""
    definition = survey.instrument_version.parsed
    n = survey.risposte.count()
    answers = SurveyAnswer.objects.filter(response__survey=survey)
    means = {r["item_code"]: float(r["m"]) for r in answers.filter(number__isnull=False)
             .values("item_code").annotate(m=Avg("number"))}
    distribution: dict[str, dict[int, int]] = {}
    for row in answers.filter(number__isnull=False).values("item_code", "number").annotate(c=Count("pk")):
        distribution.setdefault(row["item_code"], {})[int(row["number"])] = row["c"]
    items = []
    for item in definition.items:
        if item.type != "scale":
            continue
        counts = distribution.get(item.code, {})
        total = sum(counts.values()) or 1
        low, high = item.min or 0, item.max or 0  # the parser always sets a scale's bounds
        items.append({"item": item, "mean": round(means[item.code], 2) if item.code in means else None,
                      "bars": [{"value": v, "label": item.labels.get(v, str(v)), "count": counts.get(v, 0),
                                "pct": round(100 * counts.get(v, 0) / total)} for v in range(low, high + 1)]})
    texts = list(answers.exclude(text="").filter(item_code__in=[i.code for i in definition.items if i.type == "text"])
                 .values_list("text", flat=True))
    return {"n": n, "enough": n >= MIN_ANSWERS, "items": items, "texts": texts, "min": MIN_ANSWERS,
            "links": survey.links.count(), "used": survey.links.filter(used=True).count(),
            "languages": answers_by_language(survey)}


def answers_by_language(survey: Survey) -> dict[str, Any]:
    """How many answered in each language, counted in SQL.

    A language with fewer than MIN_ANSWERS answers would point at the family who speaks it: such languages are
    not named, only counted together as "other languages".
    """
    counts = {row["lingua"]: row["c"] for row in survey.risposte.values("lingua").annotate(c=Count("pk"))}
    shown = [{"code": code, "name": LANGUAGE_NAMES.get(code, code), "count": counts[code]}
             for code in [*FAMILY_LANGUAGE_CODES, *sorted(set(counts) - set(FAMILY_LANGUAGE_CODES))]
             if counts.get(code, 0) >= MIN_ANSWERS]
    others = sum(counts.values()) - sum(row["count"] for row in shown)
    return {"shown": shown, "others": others}
