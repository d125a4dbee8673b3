"""Writes to the network's records. Each function checks permission, validates everything before
writing, writes in one transaction inside `audit_reason` (django-auditlog records the changes)."""

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.context import audit_reason
from common.exceptions import DuplicateSubmission, StaleEdit
from common.uploads import check_upload
from families.models import Family, Person, check_person
from families.services import PersonData, family_create
from organisation.models import Ambito, Ente

from .models import (
    NEEDS,
    REFERRAL_TRANSITIONS,
    TIPOLOGIA_AREA,
    Diritto,
    Intake,
    IntakeChild,
    IntakeNeed,
    Protocol,
    Referral,
    ReferralEvent,
    Service,
)
from .policies import can_change_intake, can_manage_network, can_update_referral
from .selectors import find_duplicate_intake

__all__ = ["DuplicateIntake", "DuplicateSubmission", "StaleEdit"]



class DuplicateIntake(ValidationError):
    """The person already has an intake in the ambito: `existing` is the one to use instead."""

    def __init__(self, existing: Intake, message: str):
        super().__init__(message)
        self.existing = existing


CreatedModel = TypeVar("CreatedModel", Service, Intake, Referral, Protocol)


def _existing(model: type[CreatedModel], creation_token: uuid.UUID | None) -> CreatedModel | None:
    if creation_token is None:
        return None
    return model.objects.filter(creation_token=creation_token).first()


def _create_once(model: type[CreatedModel], creation_token: uuid.UUID | None,
                 create: Callable[[], CreatedModel]) -> CreatedModel:
    """Run `create()`; a concurrent double submission that lost the race on the token finds the first."""
    existing = _existing(model, creation_token)
    if existing is not None:
        raise DuplicateSubmission(existing)
    try:
        return create()
    except IntegrityError:
        existing = _existing(model, creation_token)
        if existing is not None:
            raise DuplicateSubmission(existing) from None
        raise


def check_document(document: File[Any] | None) -> None:
    """PDF, JPG or PNG, at most 5 MB, and its parser must open it (common.uploads)."""
    if not document:
        return
    try:
        check_upload(document)
    except ValidationError as error:
        raise ValidationError({"documento": error.messages}) from None


# --- directory -------------------------------------------------------------------------------
SERVICE_FIELDS = ("nome", "area", "tipologia", "ente", "ente_testo", "comune", "indirizzo", "telefono", "email",
                  "sito", "orari", "lingue", "come_accedere", "attivo")


def _check_service(*, ambito: Ambito, values: dict[str, Any], exclude_pk: int | None = None) -> None:
    errors: dict[str, str] = {}
    if not (values.get("nome") or "").strip():
        errors["nome"] = _("Scrivi il nome del servizio.")
    if values.get("area") not in Diritto.values:
        errors["area"] = _("Scegli l'area del servizio.")
    tipologia = values.get("tipologia") or ""
    if tipologia and TIPOLOGIA_AREA.get(tipologia, Diritto.ALTRO) not in (values.get("area"), Diritto.ALTRO):
        errors["tipologia"] = _("Questa tipologia non appartiene all'area scelta: cambia l'una o l'altra.")
    ente, comune = values.get("ente"), values.get("comune")
    if ente is not None and ente.ambito_id != ambito.pk:
        errors["ente"] = _("Scegli un ente dell'ambito, oppure scrivi il nome dell'ente nel campo libero.")
    if ente is None and not (values.get("ente_testo") or "").strip():
        errors["ente_testo"] = _("Indica chi offre il servizio: un ente dell'ambito o il suo nome.")
    if comune is not None and (comune.ambito_id != ambito.pk or comune.tipo != Ente.Tipo.COMUNE):
        errors["comune"] = _("Scegli un comune dell'ambito.")
    if not errors:
        clash = Service.objects.filter(ambito=ambito, nome__iexact=values["nome"].strip(), comune=comune)
        if exclude_pk is not None:
            clash = clash.exclude(pk=exclude_pk)
        if clash.exists():
            errors["nome"] = _("Nella mappatura c'è già un servizio con questo nome in questo comune.")
    if errors:
        raise ValidationError(errors)


def _clean_values(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v.strip() if isinstance(v, str) else v for k, v in values.items()}


def service_create(*, by: User, ambito: Ambito, creation_token: uuid.UUID | None = None, **values: Any) -> Service:
    if not can_manage_network(by, ambito.pk):
        raise PermissionDenied(_("Solo il Referente Territoriale e la tutor territoriale aggiornano la mappatura."))
    unknown = set(values) - set(SERVICE_FIELDS)
    if unknown:
        raise ValueError(f"Unknown fields: {sorted(unknown)}")
    if _existing(Service, creation_token) is not None:
        raise DuplicateSubmission(_existing(Service, creation_token))
    _check_service(ambito=ambito, values=values)

    def create() -> Service:
        with transaction.atomic(), audit_reason(_("Nuovo servizio nella mappatura")):
            return Service.objects.create(ambito=ambito, creation_token=creation_token, **_clean_values(values))

    return _create_once(Service, creation_token, create)


def service_update(*, service: Service, by: User, version: int, **values: Any) -> Service:
    if not can_manage_network(by, service.ambito_id):
        raise PermissionDenied(_("Solo il Referente Territoriale e la tutor territoriale aggiornano la mappatura."))
    unknown = set(values) - set(SERVICE_FIELDS)
    if unknown:
        raise ValueError(f"Unknown fields: {sorted(unknown)}")
    merged = {f: getattr(service, f) for f in SERVICE_FIELDS} | values
    _check_service(ambito=service.ambito, values=merged, exclude_pk=service.pk)
    with transaction.atomic(), audit_reason(_("Modifica di un servizio della mappatura")):
        current = Service.objects.select_for_update().get(pk=service.pk)
        if current.version != version:
            raise StaleEdit(current)
        for name, value in _clean_values(values).items():
            setattr(current, name, value)
        current.version += 1
        current.save()
    return current


# --- intakes ---------------------------------------------------------------------------------
@dataclass
class ChildData:
    nome: str
    sesso: str
    data_nascita: date


@dataclass
class IntakeData:
    cognome: str
    nome: str
    sesso: str
    comune: Ente
    data_nascita: date | None = None
    codice_fiscale: str = ""
    cittadinanza: str = ""
    lingue: str = ""
    telefono: str = ""
    data_contatto: date | None = None
    come_arrivata: str = ""
    note: str = ""
    accompagnamento: bool = False
    bisogni: list[str] = field(default_factory=list)
    figli: list[ChildData] = field(default_factory=list)


INTAKE_FIELDS = ("cognome", "nome", "sesso", "comune", "data_nascita", "codice_fiscale", "cittadinanza", "lingue",
                 "telefono", "data_contatto", "come_arrivata", "note", "accompagnamento")


def _adult_role(sesso: str) -> str:
    return Person.Ruolo.PADRE if sesso == "M" else Person.Ruolo.MADRE


AddError = Callable[[str, str], None]


def _check_intake_person(add: AddError, *, ambito: Ambito, data: IntakeData, today: date) -> None:
    """The adult: name, sex, comune of the ambito, the first contact's date, the person's own checks."""
    if not data.cognome.strip():
        add("cognome", _("Scrivi il cognome."))
    if not data.nome.strip():
        add("nome", _("Scrivi il nome."))
    if data.sesso not in Intake.Sesso.values:
        add("sesso", _("Indica il sesso."))
    if data.comune is None or data.comune.ambito_id != ambito.pk or data.comune.tipo != Ente.Tipo.COMUNE:
        add("comune", _("Scegli un comune dell'ambito."))
    if data.data_contatto and data.data_contatto > today:
        add("data_contatto", _("La data del primo contatto non può essere nel futuro."))
    person = Person(ambito=ambito, cognome=data.cognome, nome=data.nome, sesso=data.sesso,
                    data_nascita=data.data_nascita, codice_fiscale=data.codice_fiscale, ruolo=_adult_role(data.sesso))
    for key, messages in check_person(person, today=today).items():
        for message in messages:
            add(key, message)
    data.codice_fiscale = person.codice_fiscale


def _check_intake_children(add: AddError, *, data: IntakeData, today: date) -> None:
    for index, child in enumerate(data.figli):
        if not child.nome.strip():
            add(f"figli:{index}:nome", _("Scrivi il nome del bambino o della bambina."))
        if child.sesso not in Intake.Sesso.values:
            add(f"figli:{index}:sesso", _("Indica il sesso."))
        if child.data_nascita is None:
            add(f"figli:{index}:data_nascita", _("Indica la data di nascita."))
        elif child.data_nascita > today:
            add(f"figli:{index}:data_nascita", _("La data di nascita non può essere nel futuro."))
        elif data.data_nascita and child.data_nascita < data.data_nascita:
            add(f"figli:{index}:data_nascita", _("Un figlio non può essere nato prima del genitore: controlla le date."))


def _check_intake(*, ambito: Ambito, data: IntakeData, exclude_pk: int | None = None) -> None:
    """Every rule on an intake, as one ValidationError keyed by field ("figli:1:data_nascita" for a child)."""
    today = timezone.localdate()
    errors: dict[str, list[str]] = {}

    def add(key: str, message: str) -> None:
        errors.setdefault(key, []).append(message)

    _check_intake_person(add, ambito=ambito, data=data, today=today)
    if set(data.bisogni) - set(NEEDS):
        add("bisogni", _("Scegli i bisogni dall'elenco."))
    _check_intake_children(add, data=data, today=today)
    if errors:
        raise ValidationError(errors)
    duplicate = find_duplicate_intake(ambito_id=ambito.pk, cognome=data.cognome, nome=data.nome,
                                      data_nascita=data.data_nascita, codice_fiscale=data.codice_fiscale,
                                      exclude_pk=exclude_pk)
    if duplicate is not None:
        raise DuplicateIntake(duplicate, _(
            "%(nome)s ha già un contatto in questo ambito (dal %(data)s): aggiorna quello invece di crearne un altro.")
            % {"nome": f"{duplicate.nome} {duplicate.cognome}", "data": duplicate.data_contatto.strftime("%d/%m/%Y")})


def intake_create(*, by: User, ambito: Ambito, data: IntakeData, creation_token: uuid.UUID | None = None) -> Intake:
    """Record a first contact with its needs and children, all or nothing; `by` is its tutor."""
    if not can_manage_network(by, ambito.pk):
        raise PermissionDenied(_("Solo la tutor territoriale e il Referente Territoriale registrano i primi contatti."))
    if _existing(Intake, creation_token) is not None:
        raise DuplicateSubmission(_existing(Intake, creation_token))
    _check_intake(ambito=ambito, data=data)

    def create() -> Intake:
        with transaction.atomic(), audit_reason(_("Primo contatto della tutor territoriale")):
            values = {f: getattr(data, f) for f in INTAKE_FIELDS}
            values["data_contatto"] = values["data_contatto"] or timezone.localdate()
            intake = Intake.objects.create(ambito=ambito, tutor=by, creation_token=creation_token,
                                           **_clean_values(values))
            _write_needs_and_children(intake, data)
            return intake

    return _create_once(Intake, creation_token, create)


def _write_needs_and_children(intake: Intake, data: IntakeData) -> None:
    wanted = set(data.bisogni)
    intake.bisogni.exclude(diritto__in=wanted).delete()
    have = set(intake.bisogni.values_list("diritto", flat=True))
    for diritto in sorted(wanted - have):
        IntakeNeed.objects.create(intake=intake, diritto=diritto)
    intake.figli.all().delete()
    for child in data.figli:
        IntakeChild.objects.create(intake=intake, nome=child.nome.strip(), sesso=child.sesso,
                                   data_nascita=child.data_nascita)


def intake_update(*, intake: Intake, by: User, version: int, data: IntakeData, stato: str | None = None) -> Intake:
    if not can_change_intake(by, intake):
        raise PermissionDenied(_("Solo la tutor che segue il contatto o il Referente Territoriale possono modificarlo."))
    if stato is not None and stato not in Intake.Stato.values:
        raise ValidationError({"stato": _("Scegli uno stato dall'elenco.")})
    _check_intake(ambito=intake.ambito, data=data, exclude_pk=intake.pk)
    with transaction.atomic(), audit_reason(_("Modifica del contatto")):
        current = Intake.objects.select_for_update().get(pk=intake.pk)
        if current.version != version:
            raise StaleEdit(current)
        for name in INTAKE_FIELDS:
            value = getattr(data, name)
            if name == "data_contatto" and value is None:
                continue
            setattr(current, name, value.strip() if isinstance(value, str) else value)
        if stato is not None and stato != current.stato:
            current.stato = stato
            current.chiuso_il = timezone.localdate() if stato == Intake.Stato.CHIUSO else None
        current.version += 1
        current.save()
        _write_needs_and_children(current, data)
    return current


def intake_convert(*, intake: Intake, by: User, motivo: str = "") -> Family:
    """Turn the intake into a family case (segnalata) without re-typing: the person and the children become
    the family's members; the tutor is who reported it (so the tutor sees the family)."""
    if not can_change_intake(by, intake):
        raise PermissionDenied(_("Solo la tutor che segue il contatto o il Referente Territoriale possono modificarlo."))
    if intake.family_id:
        raise DuplicateSubmission(intake.family)
    children = list(intake.figli.all())
    people = [PersonData(cognome=intake.cognome, nome=intake.nome, sesso=intake.sesso,
                         ruolo=_adult_role(intake.sesso), data_nascita=intake.data_nascita,
                         codice_fiscale=intake.codice_fiscale, cittadinanza=intake.cittadinanza, lingue=intake.lingue)]
    people += [PersonData(cognome=intake.cognome, nome=c.nome, sesso=c.sesso, ruolo=Person.Ruolo.MINORE,
                          data_nascita=c.data_nascita, cittadinanza=intake.cittadinanza, lingue=intake.lingue)
               for c in children]
    needs = ", ".join(str(Diritto(n).label).lower() for n in intake.bisogni.order_by("diritto")
                      .values_list("diritto", flat=True))
    motivo = motivo.strip() or (_("Segnalata dalla tutor territoriale. Bisogni: %(needs)s.") % {"needs": needs or "—"})
    # The same intake always converts with the same token: a second submission finds the first family.
    token = uuid.uuid5(uuid.NAMESPACE_URL, f"trama:intake:{intake.pk}:family")
    names = [f"{p.nome} {p.cognome}" for p in people]
    try:
        with transaction.atomic(), audit_reason(_("Dal contatto della tutor alla segnalazione")):
            current = Intake.objects.select_for_update().get(pk=intake.pk)
            if current.family_id:
                raise DuplicateSubmission(current.family)
            family = family_create(by=by, ambito=intake.ambito, nome=_("Famiglia %(cognome)s") % {"cognome": intake.cognome},
                                   comune=intake.comune, people=people, data_segnalazione=timezone.localdate(),
                                   motivo_segnalazione=motivo, creation_token=token)
            if family.segnalata_da_id != intake.tutor_id:
                Family.objects.filter(pk=family.pk).update(segnalata_da=intake.tutor)
                family.segnalata_da = intake.tutor
            current.family = family
            current.version += 1
            current.save(update_fields=["family", "version", "updated_at"])
    except ValidationError as error:
        # family_create keys its messages by row ("0:codice_fiscale"): say whose data to fix.
        if not hasattr(error, "error_dict"):
            raise
        messages = []
        for key, texts in error.message_dict.items():
            index = key.split(":", 1)[0]
            who = names[int(index)] if ":" in key and index.isdigit() and int(index) < len(names) else ""
            messages += [f"{who}: {text}" if who else text for text in texts]
        raise ValidationError(messages) from None
    return family


# --- referrals -------------------------------------------------------------------------------
def referral_create(*, intake: Intake, by: User, service: Service, data_invio: date | None = None,
                    follow_up_il: date | None = None, motivo: str = "",
                    creation_token: uuid.UUID | None = None) -> Referral:
    if not can_change_intake(by, intake):
        raise PermissionDenied(_("Solo la tutor che segue il contatto o il Referente Territoriale fanno gli invii."))
    if _existing(Referral, creation_token) is not None:
        raise DuplicateSubmission(_existing(Referral, creation_token))
    today = timezone.localdate()
    data_invio = data_invio or today
    errors: dict[str, str] = {}
    if service is None or service.ambito_id != intake.ambito_id:
        errors["service"] = _("Il servizio scelto non è nella mappatura di questo ambito: scegli un servizio dall'elenco.")
    elif not service.attivo:
        errors["service"] = _("Questo servizio non è più attivo nella mappatura: scegline un altro.")
    if data_invio > today:
        errors["data_invio"] = _("La data dell'invio non può essere nel futuro.")
    elif data_invio < intake.data_contatto:
        errors["data_invio"] = _("La data dell'invio non può precedere il primo contatto (%(d)s).") % {
            "d": intake.data_contatto.strftime("%d/%m/%Y")}
    if follow_up_il and follow_up_il < data_invio:
        errors["follow_up_il"] = _("La data per ricontrollare non può precedere la data dell'invio.")
    if intake.stato == Intake.Stato.CHIUSO:
        errors["__all__"] = _("Il contatto è chiuso: riaprilo per fare un nuovo invio.")
    if errors:
        raise ValidationError(errors)

    def create() -> Referral:
        with transaction.atomic(), audit_reason(_("Invio a un servizio della rete")):
            referral = Referral.objects.create(
                ambito_id=intake.ambito_id, intake=intake, service=service, area=service.area, data_invio=data_invio,
                follow_up_il=follow_up_il, motivo=motivo.strip(), inviato_da=by, creation_token=creation_token)
            ReferralEvent.objects.create(referral=referral, from_state="", to_state=Referral.Stato.INVIATO, by=by,
                                         nota=motivo.strip())
            return referral

    return _create_once(Referral, creation_token, create)


def referral_update_status(*, referral: Referral, by: User, target: str, expected_state: str | None = None,
                           nota: str = "", follow_up_il: date | None = None) -> Referral:
    """Move a referral on (inviato → accolto → preso in carico → concluso; or rifiutato / perso),
    optionally with a new follow-up date; the change is kept in the referral's history."""
    if not can_update_referral(by, referral):
        raise PermissionDenied(_("Non puoi aggiornare questo invio."))
    with transaction.atomic(), audit_reason(nota.strip() or _("Aggiornamento dell'invio")):
        current = Referral.objects.select_for_update().get(pk=referral.pk)
        if expected_state is not None and current.stato != expected_state:
            raise ValidationError(_("Nel frattempo l'invio è cambiato: ora è «%(stato)s». Controlla e riprova.")
                                  % {"stato": Referral.Stato(current.stato).label})
        errors: dict[str, str] = {}
        if target not in Referral.Stato.values:
            errors["target"] = _("Scegli uno stato dall'elenco.")
        elif target != current.stato and target not in REFERRAL_TRANSITIONS[current.stato]:
            allowed = REFERRAL_TRANSITIONS[current.stato]
            errors["target"] = (
                _("Un invio «%(da)s» non può tornare o passare a «%(a)s».") % {
                    "da": Referral.Stato(current.stato).label, "a": Referral.Stato(target).label}
                + " " + (_("Puoi passare a: %(list)s.") % {"list": ", ".join(str(Referral.Stato(s).label) for s in allowed)}
                         if allowed else _("È uno stato finale."))
            )
        if follow_up_il and follow_up_il < current.data_invio:
            errors["follow_up_il"] = _("La data per ricontrollare non può precedere la data dell'invio.")
        if target == current.stato and not follow_up_il and not errors:
            errors["target"] = _("Scegli un nuovo stato o una nuova data per ricontrollare.")
        if errors:
            raise ValidationError(errors)
        if target != current.stato:
            ReferralEvent.objects.create(referral=current, from_state=current.stato, to_state=target, by=by,
                                         nota=nota.strip())
            current.stato = target
            current.stato_dal = timezone.now()
        if follow_up_il:
            current.follow_up_il = follow_up_il
        current.version += 1
        current.save()
    return current


# --- protocols -------------------------------------------------------------------------------
def protocol_create(*, by: User, ambito: Ambito, titolo: str, firmato_il: date, oggetto: str = "",
                    enti: Iterable[Ente] = (), altre_parti: str = "", scadenza: date | None = None,
                    documento: File[Any] | None = None,
                    creation_token: uuid.UUID | None = None) -> Protocol:
    if not can_manage_network(by, ambito.pk):
        raise PermissionDenied(_("Solo il Referente Territoriale e la tutor territoriale registrano i protocolli."))
    if _existing(Protocol, creation_token) is not None:
        raise DuplicateSubmission(_existing(Protocol, creation_token))
    errors: dict[str, str] = {}
    parties = list(enti)
    if not titolo.strip():
        errors["titolo"] = _("Scrivi il titolo del protocollo.")
    if firmato_il is None:
        errors["firmato_il"] = _("Indica la data della firma.")
    elif firmato_il > timezone.localdate():
        errors["firmato_il"] = _("La data della firma non può essere nel futuro.")
    elif scadenza and scadenza < firmato_il:
        errors["scadenza"] = _("Il protocollo non può scadere prima di essere firmato: controlla le date.")
    if any(ente.ambito_id != ambito.pk for ente in parties):
        errors["enti"] = _("Scegli enti dell'ambito; gli altri scrivili in «Altre parti».")
    if not parties and not altre_parti.strip():
        errors["enti"] = _("Indica almeno una parte del protocollo.")
    if errors:
        raise ValidationError(errors)
    check_document(documento)

    def create() -> Protocol:
        with transaction.atomic(), audit_reason(_("Nuovo protocollo")):
            protocol = Protocol.objects.create(
                ambito=ambito, titolo=titolo.strip(), oggetto=oggetto.strip(), altre_parti=altre_parti.strip(),
                firmato_il=firmato_il, scadenza=scadenza, documento=documento or "", registrato_da=by,
                creation_token=creation_token)
            protocol.enti.set(parties)
            return protocol

    return _create_once(Protocol, creation_token, create)
