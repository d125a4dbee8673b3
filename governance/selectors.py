from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from organisation.scope import get_scope

from .models import Body, FollowUp, Meeting


def bodies_visible_to(user) -> QuerySet[Body]:
    """The RT sees the ambito's bodies; everyone else the bodies they sit in."""
    scope = get_scope(user)
    return Body.objects.filter(Q(ambito_id__in=scope.rt_ambiti) | Q(componenti__user=user, ambito_id__in=scope.ambiti)
                               ).distinct()


def can_manage(user, body: Body) -> bool:
    return body.ambito_id in get_scope(user).rt_ambiti


def get_body_for(user, pk: int) -> Body:
    body = bodies_visible_to(user).filter(pk=pk).first()
    if body is None:
        raise Http404(_("Organismo non trovato."))
    return body


def get_meeting_for(user, pk: int) -> Meeting:
    meeting = Meeting.objects.select_related("body").filter(pk=pk, body__in=bodies_visible_to(user)).first()
    if meeting is None:
        raise Http404(_("Riunione non trovata."))
    return meeting


def open_followups_for(user) -> QuerySet[FollowUp]:
    return FollowUp.objects.filter(owner=user, fatto_il__isnull=True).select_related("meeting__body").order_by("scadenza")
