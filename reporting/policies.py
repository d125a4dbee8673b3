"""Who sees the programme's figures and prepares its reports: roles over ambiti, counts only, never a name."""

from typing import NoReturn

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from accounts.models import User
from organisation.models import Ente, Role
from organisation.scope import get_scope

# Roles that see the indicators, the dashboard and the territorial context of their ambiti.
INDICATOR_ROLES = {Role.RT, Role.AMMINISTRATIVO, Role.GOVERNANCE, Role.COACH}
# Roles that prepare the rendicontazione and the annual summary, and enter the territorial data.
REPORTERS = (Role.RT, Role.AMMINISTRATIVO)


def can_see_indicators(user: User) -> bool:
    return bool(get_scope(user).roles & INDICATOR_ROLES)


def require_indicators(user: User) -> None:
    if not can_see_indicators(user):
        raise PermissionDenied(_("Il tuo ruolo non prevede gli indicatori del programma."))


def figure_ambiti(user: User) -> frozenset[int]:
    """The ambiti whose figures the user sees (every ambito of their memberships)."""
    return get_scope(user).ambiti


def can_open_family_list(user: User) -> bool:
    """Whether a figure may link to the families' list behind it."""
    return get_scope(user).is_staff_of_cases


def research_ambiti(user: User) -> frozenset[int]:
    """The ambiti whose data the user may export for the evaluation: where they are RT."""
    return get_scope(user).rt_ambiti


def require_research_export(user: User) -> None:
    if not research_ambiti(user):
        raise PermissionDenied(_("Solo il Referente Territoriale esporta i dati per la valutazione."))


def report_ambiti(user: User) -> frozenset[int]:
    """The ambiti whose rendicontazione and annual summary the user prepares."""
    return get_scope(user).ambiti_for(*REPORTERS)


def require_rendicontazione(user: User) -> None:
    if not report_ambiti(user):
        raise PermissionDenied(_("La rendicontazione è per il Referente Territoriale e l'Ufficio di Piano."))


def require_sintesi(user: User) -> None:
    if not report_ambiti(user):
        raise PermissionDenied(_("La sintesi annuale è per il Referente Territoriale e l'Ufficio di Piano."))


def territorio_ambiti(user: User) -> frozenset[int]:
    """The ambiti whose territorial data (population, caseload) the user enters."""
    return get_scope(user).ambiti_for(*REPORTERS)


def can_edit_territorio(user: User, ambito_id: int) -> bool:
    return ambito_id in territorio_ambiti(user)


def require_territorio_editor(user: User, ambito_id: int | None = None) -> None:
    """403 unless the user enters territorial data (in `ambito_id`, when given)."""
    ambiti = territorio_ambiti(user)
    if not ambiti or (ambito_id is not None and ambito_id not in ambiti):
        _deny_territorio()


def require_comune_editor(user: User, comune: Ente) -> None:
    """403 unless `comune` is a comune of an ambito whose territorial data the user enters."""
    if not can_edit_territorio(user, comune.ambito_id) or comune.tipo != Ente.Tipo.COMUNE:
        _deny_territorio()


def _deny_territorio() -> NoReturn:
    raise PermissionDenied(_("I dati del territorio li inseriscono il Referente Territoriale e l'Ufficio di Piano."))
