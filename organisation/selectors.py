from django.contrib.auth.models import AbstractUser
from django.db.models import QuerySet
from django.utils import timezone

from common.pdf import Letterhead

from .models import Ambito, Ente, Equipe, Implementazione
from .policies import assignable_equipe_ids, can_assign_any_equipe
from .scope import get_scope


def equipes_visible_to(user: AbstractUser) -> QuerySet[Equipe]:
    scope = get_scope(user)
    return Equipe.objects.filter(ambito_id__in=scope.rt_ambiti) | Equipe.objects.filter(pk__in=scope.equipe_ids)


def equipes_assignable_by(user: AbstractUser, ambito: Ambito, *, keep: int | None = None) -> QuerySet[Equipe]:
    """The équipe a user may give a family to: any of the ambito for the RT, their own for a case manager
    (plus `keep`, the family's current one)."""
    if can_assign_any_equipe(user, ambito):
        return Equipe.objects.filter(ambito=ambito)
    return Equipe.objects.filter(ambito=ambito, pk__in=assignable_equipe_ids(user, keep=keep))


def ambito_for_new_family(user: AbstractUser) -> Ambito | None:
    scope = get_scope(user)
    return Ambito.objects.filter(pk__in=scope.create_ambiti).order_by("nome").first()


def comune_of(ambito: Ambito, pk: int) -> Ente | None:
    """A comune of `ambito` by id (where a new family may live); None for another ambito's."""
    return Ente.objects.filter(pk=pk, ambito=ambito, tipo=Ente.Tipo.COMUNE).first()


def equipe_of(ambito: Ambito, pk: int) -> Equipe | None:
    """An équipe of `ambito` by id; None for another ambito's."""
    return Equipe.objects.filter(pk=pk, ambito=ambito).first()


def implementazione_of(ambito: Ambito, pk: int) -> Implementazione | None:
    """A cohort (implementazione) of `ambito` by id; None for another ambito's."""
    return Implementazione.objects.filter(pk=pk, ambito=ambito).first()


def ambito_ids_of(user: AbstractUser) -> frozenset[int]:
    """The ambiti of the user's active memberships."""
    return get_scope(user).ambiti


def letterhead_for(ambito: Ambito | None, *, ente: Ente | None = None) -> Letterhead:
    """The letterhead of a document of the ambito: its name, the ente that signs it (the given one, else the
    capofila), the place (the capofila's name without "Comune di") and now."""
    signer = ente or (ambito.capofila if ambito else None)
    place = signer.nome.removeprefix("Comune di ").strip() if signer and signer.tipo == Ente.Tipo.COMUNE else ""
    return Letterhead(ambito=ambito.nome if ambito else "", ente=signer.nome if signer else "", place=place,
                      created=timezone.now())
