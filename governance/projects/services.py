"""Writes of the projects (RT only): a project, its partners, macro-azioni and indicators, its Buona Prassi."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from accounts.models import User
from audit.context import audit_reason
from common.exceptions import StaleEdit
from organisation.models import Ambito

from . import good_practice
from .models import MacroAction, Project, ProjectIndicator, ProjectPartner
from .policies import require_manager


class StaleProject(StaleEdit):
    """Someone saved the project's Buona Prassi after the user opened it; `current` is the project as it is now."""

    current: Project


def project_create(*, ambito: Ambito, by: User, titolo: str, capofila: str, dal: date, al: date,
                   budget: Decimal) -> Project:
    require_manager(by, ambito.pk)
    if al < dal:
        raise ValidationError({"al": _("La fine non può precedere l'inizio.")})
    if budget < 0:
        raise ValidationError({"budget": _("Il budget non può essere negativo.")})
    with transaction.atomic(), audit_reason(_("Nuovo progetto")):
        return Project.objects.create(ambito=ambito, titolo=titolo.strip(), capofila=capofila.strip(), dal=dal, al=al,
                                      budget=budget)


def partner_add(*, project: Project, by: User, nome: str, ruolo: str) -> ProjectPartner:
    require_manager(by, project)
    if project.partner.filter(nome__iexact=nome.strip()).exists():
        raise ValidationError({"nome": _("Questo ente è già tra i partner.")})
    with transaction.atomic(), audit_reason(_("Partner del progetto")):
        return ProjectPartner.objects.create(project=project, nome=nome.strip(), ruolo=ruolo)


def macro_add(*, project: Project, by: User, titolo: str, budget: Decimal, personale: str, mese_inizio: int,
              mese_fine: int) -> MacroAction:
    require_manager(by, project)
    if not 1 <= mese_inizio <= mese_fine <= project.months:
        raise ValidationError({"mese_fine": _("I mesi vanno da 1 a %(n)s (la durata del progetto), l'inizio prima "
                                              "della fine.") % {"n": project.months}})
    allocated = project.macro_azioni.aggregate(s=Sum("budget"))["s"] or Decimal("0")
    if allocated + budget > project.budget:
        raise ValidationError({"budget": _("Le macro-azioni supererebbero il budget del progetto (€ %(b)s).")
                               % {"b": project.budget}})
    with transaction.atomic(), audit_reason(_("Macro-azione del progetto")):
        return MacroAction.objects.create(project=project, titolo=titolo.strip(), budget=budget,
                                          personale=personale.strip(), mese_inizio=mese_inizio, mese_fine=mese_fine)


def indicator_set(*, project: Project, by: User, nome: str, previsto: int, raggiunto: int) -> ProjectIndicator:
    require_manager(by, project)
    with transaction.atomic(), audit_reason(_("Indicatore del progetto")):
        indicator, _created = ProjectIndicator.objects.update_or_create(
            project=project, nome=nome.strip(), defaults={"previsto": previsto, "raggiunto": raggiunto})
        return indicator


def good_practice_save(*, project: Project, by: User, version: int, values: dict[str, str]) -> Project:
    require_manager(by, project)
    errors = good_practice.check(values)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audit_reason(_("Format Buone Prassi")):
        current = Project.objects.select_for_update().get(pk=project.pk)
        if current.version != version:
            raise StaleProject(current)
        current.buona_prassi = {k: v.strip() for k, v in values.items() if k in good_practice.BY_CODE}
        current.version += 1
        current.save()
    return current
