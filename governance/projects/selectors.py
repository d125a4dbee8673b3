"""Reads of the projects, always from the user's scope."""

from typing import TypedDict

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import User
from organisation.models import Ambito

from .models import MacroAction, Project
from .policies import managed_ambiti, managers_only, read_ambiti


class TimelineRow(TypedDict):
    action: MacroAction
    cells: list[bool]  # one per month of the project: whether the macro-azione runs in it


def projects_for(user: User) -> QuerySet[Project]:
    return Project.objects.filter(ambito_id__in=read_ambiti(user))


def get_project_for(user: User, pk: int) -> Project:
    project = projects_for(user).filter(pk=pk).first()
    if project is None:
        raise Http404(_("Progetto non trovato."))
    return project


def get_ambito_for_new_project(user: User) -> Ambito:
    """The ambito a new project belongs to (the first by name where the user manages projects); 403 for anyone else."""
    ambito = Ambito.objects.filter(pk__in=managed_ambiti(user)).order_by("nome").first()
    if ambito is None:
        raise managers_only()
    return ambito


def timeline(project: Project) -> list[TimelineRow]:
    """The cronoprogramma: for each macro-azione, which of the project's months it covers."""
    months = list(range(1, project.months + 1))
    return [{"action": a, "cells": [a.mese_inizio <= m <= a.mese_fine for m in months]}
            for a in project.macro_azioni.all()]
