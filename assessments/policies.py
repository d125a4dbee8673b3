"""Who may fill, read, share and publish assessments. The family's own scope decides first (a response is reached
through its family, families.selectors); these predicates add what an assessment needs on top of it."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from accounts.models import User
from families.models import Family
from families.policies import can_move_family
from organisation.models import Ambito, EquipeMember
from organisation.scope import get_scope

from .models import Perspective


def can_write_response(user: User, family: Family, perspective: str) -> bool:
    """Équipe members (and the RT) fill assessments; a teacher only from the teacher's point of view;
    the coach reads."""
    scope = get_scope(user)
    if "famiglia" in scope.roles and not scope.is_staff_of_cases:
        # A family member gives the family's own view, for their own family only (the portal).
        return perspective == Perspective.FAMIGLIA and family.persone.filter(user=user).exists()
    if family.ambito_id in scope.rt_ambiti or family.equipe_id in scope.managed_equipe_ids:
        return True
    if family.equipe_id in scope.restricted_equipe_ids:
        return perspective == Perspective.INSEGNANTE
    member_of = scope.equipe_ids - (scope.coached_equipe_ids - _member_equipes(user))
    return family.equipe_id in member_of


def _member_equipes(user: User) -> frozenset[int]:
    cached: frozenset[int] | None = getattr(user, "_trama_member_equipes", None)
    if cached is None:
        cached = frozenset(EquipeMember.objects.filter(user=user).values_list("equipe_id", flat=True))
        user._trama_member_equipes = cached  # type: ignore[attr-defined]  # a per-request cache on the user
    return cached


def writable_perspectives(user: User, family: Family) -> list[str]:
    """The points of view from which the user may start an assessment of the family."""
    return [p for p in Perspective.values if can_write_response(user, family, p)]


def can_share_with_family(user: User, family: Family) -> bool:
    """What the family sees of the équipe's assessments in its portal is the case manager's (and the RT's) call."""
    return can_move_family(user, family)


def require_share_with_family(user: User, family: Family) -> None:
    if not can_share_with_family(user, family):
        raise PermissionDenied(_("Decidono che cosa condividere con la famiglia il case manager e il Referente "
                                 "Territoriale."))


def require_instrument_manager(user: User) -> None:
    """The page of the ambito's own instruments is the Referente Territoriale's."""
    if not get_scope(user).rt_ambiti:
        raise PermissionDenied(_("Solo il Referente Territoriale gestisce gli strumenti dell'ambito."))


def instrument_ambiti_of(user: User) -> frozenset[int]:
    """The ambiti whose own instruments the user manages."""
    return frozenset(get_scope(user).rt_ambiti)


def can_publish_instrument(user: User, ambito: Ambito) -> bool:
    return ambito.pk in get_scope(user).rt_ambiti or user.is_superuser


def require_publish_instrument(user: User, ambito: Ambito) -> None:
    if not can_publish_instrument(user, ambito):
        raise PermissionDenied(_("Solo il Referente Territoriale aggiunge strumenti dell'ambito."))


def can_follow_drafts(user: User) -> bool:
    """The dashboard's drafts left open: for those who fill the équipe's assessments (its case manager and
    professionals), not the coach, the teacher (whose view is their own), the tutor or the RT."""
    scope = get_scope(user)
    return bool(scope.managed_equipe_ids
                or scope.equipe_ids - scope.coached_equipe_ids - scope.restricted_equipe_ids)
