"""Who may do what with a Progetto Quadro. The family's own scope decides first (families.selectors); these
predicates add what the plan needs on top of it."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from accounts.models import User
from families.models import Family
from families.policies import can_change_family

from .models import Azione, Dispositivo


def concerns_teacher(action: Azione, user: User) -> bool:
    """Whether a teacher sees this action of the plan: theirs, or one at school."""
    return action.responsabile_user_id == user.pk or Dispositivo.SCUOLA in (action.dispositivi or [])


def can_write_plan(user: User, family: Family) -> bool:
    return can_change_family(user, family)


def require_write_plan(user: User, family: Family) -> None:
    if not can_write_plan(user, family):
        raise PermissionDenied(_("Solo il case manager dell'équipe o il Referente Territoriale possono scrivere "
                                 "il Progetto Quadro."))
