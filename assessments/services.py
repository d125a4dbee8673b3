"""Writes of instruments and responses: validate, write in one transaction, audit-logged."""

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.context import audit_reason
from common.exceptions import StaleEdit
from families.models import Family, Person
from organisation.models import Ambito

from .definition import (
    Definition,
    DefinitionError,
    Item,
    clean_answer,
    is_answered,
    parse_toml,
    shipped_definitions,
)
from .models import Answer, Instrument, InstrumentVersion, Response, TimePoint
from .policies import can_write_response, require_publish_instrument, require_share_with_family

PREVIOUS: dict[str, str] = {TimePoint.T1: TimePoint.T0, TimePoint.T2: TimePoint.T1}


class StaleResponse(StaleEdit):
    """Someone else saved the response after the user opened it; `current` is the response as it is now."""

    current: Response


def instrument_publish(*, definition: Definition, ambito: Ambito | None = None) -> InstrumentVersion:
    """Publish a definition. The same version with other content is refused: published versions never change."""
    with transaction.atomic():
        instrument, _created = Instrument.objects.get_or_create(
            ambito=ambito, code=definition.code,
            defaults={"title": definition.title, "kind": definition.kind, "subject": definition.subject})
        existing = instrument.versions.filter(version=definition.version).first()
        if existing is not None:
            if existing.checksum != definition.checksum:
                raise DefinitionError(
                    _("La versione %(v)s di «%(c)s» è già pubblicata con un contenuto diverso: pubblica una nuova versione.")
                    % {"v": definition.version, "c": definition.code})
            return existing
        Instrument.objects.filter(pk=instrument.pk).update(title=definition.title, kind=definition.kind,
                                                           subject=definition.subject)
        return InstrumentVersion.objects.create(instrument=instrument, version=definition.version,
                                                definition=definition.raw, checksum=definition.checksum)


def instruments_sync_shipped() -> list[InstrumentVersion]:
    return [instrument_publish(definition=d) for d in shipped_definitions()]


def _check_start(*, version: InstrumentVersion, family: Family, person: Person | None, time_point: str,
                 perspective: str) -> None:
    definition = version.parsed
    errors = []
    if definition.subject == "person":
        if person is None:
            errors.append(_("Scegli il bambino o la bambina a cui si riferisce la valutazione."))
        elif person.family_id != family.pk or not person.target:
            errors.append(_("La valutazione riguarda un bambino target di questa famiglia."))
    elif person is not None and person.family_id != family.pk:
        errors.append(_("Scegli un componente di questa famiglia."))
    if errors:
        raise ValidationError(errors)
    if time_point in PREVIOUS:
        before = PREVIOUS[time_point]
        if not Response.objects.filter(instrument_version__instrument=version.instrument, family=family,
                                       person=person, perspective=perspective, time_point=before,
                                       status=Response.Status.SUBMITTED).exists():
            raise ValidationError(_("Non puoi registrare la %(t)s prima di aver completato la %(b)s.")
                                  % {"t": time_point, "b": before})
    if time_point != TimePoint.DATA:
        clash = Response.objects.filter(instrument_version__instrument=version.instrument, family=family,
                                        person=person, perspective=perspective, time_point=time_point,
                                        status__in=[Response.Status.DRAFT, Response.Status.SUBMITTED]).first()
        if clash is not None:
            raise ValidationError(_("Esiste già una valutazione %(t)s da questo punto di vista: aprila o correggila.")
                                  % {"t": time_point})


def response_start(*, version: InstrumentVersion, family: Family, by: User, time_point: str, perspective: str,
                   person: Person | None = None, on: date | None = None) -> Response:
    if not can_write_response(by, family, perspective):
        raise PermissionDenied(_("Non puoi compilare valutazioni per questa famiglia."))
    if version.instrument.ambito_id not in (None, family.ambito_id):
        raise ValidationError(_("Questo strumento non appartiene all'ambito della famiglia."))
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise ValidationError(_("La data della valutazione non può essere nel futuro."))
    with transaction.atomic(), audit_reason(_("Avvio di una valutazione")):
        Family.objects.select_for_update().filter(pk=family.pk).first()  # serialise starts on the same family
        _check_start(version=version, family=family, person=person, time_point=time_point, perspective=perspective)
        return Response.objects.create(instrument_version=version, family=family, person=person,
                                       time_point=time_point, perspective=perspective, date=on, created_by=by)


def _write_answers(response: Response, values: Mapping[str, object], notes: Mapping[str, str]) -> None:
    definition = response.instrument_version.parsed
    errors = []
    cleaned: dict[str, tuple[Item, dict[str, Any]]] = {}
    for item in definition.items:
        stored, error = clean_answer(item, values.get(item.code), notes.get(item.code, "") if item.narrative else "")
        if error:
            errors.append(error)
        cleaned[item.code] = (item, stored)
    if errors:
        raise ValidationError(errors)
    existing = {a.item_code: a for a in response.answers.all()}
    for code, (item, stored) in cleaned.items():
        answer = existing.get(code)
        if answer is None:
            if is_answered(item, stored) or stored["note"]:
                answer = Answer(response=response, item_code=code, **stored)
                answer.save()
            continue
        if any(getattr(answer, k) != v for k, v in stored.items()):
            for k, v in stored.items():
                setattr(answer, k, v)
            answer.save()


def response_save(*, response: Response, by: User, version: int, values: Mapping[str, object],
                  notes: Mapping[str, str] | None = None) -> Response:
    """Save a draft; answers outside the scale or the options are refused with the item named."""
    if not can_write_response(by, response.family, response.perspective):
        raise PermissionDenied(_("Non puoi modificare questa valutazione."))
    with transaction.atomic(), audit_reason(_("Salvataggio della bozza di valutazione")):
        current = Response.objects.select_for_update().select_related("family").get(pk=response.pk)
        if current.is_locked:
            raise ValidationError(_("Questa valutazione è già stata inviata: per cambiarla, crea una correzione."))
        if current.version != version:
            raise StaleResponse(current)
        current.instrument_version = response.instrument_version
        _write_answers(current, values, notes or {})
        current.version += 1
        current.save()
    return current


def missing_items(response: Response) -> list[str]:
    definition = response.instrument_version.parsed
    answers = {a.item_code: a for a in response.answers.all()}
    missing = []
    for item in definition.items:
        answer = answers.get(item.code)
        stored = {"number": answer.number, "text": answer.text, "choices": answer.choices, "date": answer.date} \
            if answer else {}
        if item.required and not is_answered(item, stored):
            missing.append(item.label)
    return missing


def compute_scores(response: Response) -> dict[str, float]:
    definition = response.instrument_version.parsed
    numbers = {a.item_code: float(a.number) for a in response.answers.all() if a.number is not None}
    scores: dict[str, float] = {}
    for section in definition.sections:
        values = [numbers[i.code] for i in section.items if i.type == "scale" and i.code in numbers]
        if section.score == "none" or not values:
            continue
        scores[section.code] = round(sum(values) / len(values), 2) if section.score == "mean" else sum(values)
    return scores


def response_submit(*, response: Response, by: User) -> Response:
    """Lock a draft. Missing required items keep it a draft, and the message lists them."""
    if not can_write_response(by, response.family, response.perspective):
        raise PermissionDenied(_("Non puoi inviare questa valutazione."))
    with transaction.atomic(), audit_reason(_("Invio della valutazione")):
        current = Response.objects.select_for_update().select_related("family", "instrument_version").get(pk=response.pk)
        if current.is_locked:
            raise ValidationError(_("Questa valutazione è già stata inviata."))
        missing = missing_items(current)
        if missing:
            raise ValidationError(_("La bozza è salvata, ma per inviarla mancano: %(m)s.") % {"m": "; ".join(missing)})
        if current.supersedes_id:
            Response.objects.filter(pk=current.supersedes_id).update(status=Response.Status.SUPERSEDED)
        current.status = Response.Status.SUBMITTED
        current.submitted_by = by
        current.submitted_at = timezone.now()
        current.scores = compute_scores(current)
        current.version += 1
        current.save()
    return current


def response_correct(*, response: Response, by: User) -> Response:
    """Open a correction: a new draft with the same answers that will supersede the submitted one."""
    if not can_write_response(by, response.family, response.perspective):
        raise PermissionDenied(_("Non puoi correggere questa valutazione."))
    with transaction.atomic(), audit_reason(_("Correzione di una valutazione inviata")):
        current = Response.objects.select_for_update().get(pk=response.pk)
        if current.status != Response.Status.SUBMITTED:
            raise ValidationError(_("Si corregge solo una valutazione inviata e non già sostituita."))
        if Response.objects.filter(supersedes=current).exists():
            raise ValidationError(_("È già aperta una correzione di questa valutazione."))
        correction = Response.objects.create(
            instrument_version=current.instrument_version, family=current.family, person=current.person,
            time_point=current.time_point, date=current.date, perspective=current.perspective,
            supersedes=current, created_by=by)
        for answer in current.answers.all():
            Answer.objects.create(response=correction, item_code=answer.item_code, number=answer.number,
                                  text=answer.text, choices=answer.choices, date=answer.date, note=answer.note)
    return correction


def publish_ambito_instrument(*, ambito: Ambito, text: str, by: User) -> InstrumentVersion:
    """An ambito adds its own instrument (TOML text), without code."""
    require_publish_instrument(by, ambito)
    return instrument_publish(definition=parse_toml(text), ambito=ambito)


def response_share(*, response: Response, by: User, shared: bool) -> Response:
    """Show (or stop showing) a submitted Il Mondo del Bambino's synthesis to the family in its portal."""
    require_share_with_family(by, response.family)
    if shared and (response.status != Response.Status.SUBMITTED
                   or response.instrument_version.parsed.kind != "mdb" or response.perspective == "famiglia"):
        raise ValidationError(_("Si condivide con la famiglia solo un Mondo del Bambino inviato dall'équipe."))
    with transaction.atomic(), audit_reason(_("Condivisione con la famiglia") if shared
                                            else _("Fine della condivisione con la famiglia")):
        current = Response.objects.select_for_update().get(pk=response.pk)
        current.condivisa_il = timezone.now() if shared else None
        current.condivisa_da = by if shared else None
        current.save(update_fields=["condivisa_il", "condivisa_da", "updated_at"])
    return current
