"""Who keeps the complaints register: the RT and the Ufficio di Piano of the ambito."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from organisation.scope import get_scope

HANDLERS = {"rt", "amministrativo"}


def complaint_ambiti(user) -> frozenset[int]:
    ambiti = get_scope(user).ambiti_for(*HANDLERS)
    if not ambiti:
        raise PermissionDenied(_("Il registro dei reclami è tenuto dal Referente Territoriale e dall'Ufficio di Piano."))
    return ambiti


def require_handler(user, ambito_id: int | None = None) -> None:
    """Refuse anyone who does not keep the register (of this ambito, when one is given)."""
    ambiti = complaint_ambiti(user)
    if ambito_id is not None and ambito_id not in ambiti:
        raise PermissionDenied
