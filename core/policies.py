"""Who may open the composing app's pages."""

from accounts.models import User
from organisation.scope import get_scope


def can_see_cohorts(user: User) -> bool:
    """The implementazioni's figures: every role of an ambito but parents and volunteers."""
    scope = get_scope(user)
    return bool(scope.ambiti) and not scope.roles <= {"famiglia", "volontario"}


def is_family_member_only(user: User) -> bool:
    """A parent or young person with no staff role: their door is the family portal, not the dashboard."""
    return get_scope(user).roles == frozenset({"famiglia"})


def figures_ambiti(user: User) -> frozenset[int]:
    """The ambiti whose figures the dashboard shows the user: where they see aggregates (RT, amministrativo,
    governance)."""
    return get_scope(user).aggregate_ambiti
