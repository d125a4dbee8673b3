"""Who may do what with families, as plain predicates (the scope decides: organisation.scope)."""

from organisation.scope import get_scope


def can_list_families(user) -> bool:
    """The list of families is for the staff who follow cases (équipe, RT, tutor), not for aggregate roles."""
    return get_scope(user).is_staff_of_cases
