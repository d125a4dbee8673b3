"""Who may do what in vicinanza solidale: keep the register, manage a pairing, log its activities.

Plain predicates on the user's scope (organisation.scope) and on what they see (families.selectors); `require_*`
raise PermissionDenied with the message the user sees.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from accounts.models import User
from families.models import Family
from families.policies import can_change_family
from families.selectors import families_visible_to
from interventions.policies import writer_equipe_ids
from organisation.models import Role
from organisation.scope import get_scope

from .models import Abbinamento

# The register is kept by the RT, the case managers and the ETS coordinators of the ambito.
REGISTER_ROLES = (Role.RT, Role.CASE_MANAGER, Role.COORDINATORE_ETS)


def register_ambiti(user: User) -> frozenset[int]:
    return get_scope(user).ambiti_for(*REGISTER_ROLES)


def can_see_register(user: User) -> bool:
    return bool(register_ambiti(user))


def require_register(user: User) -> None:
    if not can_see_register(user):
        raise PermissionDenied(_("Il registro della vicinanza solidale è per il Referente Territoriale, i case "
                                 "manager e i coordinatori degli enti del Terzo Settore."))


def can_register_for(user: User, family: Family) -> bool:
    """The user keeps the register of the family's ambito (a supported family may become a support family)."""
    return family.ambito_id in register_ambiti(user)


def sees_in_full(user: User, family_id: int) -> bool:
    """The user sees the family with the full view, not a teacher's restricted one (selectors.full_view_families)."""
    scope = get_scope(user)
    return families_visible_to(user).exclude(equipe_id__in=scope.restricted_equipe_ids).filter(pk=family_id).exists()


def require_full_view(user: User, family: Family) -> None:
    if not sees_in_full(user, family.pk):
        raise PermissionDenied(_("La vicinanza solidale non fa parte della vista riservata agli insegnanti."))


def can_manage_pairing(user: User, family: Family) -> bool:
    """Proposing, agreeing, reviewing and closing a pairing: the case manager of the équipe, the RT."""
    return can_change_family(user, family)


def require_propose(user: User, family: Family) -> None:
    if not can_manage_pairing(user, family):
        raise PermissionDenied(_("Propone un abbinamento il case manager dell'équipe o il Referente Territoriale."))


def can_manage_abbinamento(user: User, abbinamento: Abbinamento) -> bool:
    """The pairing's steps, from its page: not from the volunteer's view of it."""
    return sees_in_full(user, abbinamento.family_id) and can_manage_pairing(user, abbinamento.family)


def require_manage_abbinamento(user: User, abbinamento: Abbinamento) -> None:
    if not can_manage_abbinamento(user, abbinamento):
        raise PermissionDenied(_("Gestisce l'abbinamento il case manager dell'équipe o il Referente Territoriale."))


def can_log_activity(user: User, abbinamento: Abbinamento) -> bool:
    scope = get_scope(user)
    family = abbinamento.family
    return (abbinamento.sostenitore.user_id == user.pk or family.ambito_id in scope.rt_ambiti
            or family.equipe_id in writer_equipe_ids(user))


def require_log_activity(user: User, abbinamento: Abbinamento) -> None:
    if not can_log_activity(user, abbinamento):
        raise PermissionDenied(_("Registrano le attività la famiglia d'appoggio o il volontario e l'équipe."))


def require_my_pairings_page(user: User, has_pairings: bool) -> None:
    """"My pairings" is for the volunteers, and for whoever a pairing names as its support family."""
    if not has_pairings and not get_scope(user).has_role(Role.VOLONTARIO):
        raise PermissionDenied(_("Questa pagina è per le famiglie d'appoggio e i volontari."))
