"""Who may do what with the dispositivi: visits, assignments, groups, the budget, the operator's pages.

Plain predicates on the user's scope (organisation.scope); `require_*` raise PermissionDenied with the message
the user sees. Views and services ask here instead of testing roles themselves.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.models import User
from families.models import Family
from families.policies import can_change_family
from organisation.models import Ambito, Role
from organisation.scope import get_scope

from .models import Gruppo

# Who sees the budget: the Ufficio di Piano (RT, amministrativo) and the ETS coordinators for their own staff.
BUDGET_ROLES = (Role.RT, Role.AMMINISTRATIVO, Role.COORDINATORE_ETS)
# The budget is entered by the Ufficio di Piano: the RT and the amministrativo.
BUDGET_EDITORS = (Role.RT, Role.AMMINISTRATIVO)


def writer_equipe_ids(user: User) -> frozenset[int]:
    """The équipe in which `user` works with the families (not as coach, not with a teacher's restricted view)."""
    scope = get_scope(user)
    return ((scope.equipe_ids - scope.coached_equipe_ids) | scope.managed_equipe_ids) - scope.restricted_equipe_ids


# --- Visits and assignments

def can_assign(user: User, family: Family) -> bool:
    return can_change_family(user, family)


def require_assign(user: User, family: Family) -> None:
    if not can_assign(user, family):
        raise PermissionDenied(_("Solo il case manager dell'équipe o il Referente Territoriale assegnano gli "
                                 "operatori."))


def can_log_visits_somewhere(user: User) -> bool:
    scope = get_scope(user)
    return bool(scope.rt_ambiti or writer_equipe_ids(user))


def require_log_visits_somewhere(user: User) -> None:
    if not can_log_visits_somewhere(user):
        raise PermissionDenied(_("Questa pagina è per gli operatori delle équipe."))


def _works_in_equipe_of(user: User, family: Family) -> bool:
    """`user` is one of the family's équipe's professionals or its case manager."""
    if family.equipe_id is None:
        return False
    return User.objects.filter(Q(equipe_memberships__equipe_id=family.equipe_id)
                               | Q(equipe_gestite__pk=family.equipe_id), pk=user.pk).exists()


def can_log_visit(user: User, family: Family, *, operatore: User | None = None) -> bool:
    """RT and case manager log for any operator of the family's équipe; an operator logs their own visits."""
    scope = get_scope(user)
    operatore = operatore or user
    if family.ambito_id in scope.rt_ambiti or family.equipe_id in scope.managed_equipe_ids:
        return operatore.pk == user.pk or _works_in_equipe_of(operatore, family)
    return family.equipe_id in writer_equipe_ids(user) and operatore.pk == user.pk


def require_log_visit(user: User, family: Family) -> None:
    if not can_log_visit(user, family):
        raise PermissionDenied(_("Puoi registrare interventi solo con le famiglie della tua équipe."))


# --- The operator's pages

def can_see_overview(user: User) -> bool:
    scope = get_scope(user)
    return bool(scope.rt_ambiti or (scope.equipe_ids - scope.restricted_equipe_ids))


def require_overview(user: User) -> None:
    if not can_see_overview(user):
        raise PermissionDenied(_("Questa pagina è per gli operatori delle équipe e il Referente Territoriale."))


def works_with_families(user: User) -> bool:
    """An RT or a member of an équipe: the groups' and the calendar's readers."""
    scope = get_scope(user)
    return bool(scope.rt_ambiti or scope.equipe_ids)


def require_group_reader(user: User) -> None:
    if not works_with_families(user):
        raise PermissionDenied(_("Questa pagina è per gli operatori delle équipe."))


def require_calendar_reader(user: User) -> None:
    if not works_with_families(user):
        raise PermissionDenied(_("Il calendario è per gli operatori delle équipe."))


# --- Groups

def can_create_group(user: User, ambito: Ambito) -> bool:
    scope = get_scope(user)
    return ambito.pk in scope.rt_ambiti or bool(writer_equipe_ids(user)) and ambito.pk in scope.ambiti


def creatable_group_ambiti(user: User) -> frozenset[int]:
    scope = get_scope(user)
    if writer_equipe_ids(user):
        return scope.ambiti_for(Role.CASE_MANAGER, Role.OPERATORE, Role.RT)
    return scope.rt_ambiti


def require_create_groups(user: User) -> frozenset[int]:
    """The ambiti where the user may create a group; PermissionDenied when there is none."""
    ambiti = creatable_group_ambiti(user)
    if not ambiti:
        raise PermissionDenied(_("Solo gli operatori delle équipe e il Referente Territoriale creano i gruppi."))
    return ambiti


def can_run_group(user: User, group: Gruppo) -> bool:
    scope = get_scope(user)
    return group.ambito_id in scope.rt_ambiti or group.conduzione.filter(user=user).exists()


def require_run_group(user: User, group: Gruppo) -> None:
    if not can_run_group(user, group):
        raise PermissionDenied(_("Solo i facilitatori del gruppo e il Referente Territoriale registrano incontri e "
                                 "iscrizioni."))


# --- Budget

def can_see_budget(user: User) -> bool:
    return bool(get_scope(user).ambiti_for(*BUDGET_ROLES))


def require_see_budget(user: User) -> None:
    if not can_see_budget(user):
        raise PermissionDenied(_("Il budget è per il Referente Territoriale, l'Ufficio di Piano e i coordinatori "
                                 "degli enti partner."))


def budget_edit_ambiti(user: User) -> frozenset[int]:
    return get_scope(user).ambiti_for(*BUDGET_EDITORS)


def require_edit_budgets(user: User) -> frozenset[int]:
    """The ambiti whose budget the user enters; PermissionDenied when there is none."""
    ambiti = budget_edit_ambiti(user)
    if not ambiti:
        raise PermissionDenied(_("Il budget lo inseriscono il Referente Territoriale e l'Ufficio di Piano."))
    return ambiti


def sees_whole_ambito_budget(user: User, ambito_id: int) -> bool:
    """The RT and the amministrativo see all the ambito's hours; an ETS coordinator only their own staff's."""
    return ambito_id in get_scope(user).ambiti_for(Role.RT, Role.AMMINISTRATIVO)


# --- The dashboard's "Da fare" (interventions/dashboard.py) ---------------------------------------------------

def can_see_visit_todo(user: User) -> bool:
    """The operator's visits on the dashboard (this week's, the coming appointments, the visits to record): for
    the équipe's professionals who log their visits, not its case manager (who follows the path), the teacher,
    the coach or the RT."""
    return bool(writer_equipe_ids(user) - get_scope(user).managed_equipe_ids)


def can_follow_home_education(user: User) -> bool:
    """The families below the programme's weekly hours of home education (SEDT): the educators assigned to them
    and the case manager of their équipe."""
    return bool(writer_equipe_ids(user))
