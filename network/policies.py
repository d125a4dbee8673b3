"""Who may do what with the network's records: the directory, the intakes, the referrals, the counts.

The reach of a user comes from their scope (organisation.scope) and, for the receiving services, from the ente of
their memberships; `require_*` raise PermissionDenied with the message the user sees. The selectors build their
querysets on the same reach.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.models import User
from organisation.models import Membership, Role
from organisation.scope import get_scope

from .models import Intake, Referral

# Roles that read the directory and the protocols of their ambito.
DIRECTORY_READERS = (Role.RT, Role.AMMINISTRATIVO, Role.COACH, Role.CASE_MANAGER, Role.OPERATORE, Role.TUTOR,
                     Role.COORDINATORE_ETS, Role.GOVERNANCE)
# Roles that manage the directory and the protocols.
NETWORK_MANAGERS = (Role.RT, Role.TUTOR)
# Roles that may receive referrals through the ente of their membership.
RECEIVING_ROLES = (Role.CASE_MANAGER, Role.OPERATORE)
# Roles that see the counts of the ambito.
COUNT_READERS = (Role.RT, Role.AMMINISTRATIVO, Role.GOVERNANCE)


# --- the user's reach --------------------------------------------------------------------------
def receiving_enti(user: User) -> frozenset[tuple[int, int]]:
    """(ambito, ente) pairs through which `user` receives referrals; cached on the user for the request."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached: frozenset[tuple[int, int]] | None = getattr(user, "_trama_receiving_enti", None)
    if cached is None:
        cached = frozenset(Membership.objects.filter(user=user, active=True, role__in=RECEIVING_ROLES,
                                                     ente__isnull=False).values_list("ambito_id", "ente_id"))
        user._trama_receiving_enti = cached  # type: ignore[attr-defined]  # a per-request cache on the user
    return cached


def directory_ambiti(user: User) -> frozenset[int]:
    return get_scope(user).ambiti_for(*DIRECTORY_READERS)


def manager_ambiti(user: User) -> frozenset[int]:
    return get_scope(user).ambiti_for(*NETWORK_MANAGERS)


def count_ambiti(user: User) -> frozenset[int]:
    return get_scope(user).ambiti_for(*COUNT_READERS)


def _receiving_condition(user: User) -> Q:
    condition = Q()
    for ambito_id, ente_id in receiving_enti(user):
        condition |= Q(ambito_id=ambito_id) & (Q(service__ente_id=ente_id) | Q(service__ente__parent_id=ente_id))
    return condition


def referral_reach(user: User) -> Q:
    """The referrals of the intakes the user handles, and those sent to the user's service (empty: none)."""
    scope = get_scope(user)
    condition = Q()
    if scope.rt_ambiti:
        condition |= Q(ambito_id__in=scope.rt_ambiti)
    if scope.tutor_ambiti:
        condition |= Q(ambito_id__in=scope.tutor_ambiti, intake__tutor=user)
    condition |= _receiving_condition(user)
    return condition


# --- directory and protocols -----------------------------------------------------------------
def require_directory(user: User) -> frozenset[int]:
    """The ambiti whose directory the user reads; PermissionDenied when there is none."""
    ambiti = directory_ambiti(user)
    if not ambiti:
        raise PermissionDenied(_("Il tuo ruolo non prevede la mappatura dei servizi."))
    return ambiti


def require_protocols(user: User) -> None:
    if not directory_ambiti(user):
        raise PermissionDenied(_("Il tuo ruolo non prevede i protocolli della rete."))


def manages_network_somewhere(user: User) -> bool:
    return bool(manager_ambiti(user))


def can_manage_network(user: User, ambito_id: int) -> bool:
    return ambito_id in manager_ambiti(user)


def require_add_services(user: User) -> None:
    if not manages_network_somewhere(user):
        raise PermissionDenied(_("Solo il Referente Territoriale e la tutor territoriale aggiornano la mappatura."))


def require_manage_service(user: User, ambito_id: int) -> None:
    if not can_manage_network(user, ambito_id):
        raise PermissionDenied(_("Solo il Referente Territoriale e la tutor territoriale aggiornano la mappatura."))


def require_add_protocols(user: User) -> None:
    if not manages_network_somewhere(user):
        raise PermissionDenied(_("Solo il Referente Territoriale e la tutor territoriale registrano i protocolli."))


# --- intakes ---------------------------------------------------------------------------------
def handles_intakes(user: User) -> bool:
    scope = get_scope(user)
    return bool(scope.rt_ambiti or scope.tutor_ambiti)


def require_intakes(user: User) -> None:
    if not handles_intakes(user):
        raise PermissionDenied(_("I contatti sono della tutor territoriale e del Referente Territoriale."))


def require_caseload(user: User) -> None:
    if not handles_intakes(user):
        raise PermissionDenied(_("Questa pagina è della tutor territoriale e del Referente Territoriale."))


def require_add_intakes(user: User) -> None:
    if not manages_network_somewhere(user) or not handles_intakes(user):
        raise PermissionDenied(_("Solo la tutor territoriale e il Referente Territoriale registrano i primi contatti."))


def can_change_intake(user: User, intake: Intake) -> bool:
    scope = get_scope(user)
    return intake.ambito_id in scope.rt_ambiti or (intake.ambito_id in scope.tutor_ambiti and intake.tutor_id == user.pk)


def require_change_intake(user: User, intake: Intake) -> None:
    if not can_change_intake(user, intake):
        raise PermissionDenied(_("Solo la tutor che segue il contatto o il Referente Territoriale possono modificarlo."))


# --- referrals and counts --------------------------------------------------------------------
def sees_referrals(user: User) -> bool:
    return handles_intakes(user) or bool(get_scope(user).ambiti_for(*RECEIVING_ROLES))


def require_referrals(user: User) -> None:
    if not sees_referrals(user):
        raise PermissionDenied(_("Il tuo ruolo non prevede gli invii della rete."))


def can_update_referral(user: User, referral: Referral) -> bool:
    """The tutor of the intake, the RT and the receiving service update a referral's status."""
    if referral.pk is None:
        return False
    condition = referral_reach(user)
    return bool(condition) and Referral.objects.filter(condition).filter(pk=referral.pk).exists()


def can_see_counts(user: User) -> bool:
    return bool(count_ambiti(user) or get_scope(user).tutor_ambiti)


def require_counts(user: User) -> None:
    if not can_see_counts(user):
        raise PermissionDenied(_("Il tuo ruolo non prevede i dati della rete."))


def can_follow_intakes(user: User) -> bool:
    """The dashboard's contacts and referrals waiting: the tutor territoriale's own work (the RT has the
    caseload page for the whole ambito)."""
    return bool(get_scope(user).tutor_ambiti)
