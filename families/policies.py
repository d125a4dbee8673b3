"""Who may do what with a family: see its list, register one, change it, move it along its path, read its
case notes and its health and judicial notes (which fields those are: families.sensitivity)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from accounts.models import User
from organisation.models import Ambito, Role
from organisation.scope import get_scope

from .models import Family, Stato


def can_change_family(user: User, family: Family) -> bool:
    scope = get_scope(user)
    return (
        family.ambito_id in scope.rt_ambiti
        or family.equipe_id in scope.managed_equipe_ids
        or (family.ambito_id in scope.tutor_ambiti and family.segnalata_da_id == user.pk and family.stato == Stato.SEGNALATA)
    )


def can_move_family(user: User, family: Family) -> bool:
    """Moving along the path is the case manager's (and the RT's) decision."""
    scope = get_scope(user)
    return family.ambito_id in scope.rt_ambiti or family.equipe_id in scope.managed_equipe_ids


def can_see_case_notes(user: User, family: Family) -> bool:
    """Narratives of the case: hidden from teachers (they see the family, not the story)."""
    scope = get_scope(user)
    if family.ambito_id in scope.rt_ambiti or family.equipe_id in scope.managed_equipe_ids:
        return True
    if family.equipe_id in scope.restricted_equipe_ids:
        return False
    return True


def can_see_sensitive(user: User, family: Family) -> bool:
    """Health (GDPR art. 9) and judicial (art. 10) information, one rule for every surface: the RT of the ambito,
    the case manager and the professionals of the family's équipe; never the tutor territoriale (not even for the
    family they registered: they keep its referral reasons), a teacher, the coach, volunteers, ETS coordinators,
    governance members, the amministrativo or the family's own members."""
    scope = get_scope(user)
    if family.ambito_id in scope.rt_ambiti or family.equipe_id in scope.managed_equipe_ids:
        return True
    working = scope.equipe_ids - scope.coached_equipe_ids - scope.restricted_equipe_ids
    return family.equipe_id is not None and family.equipe_id in working


def can_record_sensitive_in(user: User, ambito: Ambito) -> bool:
    """Whether the new-family form offers the judicial notes: to the RT and the case managers of the ambito,
    who will see them afterwards; not to the tutor territoriale."""
    return ambito.pk in get_scope(user).ambiti_for(Role.RT, Role.CASE_MANAGER)


def can_list_families(user: User) -> bool:
    """The list of families is for the staff who follow cases (équipe, RT, tutor), not for aggregate roles."""
    return get_scope(user).is_staff_of_cases


def require_family_list(user: User) -> None:
    if not can_list_families(user):
        raise PermissionDenied(_("Il tuo ruolo non prevede l'accesso alle schede delle famiglie."))


def can_register_families(user: User) -> bool:
    """Whether the user registers new families anywhere (RT, case manager, tutor)."""
    return bool(get_scope(user).create_ambiti)


def require_register_family(user: User, ambito: Ambito) -> None:
    if ambito.pk not in get_scope(user).create_ambiti:
        raise PermissionDenied(_("Non puoi registrare famiglie in questo ambito."))


def require_change_family(user: User, family: Family) -> None:
    if not can_change_family(user, family):
        raise PermissionDenied(_("Non puoi modificare questa famiglia."))


def require_move_family(user: User, family: Family) -> None:
    if not can_move_family(user, family):
        raise PermissionDenied(_("Solo il case manager dell'équipe o il Referente Territoriale possono far avanzare il percorso."))


def is_teacher_of(user: User, family: Family) -> bool:
    """Teachers sit in the family's équipe with a restricted view: the apps above show them only what concerns
    school (the plan's goals and actions that are theirs, the teachers' assessments)."""
    return family.equipe_id in get_scope(user).restricted_equipe_ids


# --- What the dashboard's "Da fare" shows (families/dashboard.py): each role its own work -------------------

def can_see_case_files(user: User) -> bool:
    """The dashboard's "Le famiglie che segui": the staff who follow cases (équipe, coach, RT, tutor)."""
    return get_scope(user).is_staff_of_cases


def can_follow_path_steps(user: User) -> bool:
    """The next step of each family's path (pre-assessment, T0, the plan, T1/T2...) is the case manager's to
    take: not the educator's, the teacher's or the tutor's, who see their own work instead."""
    return bool(get_scope(user).managed_equipe_ids)


def path_steps_equipe_ids(user: User) -> frozenset[int]:
    """The équipe whose families' path steps are the user's: those they manage."""
    return get_scope(user).managed_equipe_ids


def coached_equipe_ids(user: User) -> frozenset[int]:
    """The équipe the user coaches: on the dashboard, their families and what is late."""
    return get_scope(user).coached_equipe_ids


def overseen_ambiti(user: User) -> frozenset[int]:
    """The ambiti the user governs (the RT): on the dashboard, what is late across the ambito."""
    return get_scope(user).rt_ambiti


def is_family_member(user: User) -> bool:
    """A parent or young person of a family (the dashboard's link to their own family)."""
    return get_scope(user).has_role("famiglia")


# --- Duplicates (families.merging): who reviews the candidate pairs and merges two records of one person -----

def can_review_duplicates(user: User) -> bool:
    """The RT for the ambito, a case manager for the families of the équipe they manage: those who change the
    records. Not the tutor territoriale (who changes only the reports they made) nor the équipe's members."""
    scope = get_scope(user)
    return bool(scope.rt_ambiti or scope.managed_equipe_ids)


def require_review_duplicates(user: User) -> None:
    if not can_review_duplicates(user):
        raise PermissionDenied(_("Solo il Referente Territoriale e i case manager controllano i possibili doppioni."))


def can_merge_in(user: User, family: Family) -> bool:
    """Whether the user may merge a person of `family` (or the family itself) with another record."""
    scope = get_scope(user)
    return family.ambito_id in scope.rt_ambiti or family.equipe_id in scope.managed_equipe_ids


def require_merge(user: User, *families: Family) -> None:
    if not all(can_merge_in(user, family) for family in families):
        raise PermissionDenied(_("Puoi unire solo persone delle famiglie che gestisci: chiedi al Referente "
                                 "Territoriale."))
