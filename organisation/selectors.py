from django.db.models import QuerySet

from .models import Ambito, Equipe
from .scope import get_scope


def equipes_visible_to(user) -> QuerySet[Equipe]:
    scope = get_scope(user)
    return Equipe.objects.filter(ambito_id__in=scope.rt_ambiti) | Equipe.objects.filter(pk__in=scope.equipe_ids)


def equipes_assignable_by(user, ambito: Ambito, *, keep: int | None = None) -> QuerySet[Equipe]:
    """The équipe a user may give a family to: any of the ambito for the RT, their own for a case manager
    (plus `keep`, the family's current one)."""
    scope = get_scope(user)
    if ambito.pk in scope.rt_ambiti:
        return Equipe.objects.filter(ambito=ambito)
    allowed = set(scope.managed_equipe_ids) | ({keep} if keep else set())
    return Equipe.objects.filter(ambito=ambito, pk__in=allowed)


def ambito_for_new_family(user) -> Ambito | None:
    scope = get_scope(user)
    return Ambito.objects.filter(pk__in=scope.create_ambiti).order_by("nome").first()
