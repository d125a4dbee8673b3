"""Who may do what with the governance bodies: the RT of the ambito manages them and their meetings."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from accounts.models import User
from organisation.scope import get_scope

from .models import Body, FollowUp


def can_manage(user: User, body: Body) -> bool:
    return body.ambito_id in get_scope(user).rt_ambiti


def require_manager(user: User, body: Body, message: str = "") -> None:
    if not can_manage(user, body):
        raise PermissionDenied(message or _("Solo il Referente Territoriale gestisce le riunioni degli organismi."))


def body_ambiti(user: User) -> frozenset[int]:
    """The ambiti where the user creates governance bodies: those where they are RT."""
    return get_scope(user).rt_ambiti


def require_body_creator(user: User, ambito_id: int) -> None:
    if ambito_id not in body_ambiti(user):
        raise PermissionDenied(_("Solo il Referente Territoriale dell'ambito crea gli organismi."))


def can_mark_done(user: User, followup: FollowUp) -> bool:
    """Who takes care of the action, or the RT of the body's ambito."""
    return followup.owner_id == user.pk or can_manage(user, followup.meeting.body)


def can_own_followups(user: User, body: Body) -> bool:
    """Whether a follow-up action of the body may be given to this user: they work in the ambito."""
    return body.ambito_id in get_scope(user).ambiti
