"""Writes to family records. Each function validates, writes in one transaction and is audit-logged
(django-auditlog records the changes; the reason given travels with them)."""

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.context import audit_reason
from common.exceptions import DuplicateSubmission, StaleEdit
from common.uploads import check_upload
from organisation.models import Ambito, Ente, Equipe, Implementazione
from organisation.policies import can_assign_equipe

from .models import ADULT_AGE, Consent, Family, PathEvent, Person, Stato, check_person
from .path import transition_problems, transition_warnings
from .policies import (
    can_record_sensitive_in,
    can_see_sensitive,
    require_change_family,
    require_move_family,
    require_register_family,
)


@dataclass
class PersonData:
    cognome: str
    nome: str
    sesso: str
    ruolo: str
    data_nascita: date | None = None
    codice_fiscale: str = ""
    cittadinanza: str = ""
    lingue: str = ""
    mediazione_culturale: bool = False
    target: bool = False
    partecipa_equipe: bool = False
    note_sanitarie: str = ""


PERSON_FIELDS = tuple(PersonData.__dataclass_fields__)


def _check_references(*, ambito: Ambito, comune: Ente | None, equipe: Equipe | None,
                      implementazione: Implementazione | None, others: tuple[Ente | None, ...] = ()) -> None:
    """Everything a family points to must belong to its ambito (ambiti never mix)."""
    errors = {}
    if comune is not None and (comune.ambito_id != ambito.pk or comune.tipo != Ente.Tipo.COMUNE):
        errors["comune"] = _("Scegli un comune dell'ambito.")
    if equipe is not None and equipe.ambito_id != ambito.pk:
        errors["equipe"] = _("Scegli un'équipe dell'ambito.")
    if implementazione is not None and implementazione.ambito_id != ambito.pk:
        errors["implementazione"] = _("Scegli un'implementazione dell'ambito.")
    if any(ente is not None and ente.ambito_id != ambito.pk for ente in others):
        errors["servizio_riferimento"] = _("Scegli un servizio dell'ambito.")
    if errors:
        raise ValidationError(errors)


def _check_people(*, ambito: Ambito, people: list[PersonData], exclude_pk: int | None = None) -> None:
    """Validate each person and the codici fiscali against each other and the ambito."""
    errors: dict[str, list[str]] = {}
    seen: set[str] = set()
    for index, data in enumerate(people):
        person = Person(ambito=ambito, **{f: getattr(data, f) for f in PERSON_FIELDS})
        for field, messages in check_person(person).items():
            errors.setdefault(f"{index}:{field}", []).extend(messages)
        data.codice_fiscale = person.codice_fiscale
        cf = person.codice_fiscale
        if not cf:
            continue
        if cf in seen:
            errors.setdefault(f"{index}:codice_fiscale", []).append(
                _("Lo stesso codice fiscale compare due volte in questo modulo."))
        seen.add(cf)
        clash = Person.objects.filter(ambito=ambito, codice_fiscale=cf)
        if exclude_pk is not None:
            clash = clash.exclude(pk=exclude_pk)
        if clash.exists():
            errors.setdefault(f"{index}:codice_fiscale", []).append(
                _("Il codice fiscale %(cf)s è già registrato per un'altra persona dell'ambito.") % {"cf": cf})
    if errors:
        raise ValidationError(errors)


def _next_codice(ambito: Ambito) -> str:
    # Serialise numbering within the ambito: the row lock makes concurrent creations queue.
    Ambito.objects.select_for_update().filter(pk=ambito.pk).first()
    prefix = f"{ambito.codice}-"
    last = Family.objects.filter(ambito=ambito, codice__startswith=prefix).aggregate(m=Max("codice"))["m"]
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:05d}"

SENSITIVE_REFUSED = _("Le note riservate (salute, Autorità Giudiziaria) le scrivono il case manager, i professionisti "
                      "dell'équipe e il Referente Territoriale: lascia il campo vuoto.")


def _refuse_sensitive(field: str, value: str, current: str = "") -> None:
    """Someone who may not see a sensitive field may not write it either (an unchanged or empty value passes)."""
    if value.strip() and value.strip() != current.strip():
        raise ValidationError({field: SENSITIVE_REFUSED})


def family_create(*, by: User, ambito: Ambito, nome: str, comune: Ente, people: list[PersonData],
                  equipe: Equipe | None = None, implementazione: Implementazione | None = None,
                  servizio_riferimento: Ente | None = None, ente_segnalante: Ente | None = None,
                  data_segnalazione: date | None = None, motivo_segnalazione: str = "",
                  riunificazione: bool = False, note_giudiziarie: str = "",
                  creation_token: uuid.UUID | None = None) -> Family:
    """Register a family (state *segnalata*) with its members, all or nothing."""
    require_register_family(by, ambito)
    if equipe is not None and not can_assign_equipe(by, ambito, equipe.pk):
        raise ValidationError({"equipe": _("Puoi assegnare la famiglia solo a un'équipe di cui sei case manager.")})
    if creation_token is not None:
        existing = Family.objects.filter(creation_token=creation_token).first()
        if existing is not None:
            raise DuplicateSubmission(existing)
    _check_references(ambito=ambito, comune=comune, equipe=equipe, implementazione=implementazione,
                      others=(servizio_riferimento, ente_segnalante))
    if not people:
        raise ValidationError(_("Indica almeno un componente della famiglia."))
    if data_segnalazione and data_segnalazione > timezone.localdate():
        raise ValidationError({"data_segnalazione": _("La data della segnalazione non può essere nel futuro.")})
    _check_people(ambito=ambito, people=people)
    if not can_record_sensitive_in(by, ambito):
        _refuse_sensitive("note_giudiziarie", note_giudiziarie)
        for index, person in enumerate(people):
            _refuse_sensitive(f"{index}:note_sanitarie", person.note_sanitarie)
    try:
        with transaction.atomic(), audit_reason(_("Registrazione della famiglia")):
            family = Family.objects.create(
                ambito=ambito, codice=_next_codice(ambito), nome=nome.strip(), comune=comune, equipe=equipe,
                implementazione=implementazione, servizio_riferimento=servizio_riferimento,
                ente_segnalante=ente_segnalante, data_segnalazione=data_segnalazione or timezone.localdate(),
                motivo_segnalazione=motivo_segnalazione.strip(), riunificazione=riunificazione,
                note_giudiziarie=note_giudiziarie.strip(),
                segnalata_da=by, creation_token=creation_token,
            )
            for data in people:
                Person.objects.create(family=family, ambito=ambito, **{f: getattr(data, f) for f in PERSON_FIELDS})
            PathEvent.objects.create(family=family, from_state="", to_state=Stato.SEGNALATA, by=by,
                                     motivazione=_("Famiglia registrata in Trama."))
    except IntegrityError:
        # A concurrent double submission lost the race on the unique token.
        existing = Family.objects.filter(creation_token=creation_token).first() if creation_token else None
        if existing is not None:
            raise DuplicateSubmission(existing) from None
        raise
    return family


FAMILY_EDITABLE = ("nome", "comune", "servizio_riferimento", "ente_segnalante", "equipe", "implementazione",
                   "data_segnalazione", "motivo_segnalazione", "riunificazione", "note_giudiziarie")


class FamilyChanges(TypedDict, total=False):
    """What `family_update` may change (FAMILY_EDITABLE), with its types."""

    nome: str
    comune: Ente
    servizio_riferimento: Ente | None
    ente_segnalante: Ente | None
    equipe: Equipe | None
    implementazione: Implementazione | None
    data_segnalazione: date | None
    motivo_segnalazione: str
    riunificazione: bool
    note_giudiziarie: str


def family_update(*, family: Family, by: User, version: int, **changes: Unpack[FamilyChanges]) -> Family:
    """Change a family's data; refuses with StaleEdit if someone saved it after `version` was read."""
    require_change_family(by, family)
    unknown = set(changes) - set(FAMILY_EDITABLE)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    _check_references(ambito=family.ambito, comune=changes.get("comune", family.comune),
                      equipe=changes.get("equipe", family.equipe),
                      implementazione=changes.get("implementazione", family.implementazione),
                      others=(changes.get("servizio_riferimento"), changes.get("ente_segnalante")))
    new_equipe = changes.get("equipe", family.equipe)
    if (new_equipe is not None and new_equipe.pk != family.equipe_id
            and not can_assign_equipe(by, family.ambito, new_equipe.pk)):
        raise ValidationError({"equipe": _("Puoi assegnare la famiglia solo a un'équipe di cui sei case manager.")})
    reported = changes.get("data_segnalazione")
    if "data_segnalazione" in changes and reported is None:
        raise ValidationError({"data_segnalazione": _("Indica la data della segnalazione.")})
    if reported and reported > timezone.localdate():
        raise ValidationError({"data_segnalazione": _("La data della segnalazione non può essere nel futuro.")})
    if not can_see_sensitive(by, family) and "note_giudiziarie" in changes:
        # The tutor's edit form has no such field: what is there stays as it is.
        _refuse_sensitive("note_giudiziarie", changes.pop("note_giudiziarie"), family.note_giudiziarie)
    with transaction.atomic(), audit_reason(_("Modifica dei dati della famiglia")):
        current = Family.objects.select_for_update().get(pk=family.pk)
        if current.version != version:
            raise StaleEdit(current)
        for field, value in changes.items():
            setattr(current, field, value.strip() if isinstance(value, str) else value)
        current.version += 1
        current.save()
    return current


def person_add(*, family: Family, by: User, data: PersonData, creation_token: uuid.UUID | None = None) -> Person:
    require_change_family(by, family)
    if creation_token is not None:
        existing = Person.objects.filter(creation_token=creation_token).first()
        if existing is not None:
            raise DuplicateSubmission(existing)
    _check_people(ambito=family.ambito, people=[data])
    if not can_see_sensitive(by, family):
        _refuse_sensitive("note_sanitarie", data.note_sanitarie)
    try:
        with transaction.atomic(), audit_reason(_("Aggiunta di un componente")):
            return Person.objects.create(family=family, ambito=family.ambito, creation_token=creation_token,
                                         **{f: getattr(data, f) for f in PERSON_FIELDS})
    except IntegrityError:
        existing = Person.objects.filter(creation_token=creation_token).first() if creation_token else None
        if existing is not None:
            raise DuplicateSubmission(existing) from None
        raise


def person_update(*, person: Person, by: User, version: int, data: PersonData) -> Person:
    require_change_family(by, person.family)
    _check_people(ambito=person.ambito, people=[data], exclude_pk=person.pk)
    fields = PERSON_FIELDS
    if not can_see_sensitive(by, person.family):
        # Their form has no health notes: what is there stays as it is.
        _refuse_sensitive("note_sanitarie", data.note_sanitarie, person.note_sanitarie)
        fields = tuple(f for f in PERSON_FIELDS if f != "note_sanitarie")
    with transaction.atomic(), audit_reason(_("Modifica di un componente")):
        current = Person.objects.select_for_update().get(pk=person.pk)
        if current.version != version:
            raise StaleEdit(current)
        for field in fields:
            setattr(current, field, getattr(data, field))
        current.version += 1
        current.save()
    return current


def consent_record(*, family: Family, by: User, person: Person, finalita: str, data: date,
                   documento: File[Any] | None = None, note: str = "", creation_token: uuid.UUID | None = None) -> Consent:
    require_change_family(by, family)
    if person.family_id != family.pk:
        raise ValidationError({"person": _("Scegli un componente di questa famiglia.")})
    if data > timezone.localdate():
        raise ValidationError({"data": _("La data del consenso non può essere nel futuro.")})
    age = person.age_on(data)
    if person.ruolo == Person.Ruolo.MINORE or (age is not None and age < ADULT_AGE):
        raise ValidationError({"person": _("Il consenso lo dà un adulto responsabile del bambino: %(nome)s è "
                                           "minorenne.") % {"nome": person.nome}})
    if documento:
        try:
            check_upload(documento)
        except ValidationError as error:
            raise ValidationError({"documento": error.messages}) from None
    if creation_token is not None:
        existing = Consent.objects.filter(creation_token=creation_token).first()
        if existing is not None:
            raise DuplicateSubmission(existing)
    with transaction.atomic(), audit_reason(_("Registrazione di un consenso")):
        return Consent.objects.create(family=family, person=person, finalita=finalita, data=data,
                                      documento=documento or "", note=note.strip(), registrato_da=by,
                                      creation_token=creation_token)


def consent_revoke(*, consent: Consent, by: User, on: date) -> Consent:
    require_change_family(by, consent.family)
    if consent.revocato_il is not None:
        raise ValidationError(_("Questo consenso è già stato revocato."))
    if on > timezone.localdate() or on < consent.data:
        raise ValidationError(_("La data di revoca deve essere tra la data del consenso e oggi."))
    with transaction.atomic(), audit_reason(_("Revoca di un consenso")):
        consent.revocato_il = on
        consent.save(update_fields=["revocato_il"])
    return consent


def family_transition(*, family: Family, by: User, target: str, expected_state: str | None = None,
                      motivazione: str = "", esito_chiusura: str = "", continuita: str = "",
                      obiettivi_aperti: str = "", confermato: bool = False) -> Family:
    """Move a family along its path, if the rules allow it; records who, when and why. A move that leaves
    something open (`families.path.transition_warnings`) needs `confermato`: the user saw what stays open."""
    require_move_family(by, family)
    with transaction.atomic(), audit_reason(motivazione or _("Avanzamento del percorso")):
        current = Family.objects.select_for_update().get(pk=family.pk)
        if expected_state is not None and current.stato != expected_state:
            raise ValidationError(
                _("Nel frattempo il percorso è cambiato: ora la famiglia è nello stato «%(stato)s». Controlla e riprova.")
                % {"stato": Stato(current.stato).label})
        problems = transition_problems(current, target, esito_chiusura=esito_chiusura, motivazione=motivazione,
                                       continuita=continuita)
        if problems:
            raise ValidationError(problems)
        warnings = transition_warnings(current, target)
        if warnings and not confermato:
            raise ValidationError({"confermato": _("Resta aperto: %(aperto)s Per procedere comunque, conferma di "
                                                   "averlo visto.") % {"aperto": " ".join(warnings)}})
        PathEvent.objects.create(family=current, from_state=current.stato, to_state=target, by=by,
                                 motivazione=motivazione.strip(),
                                 esito_chiusura=esito_chiusura if target == Stato.CHIUSA else "")
        current.stato = target
        current.stato_dal = timezone.now()
        if target == Stato.CHIUSA:
            current.esito_chiusura = esito_chiusura
            current.chiusura_continuita = continuita.strip()
            current.chiusura_obiettivi_aperti = obiettivi_aperti.strip()
        current.version += 1
        current.save()
    return current
