"""Writes of Progetti Quadro. Each function checks permission, validates, writes in one transaction with
an audit reason. Every change to a plan or its parts checks and bumps the plan's `version` (optimistic
locking); an agreed plan is locked, and changing it means starting a new version."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.context import audit_reason
from common.exceptions import DuplicateSubmission, StaleEdit
from common.models import CreatedOnce
from families.models import Family, Person
from organisation.models import EquipeMember, Membership, Professione

from .models import (
    TRANSLATION_LANGUAGES,
    TRANSLATION_MAX_LENGTH,
    Accordo,
    Azione,
    Dispositivo,
    EsitoVerifica,
    ProgettoQuadro,
    RisultatoAtteso,
    Traduzione,
    Verifica,
)
from .policies import require_translate_plan, require_write_plan
from .selectors import is_adult, sottodimensione_labels

__all__ = ["DuplicateSubmission", "StaleEdit", "OutcomeData", "progetto_create", "progetto_update",
           "risultato_add", "risultato_update", "azione_add", "azione_update", "accordo_record",
           "verifica_record", "progetto_nuova_versione", "translation_save", "translation_confirm"]


def _locked_message() -> str:
    return _("Il progetto è già stato concordato con la famiglia: per cambiarlo avvia una nuova versione "
             "(riprogettazione).")


def _check_dates(start: date | None, end: date | None, *, field: str = "data_fine") -> None:
    if start and end and end < start:
        raise ValidationError({field: _("La data di fine non può essere precedente alla data di inizio.")})


Created = TypeVar("Created", bound=CreatedOnce)


def _existing(model: type[Created], creation_token: uuid.UUID | None) -> Created | None:
    if creation_token is None:
        return None
    return model._default_manager.filter(creation_token=creation_token).first()


def _lock(plan: ProgettoQuadro, version: int, *, allow_locked: bool = False) -> ProgettoQuadro:
    """Lock the plan's row; refuse a stale form and (unless allowed) a change to an agreed plan."""
    current = ProgettoQuadro.objects.select_for_update(of=("self",)).select_related("updated_by").get(pk=plan.pk)
    current.family = plan.family
    if current.stato == ProgettoQuadro.Stato.SUPERATO:
        raise ValidationError(_("Questa versione del progetto è stata sostituita da una più recente: apri quella."))
    if current.version != version:
        raise StaleEdit(current)
    if current.is_locked and not allow_locked:
        raise ValidationError(_locked_message())
    return current


def _touch(plan: ProgettoQuadro, by: User, **changes: Any) -> ProgettoQuadro:
    for name, value in changes.items():
        setattr(plan, name, value)
    plan.version += 1
    plan.updated_by = by
    plan.save()
    return plan


def _create_guarded(model: type[Created], creation_token: uuid.UUID | None,
                    create: Callable[[], Created]) -> Created:
    """Run `create`; a concurrent double submission that lost the race on the token finds the first one."""
    try:
        return create()
    except IntegrityError:
        existing = _existing(model, creation_token)
        if existing is not None:
            raise DuplicateSubmission(existing) from None
        raise


# --- The plan

def progetto_create(*, family: Family, by: User, analisi: str = "", data_inizio: date | None = None,
                    data_fine: date | None = None, creation_token: uuid.UUID | None = None) -> ProgettoQuadro:
    """Start the family's first Progetto Quadro (a draft to be written with the family)."""
    require_write_plan(by, family)
    existing = _existing(ProgettoQuadro, creation_token)
    if existing is not None:
        raise DuplicateSubmission(existing)
    if ProgettoQuadro.objects.filter(family=family).exists():
        raise ValidationError(_("Questa famiglia ha già un Progetto Quadro: aprilo e modificalo, oppure avvia una "
                                "nuova versione."))
    _check_dates(data_inizio, data_fine)

    def create() -> ProgettoQuadro:
        with transaction.atomic(), audit_reason(_("Avvio del Progetto Quadro")):
            Family.objects.select_for_update().filter(pk=family.pk).first()
            if ProgettoQuadro.objects.filter(family=family).exists():
                raise ValidationError(_("Questa famiglia ha già un Progetto Quadro: aprilo e modificalo."))
            plan = ProgettoQuadro.objects.create(
                family=family, numero=1, analisi=analisi.strip(), data_inizio=data_inizio, data_fine=data_fine,
                created_by=by, updated_by=by, creation_token=creation_token)
            return plan

    return _create_guarded(ProgettoQuadro, creation_token, create)


def progetto_update(*, progetto: ProgettoQuadro, by: User, version: int, analisi: str, data_inizio: date | None,
                    data_fine: date | None) -> ProgettoQuadro:
    require_write_plan(by, progetto.family)
    _check_dates(data_inizio, data_fine)
    with transaction.atomic(), audit_reason(_("Modifica del Progetto Quadro")):
        current = _lock(progetto, version)
        return _touch(current, by, analisi=analisi.strip(), data_inizio=data_inizio, data_fine=data_fine)


# --- Expected outcomes

def _check_sottodimensione(code: str) -> None:
    if code not in sottodimensione_labels():
        raise ValidationError({"sottodimensione": _("Scegli una sottodimensione del Mondo del Bambino dall'elenco.")})


def risultato_add(*, progetto: ProgettoQuadro, by: User, version: int, sottodimensione: str, descrizione: str,
                  analisi: str = "", data_prevista: date | None = None,
                  creation_token: uuid.UUID | None = None) -> RisultatoAtteso:
    require_write_plan(by, progetto.family)
    existing = _existing(RisultatoAtteso, creation_token)
    if existing is not None:
        raise DuplicateSubmission(existing)
    _check_sottodimensione(sottodimensione)
    if not descrizione.strip():
        raise ValidationError({"descrizione": _("Scrivi il risultato atteso.")})

    def create() -> RisultatoAtteso:
        with transaction.atomic(), audit_reason(_("Nuovo risultato atteso nel Progetto Quadro")):
            current = _lock(progetto, version)
            goal = RisultatoAtteso.objects.create(
                progetto=current, sottodimensione=sottodimensione, descrizione=descrizione.strip(),
                analisi=analisi.strip(), data_prevista=data_prevista, creation_token=creation_token)
            _touch(current, by)
            return goal

    return _create_guarded(RisultatoAtteso, creation_token, create)


def risultato_update(*, risultato: RisultatoAtteso, by: User, version: int, sottodimensione: str, descrizione: str,
                     analisi: str, data_prevista: date | None) -> RisultatoAtteso:
    plan = risultato.progetto
    require_write_plan(by, plan.family)
    _check_sottodimensione(sottodimensione)
    if not descrizione.strip():
        raise ValidationError({"descrizione": _("Scrivi il risultato atteso.")})
    with transaction.atomic(), audit_reason(_("Modifica di un risultato atteso")):
        current = _lock(plan, version)
        goal = RisultatoAtteso.objects.select_for_update().get(pk=risultato.pk, progetto=current)
        goal.sottodimensione = sottodimensione
        goal.descrizione = descrizione.strip()
        goal.analisi = analisi.strip()
        goal.data_prevista = data_prevista
        goal.save()
        _touch(current, by)
    return goal


# --- Actions

@dataclass
class ActionData:
    descrizione: str
    responsabile_tipo: str
    responsabile_user: User | None = None
    responsabile_persona: Person | None = None
    responsabile_testo: str = ""
    data_inizio: date | None = None
    data_fine: date | None = None
    dispositivi: tuple[str, ...] = ()
    stato: str = Azione.StatoAzione.PREVISTA


ACTION_FIELDS = tuple(ActionData.__dataclass_fields__)


def _clean_action(family: Family, data: ActionData) -> ActionData:
    """Check an action's data against the family and its équipe; returns it with the unused responsible cleared."""
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if not data.descrizione.strip():
        add("descrizione", _("Scrivi che cosa si fa."))
    kind = data.responsabile_tipo
    user, person, text = _clean_responsible(family, data, add)
    if data.data_inizio and data.data_fine and data.data_fine < data.data_inizio:
        add("data_fine", _("La data di fine non può essere precedente alla data di inizio."))
    unknown = [d for d in data.dispositivi if d not in Dispositivo.values]
    if unknown:
        add("dispositivi", _("Scegli i dispositivi dall'elenco."))
    if data.stato not in Azione.StatoAzione.values:
        add("stato", _("Scegli lo stato dall'elenco."))
    if errors:
        raise ValidationError(errors)
    return ActionData(descrizione=data.descrizione.strip(), responsabile_tipo=kind, responsabile_user=user,
                      responsabile_persona=person, responsabile_testo=text, data_inizio=data.data_inizio,
                      data_fine=data.data_fine, dispositivi=tuple(dict.fromkeys(data.dispositivi)),
                      stato=data.stato)


def _clean_responsible(family: Family, data: ActionData,
                       add: Callable[[str, str], None]) -> tuple[User | None, Person | None, str]:
    """Who does the action, checked against the family and its équipe; the responsibles of other kinds cleared."""
    kind = data.responsabile_tipo
    user, person, text = data.responsabile_user, data.responsabile_persona, data.responsabile_testo.strip()
    if kind == Azione.Responsabile.FAMILIARE:
        if person is None or person.family_id != family.pk:
            add("responsabile_persona", _("Scegli un componente di questa famiglia."))
        return None, person, ""
    if kind in (Azione.Responsabile.OPERATORE, Azione.Responsabile.INSEGNANTE):
        if kind == Azione.Responsabile.INSEGNANTE:
            ok = _is_equipe_teacher(family, user)
            message = _("Scegli un insegnante che fa parte dell'équipe della famiglia.")
        else:
            ok = _is_equipe_operator(family, user)
            message = _("Scegli un operatore dell'équipe della famiglia.")
        if not ok:
            add("responsabile_user", message)
        return user, None, ""
    if kind == Azione.Responsabile.APPOGGIO:
        if not text:
            add("responsabile_testo", _("Scrivi il nome della famiglia d'appoggio o del volontario."))
        return None, None, text
    add("responsabile_tipo", _("Indica chi si occupa dell'azione."))
    return user, person, text


def _is_equipe_teacher(family: Family, user: User | None) -> bool:
    if user is None or family.equipe_id is None:
        return False
    return EquipeMember.objects.filter(equipe_id=family.equipe_id, user=user,
                                       professione=Professione.INSEGNANTE).exists()


def _is_equipe_operator(family: Family, user: User | None) -> bool:
    """An operator of the family's équipe (not a teacher), or its case manager."""
    if user is None or family.equipe_id is None:
        return False
    members = EquipeMember.objects.filter(equipe_id=family.equipe_id, user=user)
    return (members.exclude(professione=Professione.INSEGNANTE).exists()
            or (family.equipe is not None and family.equipe.case_manager_id == user.pk))


def _action_values(data: ActionData) -> dict[str, Any]:
    values = {f: getattr(data, f) for f in ACTION_FIELDS}
    values["dispositivi"] = list(data.dispositivi)
    return values


def azione_add(*, risultato: RisultatoAtteso, by: User, version: int, data: ActionData,
               creation_token: uuid.UUID | None = None) -> Azione:
    plan = risultato.progetto
    require_write_plan(by, plan.family)
    existing = _existing(Azione, creation_token)
    if existing is not None:
        raise DuplicateSubmission(existing)
    data = _clean_action(plan.family, data)

    def create() -> Azione:
        with transaction.atomic(), audit_reason(_("Nuova azione nel Progetto Quadro")):
            current = _lock(plan, version)
            if not RisultatoAtteso.objects.filter(pk=risultato.pk, progetto=current).exists():
                raise ValidationError(_("Il risultato atteso non fa parte di questo progetto."))
            action = Azione.objects.create(risultato_id=risultato.pk, creation_token=creation_token,
                                           **_action_values(data))
            _touch(current, by)
            return action

    return _create_guarded(Azione, creation_token, create)


def azione_update(*, azione: Azione, by: User, version: int, data: ActionData) -> Azione:
    """Change an action. On an agreed plan only its state may change (done, not done...)."""
    plan = azione.risultato.progetto
    require_write_plan(by, plan.family)
    data = _clean_action(plan.family, data)
    with transaction.atomic(), audit_reason(_("Modifica di un'azione del Progetto Quadro")):
        current = _lock(plan, version, allow_locked=True)
        action = Azione.objects.select_for_update().get(pk=azione.pk, risultato__progetto=current)
        values = _action_values(data)
        if current.is_locked:
            before = {f: getattr(action, f) for f in values if f != "stato"}
            before["responsabile_user"] = action.responsabile_user_id
            before["responsabile_persona"] = action.responsabile_persona_id
            after = {f: v for f, v in values.items() if f != "stato"}
            after["responsabile_user"] = getattr(data.responsabile_user, "pk", None)
            after["responsabile_persona"] = getattr(data.responsabile_persona, "pk", None)
            if before != after:
                raise ValidationError(_("Il progetto è già stato concordato con la famiglia: di un'azione puoi "
                                        "cambiare solo lo stato. Per cambiare il resto avvia una nuova versione."))
        for name, value in values.items():
            setattr(action, name, value)
        action.save()
        _touch(current, by)
    return action


# --- The family's agreement

def accordo_record(*, progetto: ProgettoQuadro, by: User, version: int, persona: Person, data: date, esito: str,
                   commento: str = "", creation_token: uuid.UUID | None = None, via_portal: bool = False) -> Accordo:
    """Record what a member of the family said about the plan. Agreement locks the plan.

    `via_portal`: the family member records it themselves through the family portal (`by` is `persona`'s user)."""
    family = progetto.family
    if via_portal:
        if persona is None or persona.user_id is None or persona.user_id != getattr(by, "pk", None):
            raise PermissionDenied(_("Dal portale ognuno registra solo la propria risposta."))
    else:
        require_write_plan(by, family)
    existing = _existing(Accordo, creation_token)
    if existing is not None:
        raise DuplicateSubmission(existing)
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    if persona is None or persona.family_id != family.pk or not is_adult(persona, today):
        errors["persona"] = [_("Scegli un adulto di questa famiglia: un genitore o un altro adulto del nucleo.")]
    if data > today:
        errors["data"] = [_("La data non può essere nel futuro.")]
    if esito not in Accordo.Esito.values:
        errors["esito"] = [_("Indica se la famiglia è d'accordo o chiede delle modifiche.")]
    if errors:
        raise ValidationError(errors)

    def create() -> Accordo:
        reason = "Accordo registrato dal familiare tramite il portale" if via_portal else \
            _("Accordo della famiglia sul Progetto Quadro")
        with transaction.atomic(), audit_reason(reason):
            current = _lock(progetto, version, allow_locked=True)
            if esito == Accordo.Esito.CONCORDA and not current.risultati.exists():
                raise ValidationError(_("Il progetto non ha ancora risultati attesi: aggiungine almeno uno prima "
                                        "di concordarlo con la famiglia."))
            agreement = Accordo.objects.create(progetto=current, persona=persona, data=data, esito=esito,
                                               commento=commento.strip(), registrato_da=by,
                                               creation_token=creation_token, dal_portale=via_portal)
            changes = {}
            if esito == Accordo.Esito.CONCORDA and current.stato == ProgettoQuadro.Stato.BOZZA:
                changes = {"stato": ProgettoQuadro.Stato.CONCORDATO, "concordato_il": data}
            _touch(current, by, **changes)
            return agreement

    return _create_guarded(Accordo, creation_token, create)


# --- Reviews and re-planning

@dataclass
class OutcomeData:
    risultato_id: int
    esito: str
    note: str = ""


def verifica_record(*, progetto: ProgettoQuadro, by: User, version: int, momento: str, data: date,
                    esiti: list[OutcomeData], note: str = "", creation_token: uuid.UUID | None = None) -> Verifica:
    """Review the plan with the family: an outcome for every expected result of the plan."""
    family = progetto.family
    require_write_plan(by, family)
    existing = _existing(Verifica, creation_token)
    if existing is not None:
        raise DuplicateSubmission(existing)
    errors: dict[str, list[str]] = {}
    if momento not in Verifica.Momento.values:
        errors["momento"] = [_("Indica il momento della verifica (T1, T2 o un'altra data).")]
    if data > timezone.localdate():
        errors["data"] = [_("La data della verifica non può essere nel futuro.")]
    if errors:
        raise ValidationError(errors)

    def create() -> Verifica:
        with transaction.atomic(), audit_reason(_("Verifica del Progetto Quadro")):
            current = _lock(progetto, version, allow_locked=True)
            if current.stato != ProgettoQuadro.Stato.CONCORDATO:
                raise ValidationError(_("Puoi registrare una verifica solo su un progetto concordato con la "
                                        "famiglia."))
            if current.concordato_il and data < current.concordato_il:
                raise ValidationError({"data": _("La verifica non può essere precedente all'accordo sul progetto "
                                                 "(%(d)s).") % {"d": current.concordato_il.strftime("%d/%m/%Y")}})
            problems = _outcome_problems({g.pk: g for g in current.risultati.all()}, esiti)
            if problems:
                raise ValidationError(list(dict.fromkeys(problems)))
            review = Verifica.objects.create(progetto=current, momento=momento, data=data, note=note.strip(),
                                             registrata_da=by, creation_token=creation_token)
            for outcome in esiti:
                EsitoVerifica.objects.create(verifica=review, risultato_id=outcome.risultato_id,
                                             esito=outcome.esito, note=outcome.note.strip())
            _touch(current, by)
            return review

    return _create_guarded(Verifica, creation_token, create)


def _outcome_problems(goals: dict[int, RisultatoAtteso], esiti: list[OutcomeData]) -> list[str]:
    """What is wrong with a review's outcomes: each of the plan's expected results once, with a valid outcome."""
    problems = []
    seen: set[int] = set()
    for outcome in esiti:
        if outcome.risultato_id not in goals:
            problems.append(_("Uno dei risultati indicati non fa parte di questo progetto: ricarica la "
                              "pagina e riprova."))
        elif outcome.risultato_id in seen:
            problems.append(_("Lo stesso risultato atteso compare due volte nella verifica."))
        elif outcome.esito not in EsitoVerifica.Esito.values:
            problems.append(_("Indica per «%(r)s» se è raggiunto, raggiunto in parte o non raggiunto.")
                            % {"r": goals[outcome.risultato_id].descrizione[:60]})
        seen.add(outcome.risultato_id)
    missing = [g for pk, g in goals.items() if pk not in seen]
    for goal in missing:
        problems.append(_("Indica l'esito di «%(r)s».") % {"r": goal.descrizione[:60]})
    if not goals:
        problems.append(_("Il progetto non ha risultati attesi da verificare."))
    return problems


def progetto_nuova_versione(*, progetto: ProgettoQuadro, by: User, version: int,
                            creation_token: uuid.UUID | None = None) -> ProgettoQuadro:
    """Re-planning: the agreed plan is replaced by a new draft that carries over the outcomes still open
    (not reached at the last review) with their actions not yet done; the family agrees to it again."""
    family = progetto.family
    require_write_plan(by, family)
    existing = _existing(ProgettoQuadro, creation_token)
    if existing is not None:
        raise DuplicateSubmission(existing)

    def create() -> ProgettoQuadro:
        with transaction.atomic(), audit_reason(_("Riprogettazione: nuova versione del Progetto Quadro")):
            current = _lock(progetto, version, allow_locked=True)
            if current.stato == ProgettoQuadro.Stato.BOZZA:
                raise ValidationError(_("Il progetto non è ancora concordato: puoi modificarlo direttamente, "
                                        "senza avviare una nuova versione."))
            numero = (ProgettoQuadro.objects.filter(family=family).aggregate(m=Max("numero"))["m"] or 0) + 1
            _touch(current, by, stato=ProgettoQuadro.Stato.SUPERATO)
            new = ProgettoQuadro.objects.create(
                family=family, numero=numero, analisi=current.analisi, data_inizio=timezone.localdate(),
                data_fine=current.data_fine if current.data_fine and current.data_fine >= timezone.localdate()
                else None,
                precedente=current, created_by=by, updated_by=by, creation_token=creation_token)
            last: dict[int, str] = {}
            for outcome in EsitoVerifica.objects.filter(verifica__progetto=current).order_by("verifica__data",
                                                                                             "verifica_id"):
                last[outcome.risultato_id] = outcome.esito
            for goal in current.risultati.prefetch_related("azioni__traduzioni", "traduzioni").order_by("pk"):
                if last.get(goal.pk) == EsitoVerifica.Esito.RAGGIUNTO:
                    continue
                copy = RisultatoAtteso.objects.create(
                    progetto=new, sottodimensione=goal.sottodimensione, analisi=goal.analisi,
                    descrizione=goal.descrizione, data_prevista=goal.data_prevista, origine=goal)
                _copy_translations(goal.traduzioni.all(), risultato=copy)
                for action in goal.azioni.all():
                    if action.stato == Azione.StatoAzione.SVOLTA:
                        continue
                    action_copy = Azione.objects.create(
                        risultato=copy, descrizione=action.descrizione, responsabile_tipo=action.responsabile_tipo,
                        responsabile_user_id=action.responsabile_user_id,
                        responsabile_persona_id=action.responsabile_persona_id,
                        responsabile_testo=action.responsabile_testo, data_inizio=action.data_inizio,
                        data_fine=action.data_fine, dispositivi=list(action.dispositivi), stato=action.stato)
                    _copy_translations(action.traduzioni.all(), azione=action_copy)
            return new

    return _create_guarded(ProgettoQuadro, creation_token, create)


# --- The family's version of goals and actions (a cultural mediator's translation)

def _copy_translations(translations: Any, **item: RisultatoAtteso | Azione) -> None:
    """A new version of the plan keeps the family's words: each translation as it was checked, and still
    «da rivedere» if it was."""
    for t in translations:
        Traduzione.objects.create(lingua=t.lingua, testo=t.testo, testo_italiano=t.testo_italiano,
                                  mediatore=t.mediatore, verificata_da_id=t.verificata_da_id,
                                  professione=t.professione, verificata_il=t.verificata_il, **item)


TRANSLATION_CODES = frozenset(code for code, _name in TRANSLATION_LANGUAGES)
MEDIATOR_MAX_LENGTH = 200


def _plan_of(item: RisultatoAtteso | Azione) -> ProgettoQuadro:
    return item.progetto if isinstance(item, RisultatoAtteso) else item.risultato.progetto


def _item_filter(item: RisultatoAtteso | Azione) -> dict[str, Any]:
    return {"risultato_id": item.pk} if isinstance(item, RisultatoAtteso) else {"azione_id": item.pk}


def _check_translation(*, lingua: str, testo: str, mediatore: str) -> None:
    errors: dict[str, list[str]] = {}
    if lingua not in TRANSLATION_CODES:
        errors["lingua"] = [_("Scegli la lingua della famiglia dall'elenco.")]
    if not testo.strip():
        errors["testo"] = [_("Scrivi il testo nella lingua della famiglia.")]
    elif len(testo.strip()) > TRANSLATION_MAX_LENGTH:
        errors["testo"] = [_("Il testo è troppo lungo: al massimo %(max)s caratteri (ora sono %(n)s). Accorcialo.")
                           % {"max": TRANSLATION_MAX_LENGTH, "n": len(testo.strip())}]
    if len(mediatore.strip()) > MEDIATOR_MAX_LENGTH:
        errors["mediatore"] = [_("Il nome è troppo lungo: al massimo %(max)s caratteri.") % {"max": MEDIATOR_MAX_LENGTH}]
    if errors:
        raise ValidationError(errors)


def _current_italian(item: RisultatoAtteso | Azione, italiano_visto: str | None) -> str:
    """The item's Italian text now, locked; refuse a check made against an Italian text that changed meanwhile."""
    model = RisultatoAtteso if isinstance(item, RisultatoAtteso) else Azione
    italian: str = model._default_manager.select_for_update().values_list("descrizione", flat=True).get(pk=item.pk)
    if italiano_visto is not None and italiano_visto.strip() != italian:
        raise ValidationError(_("Nel frattempo l'équipe ha cambiato il testo italiano: rileggilo qui sotto e "
                                "controlla di nuovo la traduzione prima di salvarla."))
    return italian


def _profession_of(user: User, family: Family) -> str:
    """The checker's profession as the family's équipe (or, failing that, their membership) records it."""
    if family.equipe_id is not None:
        in_equipe = EquipeMember.objects.filter(equipe_id=family.equipe_id, user=user).values_list(
            "professione", flat=True).first()
        if in_equipe:
            return str(in_equipe)
    membership = (Membership.objects.filter(user=user, ambito_id=family.ambito_id, active=True)
                  .exclude(professione="").values_list("professione", flat=True).first())
    return str(membership or "")


def _check_plan_in_force(plan: ProgettoQuadro) -> None:
    if ProgettoQuadro.objects.filter(pk=plan.pk, stato=ProgettoQuadro.Stato.SUPERATO).exists():
        raise ValidationError(_("Questa versione del progetto è stata sostituita da una più recente: apri quella."))


def translation_save(*, item: RisultatoAtteso | Azione, lingua: str, testo: str, by: User, version: int = 0,
                     italiano_visto: str | None = None, mediatore: str = "",
                     creation_token: uuid.UUID | None = None) -> Traduzione:
    """Write (version 0) or change the family's version of a goal or an action in one language; it counts as
    checked against the Italian text as it is now (`italiano_visto`: the Italian the writer read)."""
    plan = _plan_of(item)
    family = plan.family
    require_translate_plan(by, family)
    existing = _existing(Traduzione, creation_token)
    if existing is not None:
        raise DuplicateSubmission(existing)
    _check_translation(lingua=lingua, testo=testo, mediatore=mediatore)
    _check_plan_in_force(plan)
    values = {"testo": testo.strip(), "mediatore": mediatore.strip(), "verificata_da": by,
              "professione": _profession_of(by, family)}

    def write() -> Traduzione:
        with transaction.atomic(), audit_reason(_("Versione della famiglia del Progetto Quadro")):
            italian = _current_italian(item, italiano_visto)
            current = Traduzione.objects.select_for_update().filter(lingua=lingua, **_item_filter(item)).first()
            if current is None:
                return Traduzione.objects.create(lingua=lingua, testo_italiano=italian, verificata_il=timezone.now(),
                                                 creation_token=creation_token, **_item_filter(item), **values)
            if current.version != version:
                if current.testo == values["testo"] and current.testo_italiano == italian:
                    return current  # the same form sent twice: the first one saved it
                raise StaleEdit(current)
            for name, value in values.items():
                setattr(current, name, value)
            current.testo_italiano = italian
            current.verificata_il = timezone.now()
            current.version += 1
            current.save()
            return current

    try:
        return _create_guarded(Traduzione, creation_token, write)
    except IntegrityError:
        # Two people wrote the first translation in this language at once: the second sees the first's.
        other = Traduzione.objects.filter(lingua=lingua, **_item_filter(item)).first()
        if other is None:
            raise
        raise StaleEdit(other) from None


def translation_confirm(*, traduzione: Traduzione, by: User, version: int,
                        italiano_visto: str | None = None) -> Traduzione:
    """«Confermo che è ancora corretta»: the translation, read against the changed Italian, still says the same."""
    item = traduzione.item
    require_translate_plan(by, _plan_of(item).family)
    _check_plan_in_force(_plan_of(item))
    profession = _profession_of(by, _plan_of(item).family)
    with transaction.atomic(), audit_reason(_("Traduzione per la famiglia controllata sul testo italiano")):
        italian = _current_italian(item, italiano_visto)
        current = Traduzione.objects.select_for_update().get(pk=traduzione.pk)
        if current.version != version:
            if current.testo_italiano == italian:
                return current  # the same confirmation sent twice (or someone confirmed it first): nothing to do
            raise StaleEdit(current)
        current.testo_italiano = italian
        current.verificata_da = by
        current.professione = profession
        current.verificata_il = timezone.now()
        current.version += 1
        current.save()
        return current
