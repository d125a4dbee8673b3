"""Writes of governance: meetings, attendance, minutes, decisions and follow-up actions."""

import uuid
from collections.abc import Sequence
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.context import audit_reason
from common.exceptions import StaleEdit
from organisation.models import Ambito

from .models import Attendance, Body, BodyMember, Decision, FollowUp, Meeting
from .policies import can_mark_done, can_own_followups, require_body_creator, require_manager


class StaleMeeting(StaleEdit):
    """Someone saved the meeting's minutes after the user opened them; `current` is the meeting as it is now."""

    current: Meeting


def _check_body(*, ambito: Ambito, tipo: str, nome: str, members: Sequence[User],
                externals: Sequence[tuple[str, str, str]]) -> None:
    errors: dict[str, list[str]] = {}
    if tipo not in Body.Tipo.values:
        errors["tipo"] = [_("Scegli il tipo di organismo.")]
    if not nome.strip():
        errors["nome"] = [_("Scrivi il nome dell'organismo.")]
    elif Body.objects.filter(ambito=ambito, nome__iexact=nome.strip()).exists():
        errors["nome"] = [_("Nell'ambito c'è già un organismo con questo nome.")]
    if any(not can_own_followups(user, Body(ambito=ambito)) for user in members):
        errors["componenti"] = [_("I componenti con un accesso devono lavorare nell'ambito.")]
    names = [n.strip().lower() for n, _e, _r in externals if n.strip()]
    if any(len(e) > 200 or len(r) > 100 for _n, e, r in externals):
        errors["esterni"] = [_("L'ente si scrive in 200 caratteri al massimo, il ruolo in 100.")]
    elif len(names) != len(set(names)):
        errors["esterni"] = [_("Un componente esterno è scritto due volte.")]
    if errors:
        raise ValidationError(errors)


def body_create(*, ambito: Ambito, by: User, tipo: str, nome: str, descrizione: str = "",
                members: Sequence[tuple[User, str, str]] = (),
                externals: Sequence[tuple[str, str, str]] = ()) -> Body:
    """A new governance body of the ambito with its members: users of the ambito as (user, ente, ruolo) and, for
    those without an account, (nome, ente, ruolo)."""
    require_body_creator(by, ambito.pk)
    _check_body(ambito=ambito, tipo=tipo, nome=nome, members=[m[0] for m in members], externals=externals)
    with transaction.atomic(), audit_reason(_("Costituzione di un organismo")):
        body = Body.objects.create(ambito=ambito, tipo=tipo, nome=nome.strip(), descrizione=descrizione.strip())
        for user, ente, ruolo in members:
            BodyMember.objects.create(body=body, user=user, ente=ente.strip(), ruolo=ruolo.strip())
        for name, ente, ruolo in externals:
            if name.strip():
                BodyMember.objects.create(body=body, nome=name.strip(), ente=ente.strip(), ruolo=ruolo.strip())
    return body


def meeting_schedule(*, body: Body, by: User, inizio: datetime, ordine_del_giorno: str, luogo: str = "",
                     svolta: bool = False, creation_token: uuid.UUID | None = None) -> Meeting:
    require_manager(by, body)
    if creation_token and Meeting.objects.filter(creation_token=creation_token).exists():
        return Meeting.objects.get(creation_token=creation_token)
    now = timezone.now()
    if not svolta and inizio < now:
        raise ValidationError({"inizio": _("Una riunione programmata non può essere nel passato: se si è già svolta, "
                                           "registrala come svolta.")})
    if svolta and inizio > now:
        raise ValidationError({"inizio": _("Una riunione svolta non può avere una data futura.")})
    if not ordine_del_giorno.strip():
        raise ValidationError({"ordine_del_giorno": _("Scrivi l'ordine del giorno.")})
    with transaction.atomic(), audit_reason(_("Convocazione di una riunione")):
        return Meeting.objects.create(body=body, inizio=inizio, luogo=luogo.strip(),
                                      ordine_del_giorno=ordine_del_giorno.strip(), created_by=by,
                                      stato=Meeting.Stato.SVOLTA if svolta else Meeting.Stato.PROGRAMMATA,
                                      creation_token=creation_token)


def attendance_record(*, meeting: Meeting, by: User, present_member_ids: list[int],
                      externals: Sequence[tuple[str, str]] = ()) -> list[Attendance]:
    """Record who was there (members ticked, and external participants by name). Replaces earlier records."""
    require_manager(by, meeting.body)
    if meeting.inizio > timezone.now():
        raise ValidationError(_("Le presenze si registrano dopo l'inizio della riunione."))
    members = {m.pk: m for m in meeting.body.componenti.all()}
    unknown = set(present_member_ids) - set(members)
    if unknown:
        raise ValidationError(_("Alcune persone indicate non fanno parte dell'organismo."))
    names = [n.strip() for n, _e in externals if n.strip()]
    member_names = {str(members[pk]) for pk in present_member_ids}
    duplicates = {n for n in names if names.count(n) > 1 or n in member_names}
    if duplicates:
        raise ValidationError(_("Presenza registrata due volte: %(nomi)s.") % {"nomi": ", ".join(sorted(duplicates))})
    try:
        with transaction.atomic(), audit_reason(_("Registrazione delle presenze")):
            meeting.presenze.all().delete()
            rows = [Attendance(meeting=meeting, member=members[pk], nome=str(members[pk]), ente=members[pk].ente)
                    for pk in present_member_ids]
            rows += [Attendance(meeting=meeting, nome=n.strip(), ente=e.strip()) for n, e in externals if n.strip()]
            for row in rows:
                row.save()
            return rows
    except IntegrityError as error:
        raise ValidationError(_("Presenza registrata due volte.")) from error


def minutes_save(*, meeting: Meeting, by: User, version: int, verbale: str, decisioni: list[str]) -> Meeting:
    require_manager(by, meeting.body)
    if meeting.inizio > timezone.now():
        raise ValidationError(_("Il verbale si scrive dopo la riunione."))
    with transaction.atomic(), audit_reason(_("Verbale della riunione")):
        current = Meeting.objects.select_for_update(of=("self",)).get(pk=meeting.pk)
        if current.version != version:
            raise StaleMeeting(current)
        current.verbale = verbale.strip()
        current.stato = Meeting.Stato.SVOLTA
        current.version += 1
        current.save()
        current.decisioni.all().delete()
        for text in decisioni:
            if text.strip():
                Decision.objects.create(meeting=current, testo=text.strip())
    return current


def followup_add(*, meeting: Meeting, by: User, descrizione: str, owner: User, scadenza: date) -> FollowUp:
    require_manager(by, meeting.body)
    if not can_own_followups(owner, meeting.body):
        raise ValidationError({"owner": _("Chi se ne occupa deve lavorare nell'ambito.")})
    if scadenza < timezone.localtime(meeting.inizio).date():
        raise ValidationError({"scadenza": _("La scadenza non può precedere la riunione.")})
    if not descrizione.strip():
        raise ValidationError({"descrizione": _("Scrivi che cosa va fatto.")})
    with transaction.atomic(), audit_reason(_("Azione decisa in riunione")):
        return FollowUp.objects.create(meeting=meeting, descrizione=descrizione.strip(), owner=owner, scadenza=scadenza)


def followup_done(*, followup: FollowUp, by: User) -> FollowUp:
    if not can_mark_done(by, followup):
        raise PermissionDenied(_("Solo chi se ne occupa o il Referente Territoriale la segnano come fatta."))
    if followup.fatto_il is None:
        with transaction.atomic(), audit_reason(_("Azione completata")):
            followup.fatto_il = timezone.localdate()
            followup.save(update_fields=["fatto_il"])
    return followup
