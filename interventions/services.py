"""Writes of the dispositivi: assignments, visits, groups, calendar tokens.

Each function checks permission, validates everything (Italian messages keyed by field), then writes
in one transaction with an audit reason. Nothing is ever half-saved.
"""

import re
import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.context import audit_reason
from common.exceptions import DuplicateSubmission, StaleEdit
from families.models import Family, Person
from families.selectors import families_visible_to, inclusion_date
from organisation.models import Ambito, Ente
from plans.models import Azione

from . import policies, selectors
from .models import (
    PNRR_MEASURE,
    Assegnazione,
    Budget,
    BudgetLine,
    CalendarToken,
    Facilitatore,
    Gruppo,
    Incontro,
    Intervento,
    Iscrizione,
    Presenza,
    Ruolo,
    Servizio,
)

MAX_MINUTES = 12 * 60

CreatedModel = TypeVar("CreatedModel", Assegnazione, Intervento, Gruppo)
Errors = dict[str, str | list[str]]


def _existing(model: type[CreatedModel], creation_token: uuid.UUID | None) -> CreatedModel | None:
    if creation_token is None:
        return None
    return model.objects.filter(creation_token=creation_token).first()


def _create_guarded(model: type[CreatedModel], creation_token: uuid.UUID | None,
                    create: Callable[[], CreatedModel]) -> CreatedModel:
    """Run `create`; a concurrent double submission that lost the race on the token finds the first one."""
    try:
        return create()
    except IntegrityError:
        existing = _existing(model, creation_token)
        if existing is not None:
            raise DuplicateSubmission(existing) from None
        raise


def duration_minutes(start: time, end: time) -> int:
    return int((datetime.combine(date.min, end) - datetime.combine(date.min, start)).total_seconds() // 60)


def check_times(start: time | None, end: time | None) -> int:
    """The duration in minutes, or a ValidationError on the times."""
    if start is None or end is None:
        raise ValidationError({"ora_fine": _("Indica l'ora di inizio e di fine.")})
    minutes = duration_minutes(start, end)
    if minutes <= 0:
        raise ValidationError({"ora_fine": _("L'ora di fine deve essere dopo l'ora di inizio.")})
    if minutes > MAX_MINUTES:
        raise ValidationError({"ora_fine": _("Un intervento non può durare più di 12 ore: controlla gli orari.")})
    return minutes


# --- Assignments

def _assignment_errors(*, family: Family, operatore: User, ore_settimanali: Decimal, data_inizio: date,
                       data_fine: date | None, servizio: str, ruolo: str, ente: Ente | None) -> Errors:
    errors: Errors = {}
    if not selectors.operators_for(family).filter(pk=operatore.pk).exists():
        errors["operatore"] = _("Scegli un operatore dell'équipe della famiglia.")
    if ore_settimanali is None or ore_settimanali <= 0 or ore_settimanali > 40:
        errors["ore_settimanali"] = _("Indica le ore settimanali previste, tra 0,5 e 40.")
    if data_fine and data_fine < data_inizio:
        errors["data_fine"] = _("La data di fine non può essere precedente alla data di inizio.")
    start_error = _educativa_start_error(family, data_inizio) if servizio == Servizio.EDUCATIVA else None
    if start_error:
        errors["data_inizio"] = start_error
    if ente is not None and ente.ambito_id != family.ambito_id:
        errors["ente"] = _("Scegli un ente dell'ambito.")
    if servizio not in Servizio.values:
        errors["servizio"] = _("Scegli un servizio dall'elenco.")
    if ruolo not in Ruolo.values:
        errors["ruolo"] = _("Scegli un ruolo dall'elenco.")
    return errors


def _educativa_start_error(family: Family, data_inizio: date) -> str | None:
    """Home education is a dispositivo of the programme: it starts with the family's inclusion, not before."""
    included = inclusion_date(family)
    if included is None:
        return _("La famiglia non è ancora inclusa nel programma: l'educativa domiciliare si assegna dopo "
                 "l'inclusione.")
    if data_inizio < included:
        return _("L'educativa domiciliare non può iniziare prima dell'inclusione della famiglia nel programma, il "
                 "%(data)s.") % {"data": included.strftime("%d/%m/%Y")}
    return None


def assegnazione_create(*, family: Family, by: User, operatore: User, ore_settimanali: Decimal,
                        data_inizio: date, data_fine: date | None = None, servizio: str = Servizio.EDUCATIVA,
                        ruolo: str = Ruolo.EDUCATORE, ente: Ente | None = None,
                        creation_token: uuid.UUID | None = None) -> Assegnazione:
    if not policies.can_assign(by, family):
        raise PermissionDenied(_("Solo il case manager dell'équipe o il Referente Territoriale assegnano gli "
                                 "operatori alla famiglia."))
    existing = _existing(Assegnazione, creation_token)
    if existing is not None:
        raise DuplicateSubmission(existing)
    errors = _assignment_errors(family=family, operatore=operatore, ore_settimanali=ore_settimanali,
                                data_inizio=data_inizio, data_fine=data_fine, servizio=servizio, ruolo=ruolo,
                                ente=ente)
    if errors:
        raise ValidationError(errors)
    if ente is None:
        ente = selectors.ente_of(operatore, family)

    def create() -> Assegnazione:
        with transaction.atomic(), audit_reason(_("Assegnazione di un operatore alla famiglia")):
            return Assegnazione.objects.create(
                family=family, operatore=operatore, ente=ente, servizio=servizio, ruolo=ruolo,
                ore_settimanali=ore_settimanali, data_inizio=data_inizio, data_fine=data_fine, created_by=by,
                creation_token=creation_token)

    return _create_guarded(Assegnazione, creation_token, create)


# --- Visits

def _visit_minutes(add: Callable[[str, str], None], ora_inizio: time | None, ora_fine: time | None) -> int:
    try:
        return check_times(ora_inizio, ora_fine)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            for m in messages:
                add(field, m)
        return 0


def _check_visit_date(add: Callable[[str, str], None], family: Family, data: date | None) -> None:
    """Not in the future, and within the family's path (from the inclusion to the closure)."""
    today = timezone.localdate()
    if data is None:
        add("data", _("Indica la data dell'intervento."))
    elif data > today:
        add("data", _("Non puoi registrare un intervento nel futuro: registralo dopo averlo svolto."))
    else:
        start, end = selectors.path_window(family)
        if start is None or data < start:
            add("data", _("La data è precedente all'inclusione della famiglia nel programma (%(d)s): "
                          "controlla la data.") % {"d": start.strftime("%d/%m/%Y") if start else _("non ancora "
                                                                                                       "inclusa")})
        elif end is not None and data > end:
            add("data", _("La data è successiva alla chiusura del percorso della famiglia (%(d)s).")
                % {"d": end.strftime("%d/%m/%Y")})


def _check_visit_choices(add: Callable[[str, str], None], *, family: Family, servizio: str, ruolo: str,
                         presenti: Sequence[Person], azioni: Sequence[Azione], persona: Person | None) -> None:
    """The service and role from their lists; people and plan actions of this family."""
    if servizio not in Servizio.values:
        add("servizio", _("Scegli un servizio dall'elenco."))
    if ruolo not in Ruolo.values:
        add("ruolo", _("Scegli un ruolo dall'elenco."))
    if any(p.family_id != family.pk for p in presenti):
        add("presenti", _("Scegli i presenti tra i componenti di questa famiglia."))
    if persona is not None and persona.family_id != family.pk:
        add("persona", _("Scegli una persona di questa famiglia."))
    if azioni:
        allowed = set(selectors.plan_actions_for(family).values_list("pk", flat=True))
        if any(a.pk not in allowed for a in azioni):
            add("azioni", _("Scegli le azioni tra quelle del Progetto Quadro di questa famiglia."))


def _check_no_overlap(add: Callable[[str, str], None], *, operatore: User, data: date, ora_inizio: time,
                      ora_fine: time, exclude_pk: int | None) -> None:
    clash = selectors.overlapping_visit(operatore=operatore, data=data, ora_inizio=ora_inizio, ora_fine=ora_fine,
                                        exclude_pk=exclude_pk)
    if clash is not None:
        add("ora_inizio", _("In questo orario %(chi)s ha già un intervento registrato (%(dalle)s–%(alle)s): "
                            "controlla gli orari.") % {"chi": operatore.get_full_name() or operatore.username,
                                                        "dalle": clash.ora_inizio.strftime("%H:%M"),
                                                        "alle": clash.ora_fine.strftime("%H:%M")})


def _check_visit(*, family: Family, operatore: User, data: date, ora_inizio: time | None, ora_fine: time | None,
                 presenti: Sequence[Person], azioni: Sequence[Azione], persona: Person | None, servizio: str,
                 ruolo: str, exclude_pk: int | None = None) -> int:
    errors: dict[str, list[str]] = {}

    def add(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    minutes = _visit_minutes(add, ora_inizio, ora_fine)
    _check_visit_date(add, family, data)
    _check_visit_choices(add, family=family, servizio=servizio, ruolo=ruolo, presenti=presenti, azioni=azioni,
                         persona=persona)
    if not errors and minutes and ora_inizio is not None and ora_fine is not None:
        _check_no_overlap(add, operatore=operatore, data=data, ora_inizio=ora_inizio, ora_fine=ora_fine,
                          exclude_pk=exclude_pk)
    if errors:
        raise ValidationError(errors)
    return minutes


def intervento_create(*, family: Family, by: User, data: date, ora_inizio: time, ora_fine: time,
                      operatore: User | None = None, servizio: str = Servizio.EDUCATIVA, ruolo: str | None = None,
                      luogo: str = "casa", presenti: Iterable[Person] = (), azioni: Iterable[Azione] = (),
                      persona: Person | None = None, attivita: str = "", note_equipe: str = "",
                      ente: Ente | None = None, creation_token: uuid.UUID | None = None) -> Intervento:
    """Log a visit or session. An operator logs their own; the case manager and the RT may log for the équipe."""
    operatore = operatore or by
    if not policies.can_log_visit(by, family, operatore=operatore):
        raise PermissionDenied(_("Puoi registrare solo i tuoi interventi con le famiglie della tua équipe."))
    existing = _existing(Intervento, creation_token)
    if existing is not None:
        raise DuplicateSubmission(existing)
    ruolo = ruolo or selectors.ruolo_of(operatore, family, servizio)
    people, actions = list(presenti), list(azioni)

    def create() -> Intervento:
        with transaction.atomic(), audit_reason(_("Registrazione di un intervento")):
            # Serialise the operator's writes so that two overlapping visits cannot both pass the check.
            User.objects.select_for_update().filter(pk=operatore.pk).first()
            minutes = _check_visit(family=family, operatore=operatore, data=data, ora_inizio=ora_inizio,
                                   ora_fine=ora_fine, presenti=people, azioni=actions, persona=persona,
                                   servizio=servizio, ruolo=ruolo)
            visit = Intervento.objects.create(
                family=family, ambito_id=family.ambito_id, operatore=operatore,
                ente=ente or selectors.ente_of(operatore, family), servizio=servizio, ruolo=ruolo, data=data,
                ora_inizio=ora_inizio, ora_fine=ora_fine, durata_minuti=minutes, luogo=luogo, persona=persona,
                attivita=attivita.strip(), note_equipe=note_equipe.strip(), created_by=by,
                creation_token=creation_token)
            visit.presenti.set(people)
            visit.azioni.set(actions)
            return visit

    return _create_guarded(Intervento, creation_token, create)


def intervento_delete(*, visit: Intervento, by: User) -> None:
    if not policies.can_log_visit(by, visit.family, operatore=visit.operatore):
        raise PermissionDenied(_("Puoi cancellare solo i tuoi interventi."))
    with transaction.atomic(), audit_reason(_("Cancellazione di un intervento registrato per errore")):
        visit.delete()


# --- Groups

def schedule(first: date, n: int, frequenza: str) -> list[date]:
    step = timedelta(days=7 if frequenza == Gruppo.Frequenza.SETTIMANALE else 14)
    return [first + step * i for i in range(n)]


def _check_group(*, ambito: Ambito, nome: str, tipo: str, frequenza: str, ora_inizio: time, ora_fine: time,
                 n_incontri: int, facilitatori: Sequence[User], supporti: Sequence[str]) -> int:
    """The group's fields and its facilitators (staff of the ambito); the meetings' duration in minutes."""
    errors: Errors = {}
    if not nome.strip():
        errors["nome"] = _("Dai un nome al gruppo.")
    if tipo not in Gruppo.Tipo.values:
        errors["tipo"] = _("Scegli il tipo di gruppo.")
    if frequenza not in Gruppo.Frequenza.values:
        errors["frequenza"] = _("Scegli la frequenza degli incontri.")
    if not 6 <= (n_incontri or 0) <= 8:
        errors["n_incontri"] = _("Un modulo ha da 6 a 8 incontri.")
    if not facilitatori:
        errors["facilitatori"] = _("Indica almeno un facilitatore.")
    elif any(not selectors.staff_of_ambito(ambito).filter(pk=u.pk).exists() for u in facilitatori):
        errors["facilitatori"] = _("Scegli i facilitatori tra gli operatori dell'ambito.")
    if any(s not in Gruppo.Supporto.values for s in supporti):
        errors["supporti"] = _("Scegli i supporti dall'elenco.")
    try:
        minutes = check_times(ora_inizio, ora_fine)
    except ValidationError as error:
        errors.update(error.message_dict)
        minutes = 0
    if errors:
        raise ValidationError(errors)
    return minutes


def gruppo_create(*, by: User, ambito: Ambito, nome: str, tipo: str, sede: str, frequenza: str,
                  data_inizio: date, ora_inizio: time, ora_fine: time, n_incontri: int, facilitatori: list[User],
                  supporti: Sequence[str] = (), creation_token: uuid.UUID | None = None) -> Gruppo:
    """Create a group and its module of 6-8 meetings, weekly or fortnightly (each editable later)."""
    if not policies.can_create_group(by, ambito):
        raise PermissionDenied(_("Solo gli operatori delle équipe e il Referente Territoriale creano i gruppi."))
    existing = _existing(Gruppo, creation_token)
    if existing is not None:
        raise DuplicateSubmission(existing)
    minutes = _check_group(ambito=ambito, nome=nome, tipo=tipo, frequenza=frequenza, ora_inizio=ora_inizio,
                           ora_fine=ora_fine, n_incontri=n_incontri, facilitatori=facilitatori,
                           supporti=supporti)

    def create() -> Gruppo:
        with transaction.atomic(), audit_reason(_("Creazione di un gruppo")):
            group = Gruppo.objects.create(ambito=ambito, nome=nome.strip(), tipo=tipo, sede=sede.strip(),
                                          frequenza=frequenza, supporti=list(supporti), created_by=by,
                                          creation_token=creation_token)
            for user in facilitatori:
                ruolo, ente = selectors.role_and_ente(user, ambito)
                Facilitatore.objects.create(gruppo=group, user=user, ruolo=ruolo, ente=ente)
            for number, day in enumerate(schedule(data_inizio, n_incontri, frequenza), start=1):
                Incontro.objects.create(gruppo=group, numero=number, data=day, ora_inizio=ora_inizio,
                                        ora_fine=ora_fine, durata_minuti=minutes, sede=sede.strip())
            return group

    return _create_guarded(Gruppo, creation_token, create)


def incontro_update(*, incontro: Incontro, by: User, data: date, ora_inizio: time, ora_fine: time,
                    sede: str = "", note: str = "", apprendimenti: str = "", svolto: bool = False,
                    presenti: list[Iscrizione] | None = None) -> Incontro:
    """Edit a meeting of the schedule and record who attended (only enrolled participants)."""
    group = incontro.gruppo
    if not policies.can_run_group(by, group):
        raise PermissionDenied(_("Solo i facilitatori del gruppo e il Referente Territoriale registrano gli "
                                 "incontri."))
    errors: Errors = {}
    try:
        minutes = check_times(ora_inizio, ora_fine)
    except ValidationError as error:
        errors.update(error.message_dict)
        minutes = 0
    attended = list(presenti or [])
    if any(i.gruppo_id != group.pk for i in attended):
        errors["presenti"] = _("Puoi segnare presente solo chi è iscritto a questo gruppo: iscrivilo prima.")
    if attended and data and data > timezone.localdate():
        errors["presenti"] = _("Le presenze si registrano dopo l'incontro: questo è nel futuro.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audit_reason(_("Registrazione di un incontro di gruppo")):
        current = Incontro.objects.select_for_update().get(pk=incontro.pk)
        current.data, current.ora_inizio, current.ora_fine, current.durata_minuti = data, ora_inizio, ora_fine, minutes
        current.sede, current.note, current.apprendimenti = sede.strip(), note.strip(), apprendimenti.strip()
        current.svolto = svolto or bool(attended)
        current.save()
        keep = {i.pk for i in attended}
        Presenza.objects.filter(incontro=current).exclude(iscrizione_id__in=keep).delete()
        have = set(Presenza.objects.filter(incontro=current).values_list("iscrizione_id", flat=True))
        Presenza.objects.bulk_create([Presenza(incontro=current, iscrizione_id=pk) for pk in keep - have])
    return current


def iscrizione_add(*, gruppo: Gruppo, by: User, persona: Person) -> Iscrizione:
    if not policies.can_run_group(by, gruppo):
        raise PermissionDenied(_("Solo i facilitatori del gruppo e il Referente Territoriale iscrivono i "
                                 "partecipanti."))
    if not families_visible_to(by).filter(pk=persona.family_id, ambito_id=gruppo.ambito_id).exists():
        raise ValidationError({"persona": _("Puoi iscrivere solo persone delle famiglie che segui.")})
    if Iscrizione.objects.filter(gruppo=gruppo, persona=persona).exists():
        raise ValidationError({"persona": _("Questa persona è già iscritta al gruppo.")})
    with transaction.atomic(), audit_reason(_("Iscrizione a un gruppo")):
        return Iscrizione.objects.create(gruppo=gruppo, persona=persona, family_id=persona.family_id)


# --- Calendar feed

def calendar_token_renew(*, by: User) -> CalendarToken:
    """A new secret for the user's feed; the old URL stops working at once."""
    with transaction.atomic(), audit_reason(_("Nuovo indirizzo del calendario")):
        CalendarToken.objects.filter(user=by).delete()
        return CalendarToken.objects.create(user=by)


def calendar_token_revoke(*, by: User) -> None:
    with transaction.atomic(), audit_reason(_("Revoca dell'indirizzo del calendario")):
        CalendarToken.objects.filter(user=by).delete()



# --- Budget

BudgetLines = dict[str, tuple[Decimal, Decimal]]


def _check_budget_period(errors: dict[str, str], *, nome: str, data_inizio: date, data_fine: date,
                         importo: Decimal | None) -> None:
    if not (nome or "").strip():
        errors["nome"] = _("Dai un nome al budget, per esempio «Co-progettazione 2023-2026».")
    if data_inizio and data_fine and data_fine <= data_inizio:
        errors["data_fine"] = _("La fine del periodo deve essere dopo l'inizio.")
    if importo is None or importo <= 0:
        errors["importo"] = _("Indica l'importo disponibile in euro.")


def _check_budget_lines(errors: dict[str, str], righe: dict[str, tuple[Decimal | None, Decimal | None]],
                        importo: Decimal | None) -> BudgetLines:
    """The hours and hourly cost of each role (both or neither), and their euros within the amount."""
    planned = Decimal(0)
    lines: BudgetLines = {}
    for ruolo, (ore, costo) in righe.items():
        if ruolo not in Ruolo.values:
            raise ValueError(ruolo)
        if not ore and not costo:
            continue
        if not ore or ore <= 0 or not costo or costo <= 0:
            errors[f"ore_{ruolo}"] = _("Indica sia le ore sia il costo orario (maggiori di zero), o lascia vuoti "
                                       "entrambi.")
            continue
        lines[ruolo] = (ore, costo)
        planned += ore * costo
    if not lines and not any(k.startswith("ore_") for k in errors):
        errors["ore_educatore"] = _("Indica le ore previste per almeno una figura professionale.")
    if importo and planned > importo:
        errors["importo"] = _("Le ore previste costano € %(p)s, più dell'importo disponibile (€ %(i)s).") % {
            "p": f"{planned:,.2f}", "i": f"{importo:,.2f}"}
    return lines


def _check_budget_overlap(errors: dict[str, str], *, ambito: Ambito, data_inizio: date, data_fine: date,
                          budget: Budget | None) -> None:
    if data_inizio and data_fine and not errors.get("data_fine"):
        overlapping = Budget.objects.filter(ambito=ambito, data_inizio__lte=data_fine, data_fine__gte=data_inizio)
        if budget is not None:
            overlapping = overlapping.exclude(pk=budget.pk)
        if overlapping.exists():
            errors["data_inizio"] = _("C'è già un budget dell'ambito per questo periodo: correggi quello.")


def _save_budget_lines(budget: Budget, lines: BudgetLines) -> None:
    existing = {line.ruolo: line for line in budget.righe.all()}
    for ruolo, line in existing.items():
        if ruolo not in lines:
            line.delete()
    for ruolo, (ore, costo) in lines.items():
        line = existing.get(ruolo) or BudgetLine(budget=budget, ruolo=ruolo)
        line.ore_previste, line.costo_orario = ore, costo
        line.save()


CUP_PATTERN = re.compile(r"[A-Z0-9]{15}")


def budget_save(*, ambito: Ambito, by: User, nome: str, data_inizio: date, data_fine: date,
                importo: Decimal, righe: dict[str, tuple[Decimal | None, Decimal | None]],
                budget: Budget | None = None, version: int | None = None, cup: str = "",
                misura: str = PNRR_MEASURE) -> Budget:
    """Create or correct a budget with its hours and hourly cost per role; the planned euros must fit the amount."""
    if ambito.pk not in policies.budget_edit_ambiti(by):
        raise PermissionDenied(_("Il budget lo inseriscono il Referente Territoriale e l'Ufficio di Piano."))
    errors: dict[str, str] = {}
    cup = "".join((cup or "").split()).upper()
    if cup and not CUP_PATTERN.fullmatch(cup):
        errors["cup"] = _("Il CUP è un codice di 15 caratteri, lettere e cifre (per esempio J41H22000120006).")
    misura = (misura or "").strip()
    _check_budget_period(errors, nome=nome, data_inizio=data_inizio, data_fine=data_fine, importo=importo)
    lines = _check_budget_lines(errors, righe, importo)
    _check_budget_overlap(errors, ambito=ambito, data_inizio=data_inizio, data_fine=data_fine, budget=budget)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audit_reason(_("Budget dell'ambito")):
        if budget is None:
            budget = Budget.objects.create(ambito=ambito, nome=nome.strip(), data_inizio=data_inizio,
                                           data_fine=data_fine, importo=importo, cup=cup, misura=misura)
        else:
            current = Budget.objects.select_for_update().get(pk=budget.pk)
            if current.version != version:
                raise StaleEdit(current)
            current.nome, current.data_inizio, current.data_fine, current.importo = (
                nome.strip(), data_inizio, data_fine, importo)
            current.cup, current.misura = cup, misura
            current.version += 1
            current.save()
            budget = current
        _save_budget_lines(budget, lines)
    return budget
