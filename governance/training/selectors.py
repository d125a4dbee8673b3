"""Reads of training and of the staff register, always from the user's scope."""

from decimal import Decimal

from django.db.models import Count, QuerySet, Sum
from django.http import Http404
from django.utils.translation import gettext as _

from organisation.models import Ambito

from .models import StaffMember, TrainingEvent
from .policies import organised_ambiti, read_ambiti, require_organiser, staff_entities


def events_for(user) -> QuerySet[TrainingEvent]:
    return TrainingEvent.objects.filter(ambito_id__in=read_ambiti(user))


def get_event_for(user, pk: int) -> TrainingEvent:
    event = events_for(user).filter(pk=pk).first()
    if event is None:
        raise Http404(_("Evento non trovato."))
    return event


def get_ambito_for_new_event(user) -> Ambito:
    """The ambito a new event belongs to (the first by name where the user organises training); 403 for anyone else."""
    ambito = Ambito.objects.filter(pk__in=organised_ambiti(user)).order_by("nome").first()
    require_organiser(user, ambito.pk if ambito else None)
    return ambito


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

def staff_for(user) -> QuerySet[StaffMember]:
    return StaffMember.objects.filter(ente__in=staff_entities(user)).select_related("ente")


def get_staff_member_for(user, pk: int) -> StaffMember:
    member = staff_for(user).filter(pk=pk).first()
    if member is None:
        raise Http404
    return member
