"""Who may read the audit trail: the Referente Territoriale, for the ambiti where they are RT."""

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from organisation.scope import get_scope

if TYPE_CHECKING:  # the stubs' alias for AUTH_USER_MODEL: audit sits beside accounts and does not import it
    from django.contrib.auth.models import _AnyUser


def audit_ambiti(user: "_AnyUser") -> frozenset[int]:
    """The ambiti whose audit trail and access alerts `user` reads."""
    return get_scope(user).rt_ambiti


def can_read_audit_log(user: "_AnyUser") -> bool:
    return bool(audit_ambiti(user))


def require_audit_log_reader(user: "_AnyUser") -> frozenset[int]:
    """The ambiti whose audit trail `user` reads; refused to anyone who is no RT."""
    ambiti = audit_ambiti(user)
    if not ambiti:
        raise PermissionDenied(_("Solo il Referente Territoriale consulta il registro degli accessi."))
    return ambiti
