"""Writes on duplicates: merging two records of one person (and, when they are in two families, the families),
and remembering that two persons are not the same.

What points at a person or a family is found through Django's model meta (`_meta.related_objects`), not by
importing the apps above (assessments, plans, interventions, scuola, portal, privacy...): a new app's records
follow a merge without a line here. Each record moved is saved one by one, so that django-auditlog writes its
change; nothing is deleted from the audit log, and the two records' histories stay there under their ids.
"""

from collections.abc import Iterable
from typing import Any, cast

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.models import User
from audit.context import audit_reason
from audit.models import AuditEntry
from common.exceptions import DuplicateSubmission, StaleEdit

from .models import DismissedPair, Family, Person, PersonMerge, check_person
from .policies import can_see_sensitive, require_merge

# The values of a person that the reviewer chooses between, field by field; the rest (family, ambito, portal
# access) follows the record kept.
MERGE_FIELDS = ("cognome", "nome", "sesso", "data_nascita", "codice_fiscale", "cittadinanza", "lingue",
                "mediazione_culturale", "note_sanitarie", "ruolo", "target", "partecipa_equipe")
# Not moved blindly: a dismissed pair of the person merged away (handled below), and the audit log (never).
_OWN_RELATIONS: set[type[models.Model]] = {DismissedPair, AuditEntry}


def dismiss_pair(*, a: Person, b: Person, by: User) -> DismissedPair:
    """"Non è la stessa persona": the pair is not proposed again. Saying it twice changes nothing."""
    require_merge(by, a.family, b.family)
    if a.pk == b.pk:
        raise ValidationError(_("Una persona è sempre la stessa persona: scegli due persone diverse."))
    if a.ambito_id != b.ambito_id:
        raise ValidationError(_("Le due persone sono di ambiti diversi: non vengono mai proposte come doppioni."))
    low, high = sorted((a.pk, b.pk))
    existing = DismissedPair.objects.filter(person_low_id=low, person_high_id=high).first()
    if existing is not None:
        raise DuplicateSubmission(existing)
    with transaction.atomic(), audit_reason(_("Non è la stessa persona")):
        return DismissedPair.objects.create(ambito_id=a.ambito_id, person_low_id=low, person_high_id=high, by=by)


def merge_problems(*, kept: Person, merged: Person) -> list[str]:
    """Why these two records cannot be merged as they are (empty when they can), in Italian, for the page to
    say before the reviewer chooses, and for the service to refuse."""
    problems = []
    if kept.family_id != merged.family_id:
        problems += _family_clashes(src=merged.family, dst=kept.family)
    problems += _person_clashes(src=merged, dst=kept)
    return problems


def merge_persons(*, kept: Person, merged: Person, by: User, kept_version: int, merged_version: int,
                  from_merged: Iterable[str] = (), merge_families: bool = False, evidence: str = "") -> PersonMerge:
    """Make `merged` part of `kept`: the values named in `from_merged` are taken from it, every record of it
    (consents, assessments, presences, school attendance, portal invitations...) moves onto `kept`, and it is
    deleted. Two persons in two families are merged only with their families (`merge_families`)."""
    require_merge(by, kept.family, merged.family)
    chosen = _check_request(kept=kept, merged=merged, by=by, from_merged=set(from_merged),
                            merge_families=merge_families)
    reason = _("Unione di doppioni: la persona n. %(merged)s è unita alla n. %(kept)s") % {
        "merged": merged.pk, "kept": kept.pk}
    with transaction.atomic(), audit_reason(reason):
        current_kept, current_merged = _lock_pair(kept=kept, merged=merged, kept_version=kept_version,
                                                  merged_version=merged_version)
        values = {f: getattr(current_merged if f in chosen else current_kept, f) for f in MERGE_FIELDS}
        _check_values(kept=current_kept, merged=current_merged, values=values)
        merged_family_id = None
        if current_kept.family_id != current_merged.family_id:
            merged_family_id = current_merged.family_id
            families = _lock_families(current_merged.family_id, current_kept.family_id)
            _merge_families(src=families[current_merged.family_id], dst=families[current_kept.family_id])
            current_merged.refresh_from_db()
        problems = _person_clashes(src=current_merged, dst=current_kept)
        if problems:
            raise ValidationError(problems)
        portal_user = current_merged.user if current_kept.user_id is None else None
        _move_related(Person, src=current_merged, dst=current_kept)
        _move_dismissed_pairs(src=current_merged, dst=current_kept)
        record = PersonMerge.objects.create(
            ambito_id=current_kept.ambito_id, kept=current_kept, kept_person_id=current_kept.pk,
            merged_person_id=current_merged.pk, kept_family_id=current_kept.family_id,
            merged_family_id=merged_family_id, evidence=evidence[:500], by=by)
        current_merged.delete()
        for field, value in values.items():
            setattr(current_kept, field, value)
        if portal_user is not None:
            current_kept.user = portal_user
        current_kept.version += 1
        current_kept.save()
        if merged_family_id is not None:
            Family.objects.get(pk=merged_family_id).delete()
    return record


def _check_request(*, kept: Person, merged: Person, by: User, from_merged: set[str],
                   merge_families: bool) -> set[str]:
    if kept.pk == merged.pk:
        raise ValidationError(_("Non puoi unire una persona con se stessa: scegli due schede diverse."))
    if kept.ambito_id != merged.ambito_id:
        raise ValidationError(_("Le due persone sono di ambiti diversi: ogni ambito tiene le proprie schede, e "
                                "non si possono unire."))
    unknown = from_merged - set(MERGE_FIELDS)
    if unknown:
        raise ValidationError(_("Campi sconosciuti: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    if "note_sanitarie" in from_merged and not (can_see_sensitive(by, kept.family)
                                                and can_see_sensitive(by, merged.family)):
        raise PermissionDenied(_("Non puoi scegliere le note sanitarie."))
    if kept.family_id != merged.family_id and not merge_families:
        raise ValidationError({"unisci_famiglie": _(
            "Le due persone sono in due famiglie diverse (%(a)s e %(b)s). Per unirle bisogna unire anche le "
            "famiglie: altrimenti i consensi, le valutazioni e le presenze della persona resterebbero intestati "
            "a una famiglia di cui non fa più parte. Spunta «Unisci anche le famiglie», oppure sposta prima la "
            "persona nella famiglia giusta.") % {"a": kept.family, "b": merged.family}})
    return from_merged


def _lock_pair(*, kept: Person, merged: Person, kept_version: int, merged_version: int) -> tuple[Person, Person]:
    """Both rows locked in the order of their ids (two merges of overlapping pairs wait, never deadlock)."""
    rows = {p.pk: p for p in Person.objects.select_for_update().filter(pk__in=[kept.pk, merged.pk]).order_by("pk")}
    if len(rows) != 2:
        done = PersonMerge.objects.filter(merged_person_id=merged.pk, kept_person_id=kept.pk).first()
        if done is not None:
            raise DuplicateSubmission(done)
        raise ValidationError(_("Nel frattempo una delle due persone è stata unita a un'altra scheda o eliminata: "
                                "riapri l'elenco dei possibili doppioni."))
    current_kept, current_merged = rows[kept.pk], rows[merged.pk]
    if current_kept.version != kept_version:
        raise StaleEdit(current_kept)
    if current_merged.version != merged_version:
        raise StaleEdit(current_merged)
    return current_kept, current_merged


def _lock_families(*pks: int) -> dict[int, Family]:
    """Locked in the order of their ids, as the persons are."""
    return {f.pk: f for f in Family.objects.select_for_update().filter(pk__in=pks).order_by("pk")}


def _check_values(*, kept: Person, merged: Person, values: dict[str, Any]) -> None:
    """The person as they will be passes the rules of any person (codice fiscale against birth date and sex,
    a minor's age...), and the codice fiscale chosen is not another person's of the ambito."""
    candidate = Person(family=kept.family, ambito_id=kept.ambito_id, **values)
    errors = check_person(candidate)
    cf = candidate.codice_fiscale
    if cf and Person.objects.filter(ambito_id=kept.ambito_id, codice_fiscale=cf).exclude(
            pk__in=[kept.pk, merged.pk]).exists():
        errors.setdefault("codice_fiscale", []).append(
            _("Il codice fiscale %(cf)s è già di un'altra persona dell'ambito.") % {"cf": cf})
    if errors:
        raise ValidationError(errors)


def _relations(model: type[models.Model]) -> list[tuple[type[models.Model], models.ForeignObjectRel]]:
    """Each model pointing at `model` with its relation, the hidden ones too (related_name="+", which
    `_meta.related_objects` leaves out: a visit's mediated person, a plan's agreement). Not the audit log,
    which is never rewritten, nor the rows of a many-to-many's own table, moved through the many-to-many."""
    found: list[tuple[type[models.Model], models.ForeignObjectRel]] = []
    for rel in model._meta.get_fields(include_hidden=True):
        if not isinstance(rel, models.ForeignObjectRel):
            continue  # a field of the model itself
        related = cast("type[models.Model]", rel.related_model)
        if related in _OWN_RELATIONS or related._meta.auto_created:
            continue
        found.append((related, rel))
    return found


def _unique_sets(model: type[models.Model], field: str) -> list[tuple[list[str], Q | None]]:
    """The other fields that, with `field`, must be unique on `model` (and the condition of a partial one)."""
    sets: list[tuple[list[str], Q | None]] = []
    for constraint in model._meta.constraints:
        fields = list(getattr(constraint, "fields", ()) or ())
        if isinstance(constraint, models.UniqueConstraint) and field in fields:
            sets.append(([f for f in fields if f != field], constraint.condition))
    for together in model._meta.unique_together:
        if field in together:
            sets.append(([f for f in together if f != field], None))
    return sets


def _clashes(model: type[models.Model], rel: models.ForeignObjectRel, *, src: models.Model,
             dst: models.Model) -> bool:
    """Whether moving `src`'s rows of this relation onto `dst` would break a uniqueness rule of `model`."""
    manager = model._default_manager
    name = rel.field.name
    if rel.one_to_one:
        return manager.filter(**{name: src}).exists() and manager.filter(**{name: dst}).exists()
    for others, condition in _unique_sets(model, name):
        mine = manager.filter(**{name: src})
        theirs = manager.filter(**{name: dst})
        if condition is not None:
            mine, theirs = mine.filter(condition), theirs.filter(condition)
        for values in mine.values_list(*others):
            if theirs.filter(**dict(zip(others, values, strict=True))).exists():
                return True
    return False


def _family_clashes(*, src: Family, dst: Family) -> list[str]:
    problems = []
    for related, rel in _relations(Family):
        if not rel.many_to_many and _clashes(related, rel, src=src, dst=dst):
            problems.append(_("Le famiglie %(a)s e %(b)s hanno entrambe un record «%(model)s» che non si può "
                              "doppiare (per esempio un progetto con lo stesso numero): sistemalo a mano prima di "
                              "unirle.") % {"a": dst, "b": src, "model": related._meta.verbose_name})
    return problems


def _person_clashes(*, src: Person, dst: Person) -> list[str]:
    problems = []
    for related, rel in _relations(Person):
        if not rel.many_to_many and _clashes(related, rel, src=src, dst=dst):
            problems.append(_("Le due schede hanno entrambe un record «%(model)s» per lo stesso periodo o la stessa "
                              "chiave (per esempio la frequenza scolastica dello stesso anno): tienine uno solo, "
                              "poi unisci.") % {"model": related._meta.verbose_name})
    if src.user_id and dst.user_id:
        problems.append(_("Entrambe le schede hanno un accesso al portale: disattivane uno, poi unisci."))
    return problems


def _move_related(model: type[models.Model], *, src: models.Model, dst: models.Model) -> None:
    for related, rel in _relations(model):
        if rel.many_to_many:
            _move_m2m(rel, src=src, dst=dst)
            continue
        name = rel.field.name
        for row in related._default_manager.filter(**{name: src}):
            setattr(row, name, dst)
            row.save(update_fields=[name])


def _move_m2m(rel: models.ForeignObjectRel, *, src: models.Model, dst: models.Model) -> None:
    """The rows of a many-to-many (the persons present at a visit): onto `dst`, or gone where `dst` is there."""
    through = rel.through  # type: ignore[attr-defined]  # ManyToManyRel's
    to_target = rel.field.m2m_reverse_field_name()  # type: ignore[attr-defined]
    owner = f"{rel.field.m2m_field_name()}_id"  # type: ignore[attr-defined]
    already = set(through.objects.filter(**{to_target: dst}).values_list(owner, flat=True))
    for row in through.objects.filter(**{to_target: src}):
        if getattr(row, owner) in already:
            row.delete()
        else:
            setattr(row, to_target, dst)
            row.save()


def _move_dismissed_pairs(*, src: Person, dst: Person) -> None:
    """What was said of the person merged away ("not the same as X") is said of the person kept."""
    for pair in DismissedPair.objects.filter(Q(person_low=src) | Q(person_high=src)):
        other = pair.person_high_id if pair.person_low_id == src.pk else pair.person_low_id
        low, high = sorted((other, dst.pk))
        pair.delete()
        if other != dst.pk and not DismissedPair.objects.filter(person_low_id=low, person_high_id=high).exists():
            DismissedPair.objects.create(ambito_id=pair.ambito_id, person_low_id=low, person_high_id=high,
                                         by=pair.by)


def _merge_families(*, src: Family, dst: Family) -> None:
    """Every record of `src` (its members among them) moves onto `dst`; what `src` said of the case is added to
    what `dst` says, under its name, so that nothing written is lost."""
    problems = _family_clashes(src=src, dst=dst)
    if problems:
        raise ValidationError(problems)
    _move_related(Family, src=src, dst=dst)
    for field in ("motivo_segnalazione", "note_giudiziarie"):
        theirs = getattr(src, field).strip()
        if theirs and theirs not in getattr(dst, field):
            heading = _("Dalla scheda unita %(codice)s:") % {"codice": src.codice}
            setattr(dst, field, f"{getattr(dst, field).rstrip()}\n\n{heading}\n{theirs}".strip())
    dst.version += 1
    dst.save()
