"""Who may do what with the projects: the RT of the ambito manages them; RT, Ufficio di Piano, governance and ETS
coordinators read them."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from accounts.models import User
from organisation.scope import get_scope

from .models import Project

READERS = {"rt", "amministrativo", "governance", "coordinatore_ets"}


def read_ambiti(user: User) -> frozenset[int]:
    """The ambiti whose projects the user reads."""
    return get_scope(user).ambiti_for(*READERS)


def require_reader(user: User) -> None:
    if not read_ambiti(user):
        raise PermissionDenied(_("Il tuo ruolo non prevede i progetti."))


def managed_ambiti(user: User) -> frozenset[int]:
    """The ambiti whose projects the user manages (as RT)."""
    return get_scope(user).rt_ambiti


def can_manage(user: User, project_or_ambito_id: Project | int | None) -> bool:
    ambito_id = getattr(project_or_ambito_id, "ambito_id", project_or_ambito_id)
    return ambito_id in get_scope(user).rt_ambiti


def managers_only(message: str = "") -> PermissionDenied:
    """The refusal for anyone who does not manage the projects."""
    return PermissionDenied(message or _("Solo il Referente Territoriale gestisce i progetti."))


def require_manager(user: User, project_or_ambito_id: Project | int | None, message: str = "") -> None:
    if not can_manage(user, project_or_ambito_id):
        raise managers_only(message)
