"""Reads behind the figures: the families of the user's ambiti for counts (never a name), and the lists the
report forms offer."""

from django.db.models import QuerySet

from accounts.models import User
from families.models import Family
from organisation.models import Ambito, Ente, Equipe, Implementazione

from .policies import figure_ambiti, report_ambiti, territorio_ambiti


def families_for_figures(user: User) -> QuerySet[Family]:
    """The families counted in the figures the user sees: every ambito of their memberships."""
    return Family.objects.filter(ambito_id__in=figure_ambiti(user))


def cohorts_for_figures(user: User) -> QuerySet[Implementazione]:
    return Implementazione.objects.filter(ambito_id__in=figure_ambiti(user)).order_by("data_inizio")


def equipes_for_figures(user: User) -> QuerySet[Equipe]:
    return Equipe.objects.filter(ambito_id__in=figure_ambiti(user)).order_by("nome")


def report_ambiti_for(user: User) -> QuerySet[Ambito]:
    """The ambiti the user may choose for the rendicontazione."""
    return Ambito.objects.filter(pk__in=report_ambiti(user)).order_by("nome")


def territorio_comuni(user: User) -> QuerySet[Ente]:
    """The comuni whose territorial data the user enters."""
    return Ente.objects.filter(ambito_id__in=territorio_ambiti(user), tipo=Ente.Tipo.COMUNE).order_by("nome")


def comune_for_entry(user: User, pk: int) -> Ente | None:
    """The organisation `pk` of an ambito whose territorial data the user enters (the service checks it is a
    comune)."""
    return Ente.objects.filter(pk=pk, ambito_id__in=territorio_ambiti(user)).first()
