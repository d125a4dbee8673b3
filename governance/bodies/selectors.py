"""Reads of the governance bodies, always from the user's scope."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from organisation.models import Ambito, Membership
from organisation.scope import get_scope

from .models import Body, FollowUp, Meeting
from .policies import body_ambiti, can_mark_done


def bodies_visible_to(user: User) -> QuerySet[Body]:
    """The RT sees the ambito's bodies; everyone else the bodies they sit in."""
    scope = get_scope(user)
    return Body.objects.filter(Q(ambito_id__in=scope.rt_ambiti) | Q(componenti__user=user, ambito_id__in=scope.ambiti)
                               ).distinct()


def get_body_for(user: User, pk: int) -> Body:
    body = bodies_visible_to(user).filter(pk=pk).first()
    if body is None:
        raise Http404(_("Organismo non trovato."))
    return body


def get_ambito_for_new_body(user: User) -> Ambito:
    """The ambito a new body belongs to (the first by name where the user is RT); 403 for anyone else."""
    ambito = Ambito.objects.filter(pk__in=body_ambiti(user)).order_by("nome").first()
    if ambito is None:
        raise PermissionDenied(_("Solo il Referente Territoriale dell'ambito crea gli organismi."))
    return ambito


def get_meeting_for(user: User, pk: int) -> Meeting:
    meeting = Meeting.objects.select_related("body").filter(pk=pk, body__in=bodies_visible_to(user)).first()
    if meeting is None:
        raise Http404(_("Riunione non trovata."))
    return meeting


def upcoming_meetings(bodies: QuerySet[Body]) -> QuerySet[Meeting]:
    """The next meetings programmed for these bodies (already read through `bodies_visible_to`)."""
    return (Meeting.objects.filter(body__in=bodies, inizio__gte=timezone.now(), stato="programmata")
            .select_related("body").order_by("inizio")[:10])


def get_followup_for_done(user: User, pk: int) -> FollowUp:
    """A follow-up action that the user may mark as done (404 for anyone else, never confirming it exists)."""
    followup = FollowUp.objects.select_related("meeting__body").filter(pk=pk).first()
    if followup is None or not can_mark_done(user, followup):
        raise Http404
    return followup


def open_followups_for(user: User) -> QuerySet[FollowUp]:
    return FollowUp.objects.filter(owner=user, fatto_il__isnull=True).select_related("meeting__body").order_by("scadenza")


def signin_rows(meeting: Meeting) -> list[tuple[str, str]]:
    """(name, ente) of each member of the meeting's body, for the sign-in sheet. A member with a login is of the
    ente of their membership in the body's ambito (the name typed on the member, if any, wins)."""
    members = meeting.body.componenti.select_related("user").prefetch_related(
        Prefetch("user__memberships", queryset=Membership.objects.filter(ambito_id=meeting.body.ambito_id)
                 .select_related("ente").order_by("-active", "pk"), to_attr="ambito_memberships"))
    rows = []
    for member in members:
        ente = member.ente
        if not ente and member.user is not None:
            # ambito_memberships: the Prefetch above, which django-stubs cannot see.
            memberships: list[Membership] = getattr(member.user, "ambito_memberships", [])
            ente = next((m.ente.nome for m in memberships if m.ente is not None), "")
        rows.append((str(member), ente))
    return rows
