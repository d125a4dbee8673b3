"""Who may do what in the school partnership of a family (on top of seeing the family: families.selectors)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from accounts.models import User
from families.models import Family
from families.policies import can_change_family
from organisation.scope import get_scope


def can_edit_school(user: User, family: Family) -> bool:
    """School, class and reference teacher are set by the case manager (or the RT)."""
    return can_change_family(user, family)


def require_edit_school(user: User, family: Family) -> None:
    if not can_edit_school(user, family):
        raise PermissionDenied(_("Solo il case manager dell'équipe o il Referente Territoriale indicano la scuola."))


def can_record_meeting(user: User, family: Family) -> bool:
    """Anyone working in the family's équipe records a school meeting, the teacher included; not the coach."""
    if can_change_family(user, family):
        return True
    scope = get_scope(user)
    return family.equipe_id is not None and family.equipe_id in scope.equipe_ids - scope.coached_equipe_ids


def require_record_meeting(user: User, family: Family) -> None:
    if not can_record_meeting(user, family):
        raise PermissionDenied(_("Registrano gli incontri con la scuola gli operatori dell'équipe della famiglia."))


def is_rt_of(user: User, family: Family) -> bool:
    """The user is the Referente Territoriale of the family's ambito."""
    return family.ambito_id in get_scope(user).rt_ambiti


def can_see_school_todo(user: User) -> bool:
    """The dashboard's school meetings (the coming ones, those whose outcome is to record): the teachers who sit
    in an équipe."""
    return bool(get_scope(user).restricted_equipe_ids)
