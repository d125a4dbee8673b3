"""Who may do what with a Progetto Quadro. The family's own scope decides first (families.selectors); these
predicates add what the plan needs on top of it."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from accounts.models import User
from families.models import Family
from families.policies import can_change_family
from organisation.scope import get_scope

from .models import Azione, Dispositivo


def concerns_teacher(action: Azione, user: User) -> bool:
    """Whether a teacher sees this action of the plan: theirs, or one at school."""
    return action.responsabile_user_id == user.pk or Dispositivo.SCUOLA in (action.dispositivi or [])


def can_write_plan(user: User, family: Family) -> bool:
    return can_change_family(user, family)


def require_write_plan(user: User, family: Family) -> None:
    if not can_write_plan(user, family):
        raise PermissionDenied(_("Solo il case manager dell'équipe o il Referente Territoriale possono scrivere "
                                 "il Progetto Quadro."))


def can_translate_plan(user: User, family: Family) -> bool:
    """The family's version of goals and actions: the case manager, the RT and the professionals of the family's
    équipe (the cultural mediator among them), who know the family; not a teacher, the coach or a volunteer."""
    scope = get_scope(user)
    if family.ambito_id in scope.rt_ambiti or family.equipe_id in scope.managed_equipe_ids:
        return True
    working = scope.equipe_ids - scope.coached_equipe_ids - scope.restricted_equipe_ids
    return family.equipe_id is not None and family.equipe_id in working


def require_translate_plan(user: User, family: Family) -> None:
    if not can_translate_plan(user, family):
        raise PermissionDenied(_("Solo il case manager, il Referente Territoriale e gli operatori dell'équipe della "
                                 "famiglia possono scrivere la versione della famiglia del progetto."))


# --- The dashboard's "Da fare" (plans/dashboard.py) ------------------------------------------------------------

def can_follow_plan_reviews(user: User) -> bool:
    """Reviews owed at T1/T2 and the plan's overdue actions across the families: the case manager's, the
    coach's and the RT's to watch, not each operator's (who sees the actions assigned to them)."""
    scope = get_scope(user)
    return bool(scope.managed_equipe_ids or scope.coached_equipe_ids or scope.rt_ambiti)


def can_have_plan_actions(user: User) -> bool:
    """Whoever works in an équipe (teacher, educator, case manager) may be given actions of a plan."""
    scope = get_scope(user)
    return bool(scope.equipe_ids - scope.coached_equipe_ids or scope.managed_equipe_ids)
