"""Who may organise the work of an ambito: give a family to an équipe.

`user` is typed as Django's AbstractUser: accounts sits above organisation and may not be imported here."""

from django.contrib.auth.models import AbstractUser

from .models import Ambito
from .scope import get_scope


def can_assign_any_equipe(user: AbstractUser, ambito: Ambito) -> bool:
    """The RT gives a family of the ambito to any of its équipe; a case manager only to their own."""
    return ambito.pk in get_scope(user).rt_ambiti


def assignable_equipe_ids(user: AbstractUser, *, keep: int | None = None) -> set[int]:
    """The équipe a case manager may give a family to: those they manage, plus `keep` (the family's current
    one)."""
    return set(get_scope(user).managed_equipe_ids) | ({keep} if keep else set())


def can_assign_equipe(user: AbstractUser, ambito: Ambito, equipe_id: int) -> bool:
    """Whether the user may give a family of `ambito` to équipe `equipe_id`."""
    return can_assign_any_equipe(user, ambito) or equipe_id in get_scope(user).managed_equipe_ids
