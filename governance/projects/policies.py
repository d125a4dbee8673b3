"""Who may do what with the projects: the RT of the ambito manages them; RT, Ufficio di Piano, governance and ETS
coordinators read them."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from organisation.scope import get_scope

READERS = {"rt", "amministrativo", "governance", "coordinatore_ets"}


def read_ambiti(user) -> frozenset[int]:
    """The ambiti whose projects the user reads."""
    return get_scope(user).ambiti_for(*READERS)


def require_reader(user) -> None:
    if not read_ambiti(user):
        raise PermissionDenied(_("Il tuo ruolo non prevede i progetti."))


def managed_ambiti(user) -> frozenset[int]:
    """The ambiti whose projects the user manages (as RT)."""
    return get_scope(user).rt_ambiti


def can_manage(user, project_or_ambito_id) -> bool:
    ambito_id = getattr(project_or_ambito_id, "ambito_id", project_or_ambito_id)
    return ambito_id in get_scope(user).rt_ambiti


def require_manager(user, project_or_ambito_id, message: str = "") -> None:
    if not can_manage(user, project_or_ambito_id):
        raise PermissionDenied(message or _("Solo il Referente Territoriale gestisce i progetti."))
