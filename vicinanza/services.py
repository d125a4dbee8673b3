"""Writes of vicinanza solidale: validate everything (Italian messages by field), one transaction, audit-logged."""

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.context import audit_reason
from common.exceptions import DuplicateSubmission, StaleEdit
from families.models import Family
from organisation.models import Ambito, Ente, Membership, Role

from . import policies, selectors
from .models import Abbinamento, Aiuto, AttivitaVicinanza, Disponibilita, Sostenitore

MAX_ACTIVITY_MINUTES = 12 * 60
REVIEW_AFTER = timedelta(days=90)


@dataclass
class SostenitoreData:
    tipo: str
    nome: str
    comune: Ente | None
    referente: str = ""
    telefono: str = ""
    email: str = ""
    lingue: str = ""
    disponibilita: tuple[str, ...] = ()
    aiuti: tuple[str, ...] = ()
    ente: Ente | None = None
    user: User | None = None
    colloquio_il: date | None = None
    controlli_il: date | None = None
    consenso_il: date | None = None
    stato: str = Sostenitore.Stato.DISPONIBILE
    famiglia_origine: Family | None = None
    note: str = ""


def _check_sostenitore_fields(errors: dict[str, str], *, ambito: Ambito, data: SostenitoreData) -> None:
    """Name, type, comune and ente of the ambito, the help and availability offered."""
    if not data.nome.strip():
        errors["nome"] = _("Indica il nome della famiglia d'appoggio o del volontario.")
    if data.tipo not in Sostenitore.Tipo.values:
        errors["tipo"] = _("Scegli il tipo dall'elenco.")
    if data.comune is None or data.comune.ambito_id != ambito.pk or data.comune.tipo != Ente.Tipo.COMUNE:
        errors["comune"] = _("Scegli un comune dell'ambito.")
    if data.ente is not None and data.ente.ambito_id != ambito.pk:
        errors["ente"] = _("Scegli un ente dell'ambito.")
    if not data.aiuti or set(data.aiuti) - set(Aiuto.values):
        errors["aiuti"] = _("Indica almeno un tipo di aiuto che può offrire.")
    if not data.disponibilita or set(data.disponibilita) - set(Disponibilita.values):
        errors["disponibilita"] = _("Indica quando è disponibile.")


def _check_sostenitore_checks(errors: dict[str, str], *, ambito: Ambito, by: User, data: SostenitoreData) -> None:
    """The dates of the checks, the state, the linked user and the family it comes from."""
    today = timezone.localdate()
    for name in ("colloquio_il", "controlli_il", "consenso_il"):
        value = getattr(data, name)
        if value and value > today:
            errors[name] = _("La data non può essere nel futuro.")
    if data.stato not in Sostenitore.Stato.values:
        errors["stato"] = _("Scegli lo stato dall'elenco.")
    if data.user is not None and not Membership.objects.filter(
            user=data.user, ambito=ambito, role=Role.VOLONTARIO, active=True).exists():
        errors["user"] = _("L'utente deve essere registrato nell'ambito come famiglia d'appoggio o volontario.")
    if data.famiglia_origine is not None and (
            data.famiglia_origine.ambito_id != ambito.pk
            or not selectors.full_view_families(by).filter(pk=data.famiglia_origine.pk).exists()):
        errors["famiglia_origine"] = _("Scegli una famiglia che segui.")


def _check_sostenitore(*, ambito: Ambito, by: User, data: SostenitoreData) -> None:
    errors: dict[str, str] = {}
    _check_sostenitore_fields(errors, ambito=ambito, data=data)
    _check_sostenitore_checks(errors, ambito=ambito, by=by, data=data)
    if errors:
        raise ValidationError(errors)


def sostenitore_create(*, ambito: Ambito, by: User, data: SostenitoreData,
                       creation_token: uuid.UUID | None = None) -> Sostenitore:
    if ambito.pk not in policies.register_ambiti(by):
        raise PermissionDenied(_("Il registro della vicinanza solidale è tenuto dal Referente Territoriale, dai case "
                                 "manager e dai coordinatori degli enti del Terzo Settore."))
    if creation_token is not None:
        existing = Sostenitore.objects.filter(creation_token=creation_token).first()
        if existing is not None:
            raise DuplicateSubmission(existing)
    _check_sostenitore(ambito=ambito, by=by, data=data)
    try:
        with transaction.atomic(), audit_reason(_("Nuova famiglia d'appoggio o volontario nel registro")):
            return Sostenitore.objects.create(ambito=ambito, created_by=by, creation_token=creation_token,
                                              **_fields(data))
    except IntegrityError:
        existing = Sostenitore.objects.filter(creation_token=creation_token).first()
        if existing is not None:
            raise DuplicateSubmission(existing) from None
        raise


def sostenitore_update(*, sostenitore: Sostenitore, by: User, version: int, data: SostenitoreData) -> Sostenitore:
    if sostenitore.ambito_id not in policies.register_ambiti(by):
        raise PermissionDenied(_("Non puoi modificare il registro della vicinanza solidale."))
    _check_sostenitore(ambito=sostenitore.ambito, by=by, data=data)
    with transaction.atomic(), audit_reason(_("Modifica nel registro della vicinanza solidale")):
        current = Sostenitore.objects.select_for_update().get(pk=sostenitore.pk)
        if current.version != version:
            raise StaleEdit(current)
        for name, value in _fields(data).items():
            setattr(current, name, value)
        current.version += 1
        current.save()
    return current


def _fields(data: SostenitoreData) -> dict[str, Any]:
    return {"tipo": data.tipo, "nome": data.nome.strip(), "comune": data.comune, "referente": data.referente.strip(),
            "telefono": data.telefono.strip(), "email": data.email.strip(), "lingue": data.lingue.strip(),
            "disponibilita": [d for d in Disponibilita.values if d in data.disponibilita],
            "aiuti": [a for a in Aiuto.values if a in data.aiuti], "ente": data.ente, "user": data.user,
            "colloquio_il": data.colloquio_il, "controlli_il": data.controlli_il, "consenso_il": data.consenso_il,
            "stato": data.stato, "famiglia_origine": data.famiglia_origine, "note": data.note.strip()}


# --- Pairings

def _check_sostenitore_for(errors: dict[str, str], *, family: Family, sostenitore: Sostenitore) -> None:
    """One of the ambito, available, with the checks done, not the family itself, not already paired with it."""
    if sostenitore.ambito_id != family.ambito_id:
        errors["sostenitore"] = _("Scegli una famiglia d'appoggio o un volontario dell'ambito.")
    elif sostenitore.stato != Sostenitore.Stato.DISPONIBILE:
        errors["sostenitore"] = _("%(nome)s non è disponibile in questo momento.") % {"nome": sostenitore.nome}
    elif not sostenitore.checks_done:
        errors["sostenitore"] = _("%(nome)s non ha completato i controlli: manca %(cosa)s.") % {
            "nome": sostenitore.nome, "cosa": ", ".join(sostenitore.missing_checks)}
    elif sostenitore.famiglia_origine_id == family.pk:
        errors["sostenitore"] = _("Una famiglia non può sostenere se stessa.")
    elif Abbinamento.objects.filter(family=family, sostenitore=sostenitore, stato__in=("proposto", "attivo")).exists():
        errors["sostenitore"] = _("Questo abbinamento è già in corso.")


def abbinamento_propose(*, family: Family, sostenitore: Sostenitore, by: User, bisogni: list[str],
                        motivazione: str = "", creation_token: uuid.UUID | None = None) -> Abbinamento:
    if not policies.can_manage_pairing(by, family):
        raise PermissionDenied(_("Propone un abbinamento il case manager dell'équipe o il Referente Territoriale."))
    if creation_token is not None:
        existing = Abbinamento.objects.filter(creation_token=creation_token).first()
        if existing is not None:
            raise DuplicateSubmission(existing)
    errors: dict[str, str] = {}
    _check_sostenitore_for(errors, family=family, sostenitore=sostenitore)
    if not selectors.family_can_receive(family):
        errors["__all__"] = _("La vicinanza solidale si attiva per le famiglie incluse nel programma, non ancora "
                              "chiuse (stato attuale: %(s)s).") % {"s": family.get_stato_display()}
    if not bisogni or set(bisogni) - set(Aiuto.values):
        errors["bisogni"] = _("Indica di quale aiuto ha bisogno la famiglia.")
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic(), audit_reason(_("Proposta di abbinamento di vicinanza solidale")):
            return Abbinamento.objects.create(
                ambito_id=family.ambito_id, family=family, sostenitore=sostenitore, bisogni=list(bisogni),
                motivazione=motivazione.strip(), created_by=by, creation_token=creation_token)
    except IntegrityError:
        existing = (Abbinamento.objects.filter(creation_token=creation_token).first() if creation_token else None)
        if existing is not None:
            raise DuplicateSubmission(existing) from None
        raise ValidationError({"sostenitore": _("Questo abbinamento è già in corso.")}) from None


def _locked(abbinamento: Abbinamento, version: int) -> Abbinamento:
    current = Abbinamento.objects.select_for_update(of=("self",)).select_related("sostenitore", "family").get(
        pk=abbinamento.pk)
    if current.version != version:
        raise StaleEdit(current)
    return current


def _require_manager(by: User, abbinamento: Abbinamento) -> None:
    if not policies.can_manage_pairing(by, abbinamento.family):
        raise PermissionDenied(_("Gestisce l'abbinamento il case manager dell'équipe o il Referente Territoriale."))


def abbinamento_agree(*, abbinamento: Abbinamento, by: User, version: int, accordo: str, data_accordo: date,
                      data_revisione: date | None = None) -> Abbinamento:
    """The pairing starts: the agreement (patto di vicinanza) is signed."""
    _require_manager(by, abbinamento)
    errors: dict[str, str] = {}
    if abbinamento.stato != Abbinamento.Stato.PROPOSTO:
        errors["__all__"] = _("L'accordo si registra solo per un abbinamento proposto (stato attuale: %(s)s).") % {
            "s": abbinamento.get_stato_display()}
    if not abbinamento.sostenitore.checks_done:
        errors["__all__"] = _("%(nome)s non ha completato i controlli: manca %(cosa)s.") % {
            "nome": abbinamento.sostenitore.nome, "cosa": ", ".join(abbinamento.sostenitore.missing_checks)}
    if not (accordo or "").strip():
        errors["accordo"] = _("Scrivi il patto: che cosa si fa insieme, quando, con quale frequenza.")
    if data_accordo is None or data_accordo > timezone.localdate():
        errors["data_accordo"] = _("Indica la data dell'accordo (non nel futuro).")
    data_revisione = data_revisione or (data_accordo + REVIEW_AFTER if data_accordo else None)
    if data_accordo and data_revisione and data_revisione <= data_accordo:
        errors["data_revisione"] = _("La verifica deve essere dopo l'accordo.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audit_reason(_("Accordo di vicinanza solidale")):
        current = _locked(abbinamento, version)
        current.stato, current.accordo = Abbinamento.Stato.ATTIVO, accordo.strip()
        current.data_accordo, current.data_revisione = data_accordo, data_revisione
        current.version += 1
        current.save()
    return current


def abbinamento_review(*, abbinamento: Abbinamento, by: User, version: int, note: str, data: date,
                       prossima: date | None) -> Abbinamento:
    """A review with the two families: what works, what changes; the next review date."""
    _require_manager(by, abbinamento)
    errors: dict[str, str] = {}
    if abbinamento.stato != Abbinamento.Stato.ATTIVO:
        errors["__all__"] = _("Si verifica solo un abbinamento attivo.")
    if not (note or "").strip():
        errors["note"] = _("Scrivi com'è andata la verifica.")
    if data is None or data > timezone.localdate() or (abbinamento.data_accordo and data < abbinamento.data_accordo):
        errors["data"] = _("La data della verifica deve essere tra l'accordo e oggi.")
    if prossima and data and prossima <= data:
        errors["prossima"] = _("La prossima verifica deve essere dopo questa.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audit_reason(_("Verifica dell'abbinamento di vicinanza solidale")):
        current = _locked(abbinamento, version)
        line = f"{data:%d/%m/%Y}: {note.strip()}"
        current.revisioni = f"{current.revisioni}\n{line}".strip()
        current.data_revisione = prossima
        current.version += 1
        current.save()
    return current


def abbinamento_close(*, abbinamento: Abbinamento, by: User, version: int, data: date, esito: str) -> Abbinamento:
    """Close an active pairing, or drop a proposed one that did not start."""
    _require_manager(by, abbinamento)
    errors: dict[str, str] = {}
    if abbinamento.stato not in (Abbinamento.Stato.PROPOSTO, Abbinamento.Stato.ATTIVO):
        errors["__all__"] = _("L'abbinamento è già concluso.")
    if not (esito or "").strip():
        errors["esito"] = _("Scrivi l'esito dell'abbinamento.")
    if data is None or data > timezone.localdate() or (abbinamento.data_accordo and data < abbinamento.data_accordo):
        errors["data"] = _("La data di conclusione deve essere tra l'accordo e oggi.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audit_reason(_("Conclusione dell'abbinamento di vicinanza solidale")):
        current = _locked(abbinamento, version)
        current.stato = (Abbinamento.Stato.CHIUSO if current.stato == Abbinamento.Stato.ATTIVO
                         else Abbinamento.Stato.ANNULLATO)
        current.data_chiusura, current.esito_chiusura = data, esito.strip()
        current.version += 1
        current.save()
    return current


def attivita_add(*, abbinamento: Abbinamento, by: User, data: date, durata_minuti: int, tipo: str, descrizione: str = "",
                 creation_token: uuid.UUID | None = None) -> AttivitaVicinanza:
    if not policies.can_log_activity(by, abbinamento):
        raise PermissionDenied(_("Registrano le attività la famiglia d'appoggio o il volontario e l'équipe."))
    if creation_token is not None:
        existing = AttivitaVicinanza.objects.filter(creation_token=creation_token).first()
        if existing is not None:
            raise DuplicateSubmission(existing)
    errors: dict[str, str] = {}
    if abbinamento.stato != Abbinamento.Stato.ATTIVO:
        errors["__all__"] = _("Le attività si registrano quando l'abbinamento è attivo (dopo l'accordo).")
    if data is None or data > timezone.localdate():
        errors["data"] = _("Indica una data non nel futuro.")
    elif abbinamento.data_accordo and data < abbinamento.data_accordo:
        errors["data"] = _("L'attività non può essere precedente all'accordo (%(d)s).") % {
            "d": abbinamento.data_accordo.strftime("%d/%m/%Y")}
    if durata_minuti is None or durata_minuti <= 0 or durata_minuti > MAX_ACTIVITY_MINUTES:
        errors["durata_minuti"] = _("Indica una durata tra 1 minuto e 12 ore.")
    if tipo not in Aiuto.values:
        errors["tipo"] = _("Scegli il tipo di aiuto dall'elenco.")
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic(), audit_reason(_("Attività di vicinanza solidale")):
            return AttivitaVicinanza.objects.create(
                abbinamento=abbinamento, data=data, durata_minuti=durata_minuti, tipo=tipo,
                descrizione=(descrizione or "").strip(), registrata_da=by, creation_token=creation_token)
    except IntegrityError:
        existing = AttivitaVicinanza.objects.filter(creation_token=creation_token).first()
        if existing is not None:
            raise DuplicateSubmission(existing) from None
        raise
