"""Who may do what with a family: see its list, register one, change it, move it along its path."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from accounts.models import User
from organisation.models import Ambito
from organisation.scope import get_scope

from .models import Family
from .selectors import can_change_family, can_move_family


def can_list_families(user: User) -> bool:
    """The list of families is for the staff who follow cases (équipe, RT, tutor), not for aggregate roles."""
    return get_scope(user).is_staff_of_cases


def require_family_list(user: User) -> None:
    if not can_list_families(user):
        raise PermissionDenied(_("Il tuo ruolo non prevede l'accesso alle schede delle famiglie."))


def can_register_families(user: User) -> bool:
    """Whether the user registers new families anywhere (RT, case manager, tutor)."""
    return bool(get_scope(user).create_ambiti)


def require_register_family(user: User, ambito: Ambito) -> None:
    if ambito.pk not in get_scope(user).create_ambiti:
        raise PermissionDenied(_("Non puoi registrare famiglie in questo ambito."))


def require_change_family(user: User, family: Family) -> None:
    if not can_change_family(user, family):
        raise PermissionDenied(_("Non puoi modificare questa famiglia."))


def require_move_family(user: User, family: Family) -> None:
    if not can_move_family(user, family):
        raise PermissionDenied(_("Solo il case manager dell'équipe o il Referente Territoriale possono far avanzare il percorso."))
