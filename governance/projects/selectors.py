"""Reads of the projects, always from the user's scope."""

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from organisation.models import Ambito

from .models import Project
from .policies import managed_ambiti, read_ambiti, require_manager


def projects_for(user) -> QuerySet[Project]:
    return Project.objects.filter(ambito_id__in=read_ambiti(user))


def get_project_for(user, pk: int) -> Project:
    project = projects_for(user).filter(pk=pk).first()
    if project is None:
        raise Http404(_("Progetto non trovato."))
    return project


def get_ambito_for_new_project(user) -> Ambito:
    """The ambito a new project belongs to (the first by name where the user manages projects); 403 for anyone else."""
    ambito = Ambito.objects.filter(pk__in=managed_ambiti(user)).order_by("nome").first()
    require_manager(user, ambito.pk if ambito else None)
    return ambito


def timeline(project: Project) -> list[dict]:
    """The cronoprogramma: for each macro-azione, which of the project's months it covers."""
    months = list(range(1, project.months + 1))
    return [{"action": a, "cells": [a.mese_inizio <= m <= a.mese_fine for m in months]}
            for a in project.macro_azioni.all()]
