"""GDPR actions on a family: access export, legal hold, anonymisation after the retention period, erasure.

Every action is audit-logged with its reason. Anonymisation writes with QuerySet.update(), so that the
audit log does not receive the identifiers again as "old values"; the log records the act, not the data.
"""

import json
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.context import audit_reason
from audit.models import AuditEntry
from audit.services import log_view
from families.models import Consent, Family, Person, Stato

from .collect import as_rows, related_objects
from .models import PrivacyStatus
from .policies import require_access_export, require_erase, require_legal_hold

# States in which a family was never taken in charge: it may be erased if it was registered by mistake.
ERASABLE_STATES = (Stato.SEGNALATA, Stato.PREASSESSMENT, Stato.NON_INCLUSA)


def access_export(*, family: Family, by: User) -> dict[str, Any]:
    """Everything held about the family (GDPR art. 15), as a JSON-ready dict; the export is audit-logged."""
    require_access_export(by, family)
    sections = []
    for model, instances in sorted(related_objects(family).items(), key=lambda kv: str(kv[0]._meta.verbose_name)):
        sections.append({"tipo": str(model._meta.verbose_name_plural), "modello": model._meta.label_lower,
                         "righe": as_rows(instances)})
    accesses = (AuditEntry.objects.filter(family_id=family.pk, action=AuditEntry.Action.ACCESS)
                .select_related("actor").order_by("timestamp"))
    sections.append({"tipo": str(_("accessi registrati")), "modello": "audit.accessi", "righe": [
        {"quando": e.timestamp, "chi": e.actor.get_full_name() if e.actor else "", "motivo": e.reason}
        for e in accesses]})
    log_view(user=by, obj=family, reason=_("Esportazione dei dati per l'accesso dell'interessato (GDPR art. 15)"))
    return {"famiglia": family.codice, "generato_il": timezone.now(), "generato_da": by.get_full_name(),
            "sezioni": sections}


def export_json(data: dict[str, Any]) -> bytes:
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


def status_of(family: Family) -> PrivacyStatus:
    return PrivacyStatus.objects.get_or_create(family=family)[0]


def legal_hold_set(*, family: Family, by: User, hold: bool, reason: str = "") -> PrivacyStatus:
    """Suspend (or release) the anonymisation, e.g. while proceedings are open; the RT decides."""
    require_legal_hold(by, family)
    if hold and not (reason or "").strip():
        raise ValidationError({"reason": _("Scrivi il motivo del blocco, per esempio il procedimento in corso.")})
    with transaction.atomic(), audit_reason(_("Blocco per motivi legali") if hold else _("Fine del blocco legale")):
        status = PrivacyStatus.objects.select_for_update().get_or_create(family=family)[0]
        status.legal_hold, status.legal_hold_reason = hold, (reason or "").strip() if hold else ""
        status.legal_hold_by, status.legal_hold_at = (by, timezone.now()) if hold else (None, None)
        status.save()
    return status


def retention_limit(today: date | None = None) -> date:
    today = today or timezone.localdate()
    return today - timedelta(days=365 * settings.TRAMA_RETENTION_YEARS)


def expired_families(today: date | None = None) -> QuerySet[Family]:
    """Closed families past the retention period, not on legal hold and not yet anonymised."""
    limit = retention_limit(today)
    return (Family.objects.filter(stato=Stato.CHIUSA, stato_dal__date__lt=limit)
            .exclude(privacy__legal_hold=True).exclude(privacy__anonimizzata_il__isnull=False).order_by("pk"))


def _blank_text(model: type[models.Model], pks: list[int]) -> None:
    text_fields = [f.name for f in model._meta.concrete_fields if isinstance(f, models.TextField)]
    file_fields = [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
    for instance in model._default_manager.filter(pk__in=pks):
        for f in file_fields:
            value = getattr(instance, f.name)
            if value:
                value.delete(save=False)
    changes = {name: "" for name in text_fields} | {f.name: "" for f in file_fields}
    if changes:
        model._default_manager.filter(pk__in=pks).update(**changes)


def anonymise(*, family: Family) -> None:
    """Remove what identifies the family's people and every narrative; keep what the statistics need
    (states, dates of the path, scores, hours, comune, citizenship, year of birth)."""
    if family.stato != Stato.CHIUSA:
        raise ValidationError(_("Si anonimizzano solo le famiglie che hanno chiuso il percorso."))
    status = status_of(family)
    if status.legal_hold:
        raise ValidationError(_("La famiglia è bloccata per motivi legali: non si anonimizza."))
    with transaction.atomic(), audit_reason(_("Anonimizzazione dopo il periodo di conservazione")):
        for model, instances in related_objects(family).items():
            if model in (PrivacyStatus, AuditEntry):
                continue
            _blank_text(model, [i.pk for i in instances])
        for person in Person.objects.filter(family=family):
            born = person.data_nascita.replace(month=1, day=1) if person.data_nascita else None
            Person.objects.filter(pk=person.pk).update(nome=_("Anonimo"), cognome="", codice_fiscale="",
                                                        data_nascita=born, user=None, lingue="")
            if person.user_id:
                User.objects.filter(pk=person.user_id).update(is_active=False)
        Family.objects.filter(pk=family.pk).update(nome=f"{_('Famiglia')} {family.codice}")
        PrivacyStatus.objects.filter(pk=status.pk).update(anonimizzata_il=timezone.now())
        AuditEntry.objects.create(
            content_type_id=_content_type_id(Family), object_pk=str(family.pk), object_id=family.pk,
            object_repr=family.codice, action=AuditEntry.Action.UPDATE, ambito_id=family.ambito_id,
            family_id=family.pk, reason=_("Anonimizzazione dopo il periodo di conservazione"), changes={})


def _content_type_id(model: type[models.Model]) -> int:
    return ContentType.objects.get_for_model(model).pk


def erasure_problems(family: Family) -> list[str]:
    """Why the family may not be erased (empty: it may). Erasure is for records made by mistake only."""
    problems = []
    if family.stato not in ERASABLE_STATES:
        problems.append(_("la famiglia è stata presa in carico (stato: %(s)s): i suoi dati si conservano per "
                          "legge e, dopo il periodo di conservazione, si anonimizzano") % {"s": family.get_stato_display()})
    if family.progetti.exists():
        problems.append(_("c'è un Progetto Quadro"))
    if family.interventi.exists():
        problems.append(_("ci sono interventi registrati"))
    if status_of(family).legal_hold:
        problems.append(_("c'è un blocco per motivi legali"))
    return problems


def erase(*, family: Family, by: User, reason: str) -> None:
    """Delete a family registered by mistake, with everything hanging off it; the log keeps the act."""
    require_erase(by, family)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Scrivi perché la famiglia va cancellata.")})
    problems = erasure_problems(family)
    if problems:
        raise ValidationError(_("Non si può cancellare: %(p)s.") % {"p": "; ".join(problems)})
    with transaction.atomic(), audit_reason(_("Cancellazione (GDPR art. 17): %(r)s") % {"r": reason.strip()}):
        for model, instances in related_objects(family).items():
            for f in [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]:
                for instance in instances:
                    value = getattr(instance, f.name)
                    if value:
                        value.delete(save=False)
        # Consents protect their person: they go first (they are the family's own records).
        Consent.objects.filter(family=family).delete()
        family.delete()
