"""Who may act on a family's personal data: the case manager and the RT see and export it, the RT decides."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from accounts.models import User
from families.models import Family
from families.policies import can_move_family
from families.selectors import families_visible_to
from organisation.scope import get_scope


def can_manage_privacy(user: User, family: Family) -> bool:
    """Access exports and the change history: the case manager and the RT."""
    return can_move_family(user, family)


def can_decide_privacy(user: User, family: Family) -> bool:
    """Legal hold and erasure: the Referente Territoriale of the family's ambito."""
    return family.ambito_id in get_scope(user).rt_ambiti


def require_manage_privacy(user: User, family: Family) -> None:
    if not can_manage_privacy(user, family):
        raise PermissionDenied(_("Le richieste sui dati personali le gestiscono il case manager e il Referente "
                                 "Territoriale."))


def require_access_export(user: User, family: Family) -> None:
    if not can_manage_privacy(user, family):
        raise PermissionDenied(_("L'accesso ai dati lo prepara il case manager o il Referente Territoriale."))


def require_legal_hold(user: User, family: Family) -> None:
    if not can_decide_privacy(user, family):
        raise PermissionDenied(_("Il blocco per motivi legali lo decide il Referente Territoriale."))


def require_erase(user: User, family: Family) -> None:
    if not can_decide_privacy(user, family):
        raise PermissionDenied(_("La cancellazione la decide il Referente Territoriale."))


def require_consent_register(user: User) -> None:
    """The register of consents is for whoever follows families."""
    if not (user.is_authenticated and families_visible_to(user).exists()):
        raise PermissionDenied(_("Il registro dei consensi è per chi segue le famiglie."))
