"""Writes of the register import: upload, mapping, confirmation, and the all-or-nothing commit.

The commit writes every valid family of the file in one transaction, inside `audit_reason`, so that each
family, person, consent, assignment and visit created has its audit entry with the file's name as the reason;
any failure leaves nothing written. Running the same file again creates nothing: people are recognised by their
codice fiscale, or by the register's own id (RiferimentoRegistro), families by their nucleo or a member."""

import secrets
from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.context import audit_reason
from families.models import Consent, Family, PathEvent, Person, Stato
from interventions.models import Assegnazione, Intervento, Ruolo, Servizio
from organisation.models import Ambito, Ente, Equipe

from .analysis import Context, FamilyPlan, Plan, RowData, name_key
from .fields import FIELD_BY_CODE, check_mapping, guess_mapping
from .models import Importazione, MappaturaRegistro, RiferimentoRegistro
from .policies import can_import_in, managed_equipe_limit, owns_import
from .reader import Sheet, Unreadable, check_size, read_register

Progress = Callable[[int], None]
VISIT_START = time(9, 0)  # the register gives a visit's hours, not its times: it is dated from 9:00


def _require_import(by: User, ambito: Ambito) -> None:
    if not can_import_in(by, ambito):
        raise PermissionDenied(_("Importano i registri il Referente Territoriale dell'ambito o un case manager per "
                                 "la sua équipe."))


def _check_choices(*, by: User, ambito: Ambito, comune: Ente | None, equipe: Equipe | None) -> None:
    if comune is not None and (comune.ambito_id != ambito.pk or comune.tipo != Ente.Tipo.COMUNE):
        raise ValidationError({"comune": _("Scegli un comune dell'ambito: i registri di un altro ambito si "
                                           "importano lì.")})
    limit = managed_equipe_limit(by, ambito)
    if equipe is not None and (equipe.ambito_id != ambito.pk or (limit is not None and equipe.pk not in limit)):
        raise ValidationError({"equipe": _("Scegli un'équipe dell'ambito di cui sei case manager.")})
    if equipe is None and limit is not None:
        raise ValidationError({"equipe": _("Scegli la tua équipe: le famiglie importate saranno sue.")})


def import_upload(*, by: User, ambito: Ambito, file: UploadedFile, comune: Ente | None = None,
                  equipe: Equipe | None = None) -> Importazione:
    """Keep the uploaded register and propose the mapping of its columns (the comune's saved one first)."""
    _require_import(by, ambito)
    _check_choices(by=by, ambito=ambito, comune=comune, equipe=equipe)
    try:
        check_size(file.size)
        data = file.read()
        sheet = read_register(data, file.name or "")
    except Unreadable as error:
        raise ValidationError({"file": str(error)}) from None
    saved = None
    if comune is not None:
        found = MappaturaRegistro.objects.filter(ambito=ambito, comune=comune).first()
        saved = dict(found.colonne) if found else None
    name = (file.name or "registro")[-200:]
    with transaction.atomic(), audit_reason(_("Caricamento di un registro da importare")):
        importazione = Importazione(ambito=ambito, comune=comune, equipe=equipe, utente=by,
                                    token=secrets.token_hex(16), nome_file=name, intestazioni=sheet.headers,
                                    riga_intestazioni=sheet.header_row,
                                    mappatura=guess_mapping(sheet.headers, saved))
        importazione.file.save(name, ContentFile(data), save=False)
        importazione.save()
    return importazione


def _require_owner(by: User, importazione: Importazione) -> None:
    if not owns_import(by, importazione) or not can_import_in(by, importazione.ambito):
        raise PermissionDenied(_("Questa importazione non è tua."))


def import_set_mapping(*, importazione: Importazione, by: User, mappatura: list[str],
                       salva: bool = False) -> Importazione:
    """Take the user's mapping (saved for the comune when asked) and start the check in the background."""
    _require_owner(by, importazione)
    if importazione.stato not in (Importazione.Stato.CARICATA, Importazione.Stato.ANTEPRIMA):
        raise ValidationError(_("Questa importazione è già in corso o conclusa: carica di nuovo il file."))
    mappatura = [m if m in FIELD_BY_CODE else "" for m in mappatura][:len(importazione.intestazioni)]
    mappatura += [""] * (len(importazione.intestazioni) - len(mappatura))
    problems = check_mapping(mappatura)
    if problems:
        raise ValidationError(problems)
    if salva and importazione.comune_id is None:
        raise ValidationError({"salva": _("Per salvare le colonne scegli il comune del registro.")})
    with transaction.atomic(), audit_reason(_("Collegamento delle colonne di un registro")):
        if salva:
            MappaturaRegistro.objects.update_or_create(
                ambito_id=importazione.ambito_id, comune_id=importazione.comune_id,
                defaults={"colonne": {h: m for h, m in zip(importazione.intestazioni, mappatura, strict=True) if h},
                          "updated_by": by})
        importazione.mappatura = mappatura
        importazione.stato, importazione.progresso = Importazione.Stato.ANALISI, 0
        importazione.save(update_fields=["mappatura", "stato", "progresso"])
        _enqueue(importazione, "analyse")
    return importazione


def import_confirm(*, importazione: Importazione, by: User, senza_errori: bool = False) -> Importazione:
    """Start the commit of the previewed file; with rows in error only when the user explicitly says so."""
    _require_owner(by, importazione)
    if importazione.stato != Importazione.Stato.ANTEPRIMA:
        raise ValidationError(_("L'anteprima non è pronta, o il file è già stato importato."))
    counts = importazione.anteprima.get("counts", {})
    if counts.get("errori") and not senza_errori:
        raise ValidationError({"senza_errori": _(
            "Il file ha %(n)s righe con errori: correggile e carica di nuovo il file, oppure conferma di importare "
            "solo le famiglie senza errori.") % {"n": counts["errori"]}})
    if not counts.get("famiglie_valide"):
        raise ValidationError(_("Nessuna famiglia del file è senza errori: non c'è niente da importare."))
    with transaction.atomic(), audit_reason(_("Conferma dell'importazione di un registro")):
        importazione.senza_errori = senza_errori
        importazione.stato, importazione.progresso = Importazione.Stato.IMPORTAZIONE, 0
        importazione.save(update_fields=["senza_errori", "stato", "progresso"])
        _enqueue(importazione, "commit")
    return importazione


def _enqueue(importazione: Importazione, action: str) -> None:
    from .tasks import run_import  # noqa: PLC0415 — tasks imports this module: the cycle is broken here

    pk = importazione.pk
    transaction.on_commit(lambda: run_import.enqueue(pk, action))


# --- The analysis and the commit (run by the task and by manage.py import_registro)

def context_for(*, ambito: Ambito, by: User | None, comune: Ente | None = None,
                equipe: Equipe | None = None) -> Context:
    return Context(ambito=ambito, user=by, default_comune=comune, default_equipe=equipe,
                   managed_equipe_ids=managed_equipe_limit(by, ambito) if by is not None else None)


def sheet_of(importazione: Importazione) -> Sheet:
    with importazione.file.open("rb") as handle:
        return read_register(handle.read(), importazione.nome_file)


def _codes(ambito: Ambito) -> Callable[[], str]:
    """The next family codes of the ambito (SER-00042...), numbered under the ambito's row lock."""
    Ambito.objects.select_for_update().filter(pk=ambito.pk).first()
    prefix = f"{ambito.codice}-"
    last = Family.objects.filter(ambito=ambito, codice__startswith=prefix).aggregate(m=Max("codice"))["m"]
    counter = [int(last.rsplit("-", 1)[1]) if last else 0]

    def next_code() -> str:
        counter[0] += 1
        return f"{prefix}{counter[0]:05d}"

    return next_code


def import_commit(*, plan: Plan, context: Context, by: User | None, nome_file: str,
                  importazione: Importazione | None = None, progress: Progress | None = None) -> dict[str, int]:
    """Write the valid families of `plan`, all in one transaction; return what was created.

    The rows in error (and their families) are left out: the caller has made sure the user asked for that."""
    ambito = context.ambito
    if by is not None:
        _require_import(by, ambito)
    families = plan.valid_families
    created = {"famiglie": 0, "persone": 0, "consensi": 0, "assegnazioni": 0, "visite": 0}
    with transaction.atomic(), audit_reason(_("Importazione del registro «%(f)s»") % {"f": nome_file[:200]}):
        next_code = _codes(ambito)
        for index, family_plan in enumerate(families):
            if not family_plan.new_rows:
                continue
            _commit_family(family_plan, context, by, next_code, importazione, created)
            if progress and index % 100 == 0:
                progress(int(100 * index / max(len(families), 1)))
    return created


def _commit_family(plan: FamilyPlan, context: Context, by: User | None, next_code: Callable[[], str],
                   importazione: Importazione | None, created: dict[str, int]) -> None:
    ambito = context.ambito
    if plan.existing_family_id is not None:
        family = Family.objects.get(pk=plan.existing_family_id, ambito=ambito)
    else:
        family = _create_family(plan, context, by, next_code)
        created["famiglie"] += 1
        if plan.nucleo and plan.comune_id:
            RiferimentoRegistro.objects.create(ambito=ambito, comune_id=plan.comune_id,
                                               tipo=RiferimentoRegistro.Tipo.NUCLEO, codice=name_key(plan.nucleo),
                                               family=family, importazione=importazione)
    people: list[tuple[RowData, Person]] = []
    for row in plan.new_rows:
        person = Person.objects.create(
            family=family, ambito=ambito, cognome=row.cognome, nome=row.nome, sesso=row.sesso, ruolo=row.ruolo,
            data_nascita=row.data_nascita, codice_fiscale=row.codice_fiscale, cittadinanza=row.cittadinanza,
            lingue=row.lingue, target=row.target)
        created["persone"] += 1
        people.append((row, person))
        if row.id_registro and family.comune_id:
            RiferimentoRegistro.objects.create(ambito=ambito, comune_id=family.comune_id,
                                               tipo=RiferimentoRegistro.Tipo.PERSONA, codice=name_key(row.id_registro),
                                               family=family, person=person, importazione=importazione)
        for finalita, day in row.consents:
            Consent.objects.create(family=family, person=person, finalita=finalita, data=day, registrato_da=by,
                                   note=_("Dal registro importato"))
            created["consensi"] += 1
    _commit_activities(family, [row for row, _person in people], plan, context, by, created)


def _create_family(plan: FamilyPlan, context: Context, by: User | None, next_code: Callable[[], str]) -> Family:
    first = plan.rows[0]
    if plan.comune_id is None:  # never valid (analysis._build_family): a broken plan must not write half
        raise ValueError(plan.key)
    taken = plan.data_presa_in_carico or context.today
    stato = plan.stato or Stato.SEGNALATA
    family = Family.objects.create(
        ambito=context.ambito, codice=next_code(), nome=_("Famiglia %(c)s") % {"c": first.cognome},
        comune_id=plan.comune_id, servizio_riferimento_id=plan.servizio_id, equipe_id=plan.equipe_id,
        data_segnalazione=taken, stato=stato, segnalata_da=by)
    PathEvent.objects.create(family=family, from_state="", to_state=stato, by=by, motivazione=_(
        "Famiglia importata dal registro del comune (presa in carico il %(d)s).") % {"d": taken.strftime("%d/%m/%Y")})
    return family


def _commit_activities(family: Family, rows: list[RowData], plan: FamilyPlan, context: Context, by: User | None,
                       created: dict[str, int]) -> None:
    """One assignment per educator of the family, one visit per (day, operator) the register lists."""
    assigned: set[int] = set()
    visited: set[tuple[Any, int]] = set()
    start = plan.data_presa_in_carico or context.today
    manager = context.manager_of_equipe.get(family.equipe_id) if family.equipe_id else None
    for row in rows:
        if row.sedt and row.sedt[0] not in assigned:
            operator, hours, since = row.sedt
            assigned.add(operator)
            Assegnazione.objects.create(family=family, operatore_id=operator, servizio=Servizio.EDUCATIVA,
                                        ruolo=Ruolo.EDUCATORE, ore_settimanali=hours, data_inizio=since or start,
                                        created_by=by)
            created["assegnazioni"] += 1
        if row.visit:
            day, hours, visit_operator = row.visit
            operator_id = visit_operator or manager
            if operator_id is None or (day, operator_id) in visited:
                continue
            visited.add((day, operator_id))
            end = (datetime.combine(day, VISIT_START) + timedelta(hours=float(hours))).time()
            Intervento.objects.create(
                family=family, ambito_id=family.ambito_id, operatore_id=operator_id, servizio=Servizio.EDUCATIVA,
                ruolo=Ruolo.EDUCATORE, data=day, ora_inizio=VISIT_START, ora_fine=end,
                durata_minuti=int(hours * 60), attivita=_("Visita registrata nel registro del comune."),
                created_by=by)
            created["visite"] += 1


def finish(importazione: Importazione, **changes: Any) -> None:
    """Record the end of a step; the file is deleted once imported (the register's copy stays with the comune)."""
    for name, value in changes.items():
        setattr(importazione, name, value)
    importazione.finished_at = timezone.now()
    fields = [*changes, "finished_at"]
    if importazione.stato == Importazione.Stato.IMPORTATA and importazione.file:
        importazione.file.delete(save=False)
        fields.append("file")
    importazione.save(update_fields=fields)
