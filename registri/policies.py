"""Who may import a register: the RT of the ambito, or a case manager for the families of their own équipe."""

from accounts.models import User
from organisation.models import Ambito
from organisation.scope import get_scope

from .models import Importazione


def import_ambiti(user: User) -> frozenset[int]:
    """The ambiti where the user may import: as RT, or as a case manager of an équipe there."""
    scope = get_scope(user)
    return scope.rt_ambiti | scope.ambiti_for("case_manager") if scope.managed_equipe_ids else scope.rt_ambiti


def can_import_in(user: User, ambito: Ambito) -> bool:
    return ambito.pk in import_ambiti(user)


def can_import_any(user: User) -> bool:
    return bool(import_ambiti(user))


def managed_equipe_limit(user: User, ambito: Ambito) -> frozenset[int] | None:
    """None: any équipe of the ambito (its RT). Otherwise the équipe the case manager manages, the only ones
    whose families they may import."""
    scope = get_scope(user)
    if ambito.pk in scope.rt_ambiti:
        return None
    return scope.managed_equipe_ids


def owns_import(user: User, importazione: Importazione) -> bool:
    """An import is its uploader's, and the RT's of its ambito (who answers for what comes into it)."""
    return importazione.utente_id == user.pk or importazione.ambito_id in get_scope(user).rt_ambiti
