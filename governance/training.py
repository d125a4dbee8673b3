"""Training events and the partners' staff register: selectors and services."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.context import audit_reason
from organisation.models import Ente, Membership, Role
from organisation.scope import get_scope

from .models import StaffMember, TrainingEvent, TrainingParticipant, TrainingSession

READERS = {"rt", "amministrativo", "coach", "coordinatore_ets"}


def events_for(user) -> QuerySet[TrainingEvent]:
    return TrainingEvent.objects.filter(ambito_id__in=get_scope(user).ambiti_for(*READERS))


def get_event_for(user, pk: int) -> TrainingEvent:
    event = events_for(user).filter(pk=pk).first()
    if event is None:
        raise Http404(_("Evento non trovato."))
    return event


def can_manage_training(user, ambito_id: int) -> bool:
    return ambito_id in get_scope(user).rt_ambiti


def _require(user, ambito_id: int) -> None:
    if not can_manage_training(user, ambito_id):
        raise PermissionDenied(_("Solo il Referente Territoriale organizza la formazione."))


def event_create(*, ambito, by, tipo: str, titolo: str, bisogni: str = "", docenti: str = "",
                 questionario=None) -> TrainingEvent:
    _require(by, ambito.pk)
    if not titolo.strip():
        raise ValidationError({"titolo": _("Scrivi il titolo.")})
    with transaction.atomic(), audit_reason(_("Nuovo evento formativo")):
        if questionario is not None and questionario.ambito_id != ambito.pk:
            raise ValidationError({"questionario": _("Scegli un questionario dell'ambito.")})
        return TrainingEvent.objects.create(ambito=ambito, tipo=tipo, titolo=titolo.strip(), bisogni=bisogni.strip(),
                                            docenti=docenti.strip(), questionario=questionario)


def session_add(*, event: TrainingEvent, by, data: date, ore: Decimal, luogo: str = "") -> TrainingSession:
    _require(by, event.ambito_id)
    if not Decimal("0") < ore <= Decimal("12"):
        raise ValidationError({"ore": _("La durata di una sessione va da più di 0 a 12 ore.")})
    with transaction.atomic(), audit_reason(_("Sessione di formazione")):
        return TrainingSession.objects.create(event=event, data=data, ore=ore, luogo=luogo.strip())


def participant_add(*, event: TrainingEvent, by, nome: str, ente: str = "", esterno: bool = False,
                    user=None) -> TrainingParticipant:
    _require(by, event.ambito_id)
    if not nome.strip():
        raise ValidationError({"nome": _("Scrivi nome e cognome.")})
    try:
        with transaction.atomic(), audit_reason(_("Iscrizione alla formazione")):
            return TrainingParticipant.objects.create(event=event, nome=nome.strip(), ente=ente.strip(),
                                                      esterno=esterno, user=user)
    except IntegrityError as error:
        raise ValidationError({"nome": _("%(n)s è già tra i partecipanti.") % {"n": nome.strip()}}) from error


def attendance_set(*, session: TrainingSession, by, participant_ids: list[int]) -> None:
    _require(by, session.event.ambito_id)
    if session.data > timezone.localdate():
        raise ValidationError(_("Le presenze si registrano dopo la sessione."))
    participants = list(session.event.partecipanti.filter(pk__in=participant_ids))
    if len(participants) != len(set(participant_ids)):
        raise ValidationError(_("Alcune persone non sono iscritte a questo evento."))
    with transaction.atomic(), audit_reason(_("Presenze alla formazione")):
        session.presenti.set(participants)


def event_summary(event: TrainingEvent) -> dict:
    """Hours offered, participants and their attendance, aggregated in SQL."""
    totals = event.sessioni.aggregate(n=Count("pk"), ore=Sum("ore"))
    people = list(event.partecipanti.annotate(ore=Sum("presenze__ore"), sessioni=Count("presenze"))
                  .order_by("nome"))
    offered = totals["ore"] or Decimal("0")
    for person in people:
        person.quota = round(100 * (person.ore or 0) / offered) if offered else 0
    return {"sessions": totals["n"], "hours": offered, "people": people,
            "internal": sum(1 for p in people if not p.esterno), "external": sum(1 for p in people if p.esterno)}


# --- staff register --------------------------------------------------------------------------------

def staff_entities(user) -> QuerySet[Ente]:
    """The organisations whose staff the user may see: their own for an ETS coordinator, all for RT/Ufficio di Piano."""
    scope = get_scope(user)
    whole = scope.ambiti_for("rt", "amministrativo")
    own = Membership.objects.filter(user=user, role=Role.COORDINATORE_ETS, active=True).values("ente_id")
    return Ente.objects.filter(Q(ambito_id__in=whole) | Q(pk__in=own))


def staff_for(user) -> QuerySet[StaffMember]:
    return StaffMember.objects.filter(ente__in=staff_entities(user)).select_related("ente")


def staff_add(*, by, ente: Ente, nome: str, ruolo: str, in_servizio_dal: date, qualifiche: str = "",
              formazione: str = "", referente_tecnico: bool = False, cv=None) -> StaffMember:
    if not staff_entities(by).filter(pk=ente.pk).exists():
        raise PermissionDenied(_("Puoi registrare solo il personale della tua organizzazione."))
    if in_servizio_dal > timezone.localdate():
        raise ValidationError({"in_servizio_dal": _("La data non può essere nel futuro.")})
    with transaction.atomic(), audit_reason(_("Registro del personale")):
        return StaffMember.objects.create(ente=ente, nome=nome.strip(), ruolo=ruolo, qualifiche=qualifiche.strip(),
                                          formazione=formazione.strip(), referente_tecnico=referente_tecnico,
                                          in_servizio_dal=in_servizio_dal, cv=cv or "")
