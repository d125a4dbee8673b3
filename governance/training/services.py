"""Writes of training and of the staff register."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.context import audit_reason
from organisation.models import Ambito, Ente
from quality.models import Survey

from .models import StaffMember, TrainingEvent, TrainingParticipant, TrainingSession
from .policies import require_organiser, require_staff_of


def event_create(*, ambito: Ambito, by: User, tipo: str, titolo: str, bisogni: str = "", docenti: str = "",
                 questionario: Survey | None = None) -> TrainingEvent:
    require_organiser(by, ambito.pk)
    if not titolo.strip():
        raise ValidationError({"titolo": _("Scrivi il titolo.")})
    with transaction.atomic(), audit_reason(_("Nuovo evento formativo")):
        if questionario is not None and questionario.ambito_id != ambito.pk:
            raise ValidationError({"questionario": _("Scegli un questionario dell'ambito.")})
        return TrainingEvent.objects.create(ambito=ambito, tipo=tipo, titolo=titolo.strip(), bisogni=bisogni.strip(),
                                            docenti=docenti.strip(), questionario=questionario)


def session_add(*, event: TrainingEvent, by: User, data: date, ore: Decimal, luogo: str = "") -> TrainingSession:
    require_organiser(by, event.ambito_id)
    if not Decimal("0") < ore <= Decimal("12"):
        raise ValidationError({"ore": _("La durata di una sessione va da più di 0 a 12 ore.")})
    with transaction.atomic(), audit_reason(_("Sessione di formazione")):
        return TrainingSession.objects.create(event=event, data=data, ore=ore, luogo=luogo.strip())


def participant_add(*, event: TrainingEvent, by: User, nome: str, ente: str = "", esterno: bool = False,
                    user: User | None = None) -> TrainingParticipant:
    require_organiser(by, event.ambito_id)
    if not nome.strip():
        raise ValidationError({"nome": _("Scrivi nome e cognome.")})
    try:
        with transaction.atomic(), audit_reason(_("Iscrizione alla formazione")):
            return TrainingParticipant.objects.create(event=event, nome=nome.strip(), ente=ente.strip(),
                                                      esterno=esterno, user=user)
    except IntegrityError as error:
        raise ValidationError({"nome": _("%(n)s è già tra i partecipanti.") % {"n": nome.strip()}}) from error


def attendance_set(*, session: TrainingSession, by: User, participant_ids: list[int]) -> None:
    require_organiser(by, session.event.ambito_id)
    if session.data > timezone.localdate():
        raise ValidationError(_("Le presenze si registrano dopo la sessione."))
    participants = list(session.event.partecipanti.filter(pk__in=participant_ids))
    if len(participants) != len(set(participant_ids)):
        raise ValidationError(_("Alcune persone non sono iscritte a questo evento."))
    with transaction.atomic(), audit_reason(_("Presenze alla formazione")):
        session.presenti.set(participants)


# --- staff register --------------------------------------------------------------------------------

def staff_add(*, by: User, ente: Ente, nome: str, ruolo: str, in_servizio_dal: date, qualifiche: str = "",
              formazione: str = "", referente_tecnico: bool = False, cv: File[Any] | None = None) -> StaffMember:
    require_staff_of(by, ente)
    if in_servizio_dal > timezone.localdate():
        raise ValidationError({"in_servizio_dal": _("La data non può essere nel futuro.")})
    with transaction.atomic(), audit_reason(_("Registro del personale")):
        return StaffMember.objects.create(ente=ente, nome=nome.strip(), ruolo=ruolo, qualifiche=qualifiche.strip(),
                                          formazione=formazione.strip(), referente_tecnico=referente_tecnico,
                                          in_servizio_dal=in_servizio_dal, cv=cv or "")
