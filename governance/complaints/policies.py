"""Who keeps the complaints register: the RT and the Ufficio di Piano of the ambito."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from accounts.models import User
from organisation.scope import get_scope

HANDLERS = {"rt", "amministrativo"}


def handlers_only() -> PermissionDenied:
    """The refusal for anyone who does not keep the register."""
    return PermissionDenied(_("Il registro dei reclami è tenuto dal Referente Territoriale e dall'Ufficio di Piano."))


def complaint_ambiti(user: User) -> frozenset[int]:
    ambiti = get_scope(user).ambiti_for(*HANDLERS)
    if not ambiti:
        raise handlers_only()
    return ambiti


def require_handler(user: User, ambito_id: int | None = None) -> None:
    """Refuse anyone who does not keep the register (of this ambito, when one is given)."""
    ambiti = complaint_ambiti(user)
    if ambito_id is not None and ambito_id not in ambiti:
        raise PermissionDenied


def keeps_register(user: User) -> bool:
    """Whether the user keeps the complaints register anywhere (the dashboard's complaints due)."""
    return bool(get_scope(user).ambiti_for(*HANDLERS))
