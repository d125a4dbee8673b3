"""Reads of imports: a user sees their own, the RT those of their ambito; outside that, 404."""

from django.db.models import QuerySet
from django.http import Http404

from accounts.models import User
from organisation.models import Ambito, Ente, Equipe
from organisation.scope import get_scope

from .models import Importazione, MappaturaRegistro
from .policies import import_ambiti, owns_import


def imports_visible_to(user: User) -> QuerySet[Importazione]:
    scope = get_scope(user)
    return (Importazione.objects.filter(ambito_id__in=import_ambiti(user))
            .filter(utente=user) | Importazione.objects.filter(ambito_id__in=scope.rt_ambiti)).select_related(
        "ambito", "comune", "utente")


def get_import_for(user: User, pk: int) -> Importazione:
    importazione = Importazione.objects.select_related("ambito", "comune", "equipe", "utente").filter(pk=pk).first()
    if importazione is None or not owns_import(user, importazione) or \
            importazione.ambito_id not in import_ambiti(user):
        raise Http404
    return importazione


def ambiti_for_import(user: User) -> QuerySet[Ambito]:
    return Ambito.objects.filter(pk__in=import_ambiti(user))


def comuni_for_import(user: User) -> QuerySet[Ente]:
    return Ente.objects.filter(ambito_id__in=import_ambiti(user), tipo=Ente.Tipo.COMUNE).select_related("ambito")


def equipe_for_import(user: User) -> QuerySet[Equipe]:
    scope = get_scope(user)
    return (Equipe.objects.filter(ambito_id__in=scope.rt_ambiti)
            | Equipe.objects.filter(pk__in=scope.managed_equipe_ids)).select_related("ambito")


def saved_mapping(importazione: Importazione) -> dict[str, str] | None:
    if importazione.comune_id is None:
        return None
    saved = MappaturaRegistro.objects.filter(ambito_id=importazione.ambito_id,
                                            comune_id=importazione.comune_id).first()
    return dict(saved.colonne) if saved else None
