"""Reads of training and of the staff register, always from the user's scope."""

from collections.abc import Sequence
from decimal import Decimal
from typing import TypedDict

from django.db.models import Count, QuerySet, Sum
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import User
from organisation.models import Ambito

from .models import StaffMember, TrainingEvent, TrainingParticipant
from .policies import organised_ambiti, organisers_only, read_ambiti, staff_entities


class EventSummary(TypedDict):
    sessions: int
    hours: Decimal
    people: Sequence[TrainingParticipant]  # each with `ore`, `sessioni` attended and `quota` (% of the hours)
    internal: int
    external: int


def events_for(user: User) -> QuerySet[TrainingEvent]:
    return TrainingEvent.objects.filter(ambito_id__in=read_ambiti(user))


def get_event_for(user: User, pk: int) -> TrainingEvent:
    event = events_for(user).filter(pk=pk).first()
    if event is None:
        raise Http404(_("Evento non trovato."))
    return event


def get_ambito_for_new_event(user: User) -> Ambito:
    """The ambito a new event belongs to (the first by name where the user organises training); 403 for anyone else."""
    ambito = Ambito.objects.filter(pk__in=organised_ambiti(user)).order_by("nome").first()
    if ambito is None:
        raise organisers_only()
    return ambito


def event_summary(event: TrainingEvent) -> EventSummary:
    """Hours offered, participants and their attendance, aggregated in SQL."""
    totals = event.sessioni.aggregate(n=Count("pk"), ore=Sum("ore"))
    people = list(event.partecipanti.annotate(ore=Sum("presenze__ore"), sessioni=Count("presenze"))
                  .order_by("nome"))
    offered = totals["ore"] or Decimal("0")
    for person in people:
        person.quota = round(100 * (person.ore or 0) / offered) if offered else 0  # type: ignore[attr-defined]  # for the template
    return {"sessions": totals["n"], "hours": offered, "people": people,
            "internal": sum(1 for p in people if not p.esterno), "external": sum(1 for p in people if p.esterno)}


# --- staff register --------------------------------------------------------------------------------

def staff_for(user: User) -> QuerySet[StaffMember]:
    return StaffMember.objects.filter(ente__in=staff_entities(user)).select_related("ente")


def get_staff_member_for(user: User, pk: int) -> StaffMember:
    member = staff_for(user).filter(pk=pk).first()
    if member is None:
        raise Http404
    return member
