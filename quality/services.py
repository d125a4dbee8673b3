"""Anonymous satisfaction questionnaires, on the shared instrument engine."""

import hashlib
import secrets
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from assessments.definition import clean_answer, is_answered
from assessments.models import InstrumentVersion
from audit.context import audit_reason
from organisation.models import Ambito

from .models import Survey, SurveyAnswer, SurveyLink, SurveyResponse
from .policies import require_survey_links, require_survey_manager

MAX_LINKS = 500


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def survey_create(*, ambito: Ambito, by: User, version: InstrumentVersion, titolo: str, destinatari: str,
                  apre_il: date, chiude_il: date) -> Survey:
    require_survey_manager(by, ambito.pk)
    if version.instrument.kind != "satisfaction":
        raise ValidationError({"instrument": _("Scegli un questionario di soddisfazione.")})
    if chiude_il < apre_il:
        raise ValidationError({"chiude_il": _("La chiusura non può precedere l'apertura.")})
    with transaction.atomic(), audit_reason(_("Nuovo questionario di soddisfazione")):
        return Survey.objects.create(ambito=ambito, instrument_version=version, titolo=titolo.strip(),
                                     destinatari=destinatari, apre_il=apre_il, chiude_il=chiude_il, created_by=by)


def links_generate(*, survey: Survey, by: User, count: int) -> list[str]:
    """New one-time links; the tokens are returned once (to print or send) and only their hash is stored."""
    require_survey_links(by, survey)
    if not 1 <= count <= MAX_LINKS:
        raise ValidationError(_("Puoi creare da 1 a %(n)s link per volta.") % {"n": MAX_LINKS})
    tokens = [secrets.token_urlsafe(16) for _ in range(count)]
    SurveyLink.objects.bulk_create([SurveyLink(survey=survey, token_hash=_hash(t)) for t in tokens])
    return tokens


class LinkProblem(Exception):
    pass


def link_survey(token: str) -> Survey:
    link = SurveyLink.objects.select_related("survey__instrument_version").filter(token_hash=_hash(token)).first()
    if link is None:
        raise LinkProblem("unknown")
    if link.used:
        raise LinkProblem("used")
    today = timezone.localdate()
    if not link.survey.apre_il <= today <= link.survey.chiude_il:
        raise LinkProblem("closed")
    return link.survey


def survey_answer(*, token: str, values: dict[str, Any], language: str = "it") -> SurveyResponse:
    """Record one anonymous answer; the link is spent in the same transaction, so a double submit fails."""
    with transaction.atomic():
        link = SurveyLink.objects.select_for_update().filter(token_hash=_hash(token)).first()
        if link is None:
            raise LinkProblem("unknown")
        if link.used:
            raise LinkProblem("used")
        survey = Survey.objects.select_related("instrument_version").get(pk=link.survey_id)
        response = record_answer(survey=survey, values=values, language=language)
        link.used = True
        link.save(update_fields=["used"])
        return response


def record_answer(*, survey: Survey, values: dict[str, Any], language: str = "it") -> SurveyResponse:
    """Validate and store one anonymous answer (no link, no person: the day and the language only)."""
    with transaction.atomic():
        if not survey.apre_il <= timezone.localdate() <= survey.chiude_il:
            raise LinkProblem("closed")
        definition = survey.instrument_version.parsed
        labels = definition.localized(language)["items"]  # the question as the reader saw it
        errors, rows = [], []
        for item in definition.items:
            stored, error = clean_answer(item, values.get(item.code))
            if error:
                errors.append(error)
            elif item.required and not is_answered(item, stored):
                errors.append(_("«%(l)s»: rispondi a questa domanda.") % {"l": labels[item.code]})
            elif is_answered(item, stored):
                rows.append((item.code, stored))
        if errors:
            raise ValidationError(errors)
        response = SurveyResponse.objects.create(survey=survey, giorno=timezone.localdate(), lingua=language[:8])
        SurveyAnswer.objects.bulk_create([
            SurveyAnswer(response=response, item_code=code, number=stored["number"], text=stored["text"],
                         choices=stored["choices"]) for code, stored in rows])
        return response
