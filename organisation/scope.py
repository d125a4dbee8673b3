"""Who may see what: a user's scope, computed once per request from their memberships.

Every selector of personal data starts from here (families.selectors.families_visible_to...);
views never filter by role themselves.
"""

from dataclasses import dataclass, field

from django.db import connection

from .models import Equipe, EquipeMember, Membership, Professione, Role

# Roles whose members may see the families of the équipe they sit in.
EQUIPE_ROLES = {Role.CASE_MANAGER, Role.OPERATORE}
# Professions that never see health or judicial notes.
RESTRICTED_PROFESSIONS = {Professione.INSEGNANTE}
# Roles that see the ambito's figures but no family record.
AGGREGATE_ROLES = {Role.RT, Role.AMMINISTRATIVO, Role.GOVERNANCE}


@dataclass(frozen=True)
class Scope:
    roles: frozenset[str] = frozenset()
    ambiti: frozenset[int] = frozenset()
    rt_ambiti: frozenset[int] = frozenset()
    aggregate_ambiti: frozenset[int] = frozenset()
    tutor_ambiti: frozenset[int] = frozenset()
    create_ambiti: frozenset[int] = frozenset()
    equipe_ids: frozenset[int] = frozenset()
    managed_equipe_ids: frozenset[int] = frozenset()
    coached_equipe_ids: frozenset[int] = frozenset()
    restricted_equipe_ids: frozenset[int] = field(default_factory=frozenset)
    role_ambiti: tuple[tuple[str, frozenset[int]], ...] = ()

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    def ambiti_for(self, *roles: str) -> frozenset[int]:
        """The ambiti where the user holds any of `roles`."""
        return frozenset().union(*(ambiti for role, ambiti in self.role_ambiti if role in roles))

    @property
    def is_staff_of_cases(self) -> bool:
        return bool(self.rt_ambiti or self.equipe_ids or self.tutor_ambiti)


EMPTY = Scope()


def _membership_rows(user_id: int) -> list[tuple[int, str]]:
    """(ambito, role) of the user's active memberships. Plain SQL, as _equipe_rows: every request runs it."""
    table = Membership._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT ambito_id, role FROM "{table}" WHERE user_id = %s AND active = %s',  # noqa: S608
                       [user_id, True])
        return cursor.fetchall()


def _equipe_rows(user_id: int, equipe_ambiti: set[int], coach_ambiti: set[int]) -> list[tuple]:
    """The équipe where the user is a member or the case manager (in the ambiti of those roles) or the coach (in
    the coach's ambiti), with the user's own member row if any. Plain SQL: it runs on every request, and the
    ORM's building of this OR across a join cost more than the query itself."""
    equipe, member = Equipe._meta.db_table, EquipeMember._meta.db_table
    in_equipe = ", ".join(["%s"] * len(equipe_ambiti)) or "NULL"
    in_coach = ", ".join(["%s"] * len(coach_ambiti)) or "NULL"
    sql = (f'SELECT e.id, e.case_manager_id, e.coach_id, e.ambito_id, m.user_id, m.professione FROM "{equipe}" e '  # noqa: S608
           f'LEFT JOIN "{member}" m ON m.equipe_id = e.id AND m.user_id = %s '
           f"WHERE (e.ambito_id IN ({in_equipe}) AND (m.user_id IS NOT NULL OR e.case_manager_id = %s)) "
           f"OR (e.ambito_id IN ({in_coach}) AND e.coach_id = %s)")
    with connection.cursor() as cursor:
        cursor.execute(sql, [user_id, *sorted(equipe_ambiti), user_id, *sorted(coach_ambiti), user_id])
        return cursor.fetchall()


def get_scope(user) -> Scope:
    """The user's scope, cached on the user object for the request (two queries)."""
    if not getattr(user, "is_authenticated", False):
        return EMPTY
    cached = getattr(user, "_trama_scope", None)
    if cached is not None:
        return cached
    memberships = _membership_rows(user.pk)
    by_role: dict[str, set[int]] = {}
    for ambito_id, role in memberships:
        by_role.setdefault(role, set()).add(ambito_id)
    equipe_ambiti = set().union(*(by_role.get(r, set()) for r in EQUIPE_ROLES))
    coach_ambiti = by_role.get(Role.COACH, set())

    equipe_ids: set[int] = set()
    managed: set[int] = set()
    coached: set[int] = set()
    restricted: set[int] = set()
    if equipe_ambiti or coach_ambiti:
        for pk, case_manager_id, coach_id, ambito_id, member_id, professione in _equipe_rows(
                user.pk, equipe_ambiti, coach_ambiti):
            in_equipe = ambito_id in equipe_ambiti
            if in_equipe and case_manager_id == user.pk:
                equipe_ids.add(pk)
                managed.add(pk)
            if in_equipe and member_id == user.pk:
                equipe_ids.add(pk)
                if professione in RESTRICTED_PROFESSIONS:
                    restricted.add(pk)
            if ambito_id in coach_ambiti and coach_id == user.pk:
                coached.add(pk)
    rt = by_role.get(Role.RT, set())
    scope = Scope(
        roles=frozenset(by_role),
        ambiti=frozenset(ambito_id for ambito_id, _role in memberships),
        rt_ambiti=frozenset(rt),
        aggregate_ambiti=frozenset(set().union(*(by_role.get(r, set()) for r in AGGREGATE_ROLES))),
        tutor_ambiti=frozenset(by_role.get(Role.TUTOR, set())),
        create_ambiti=frozenset(rt | by_role.get(Role.CASE_MANAGER, set()) | by_role.get(Role.TUTOR, set())),
        equipe_ids=frozenset(equipe_ids | coached),
        managed_equipe_ids=frozenset(managed),
        coached_equipe_ids=frozenset(coached),
        restricted_equipe_ids=frozenset(restricted - managed),
        role_ambiti=tuple((role, frozenset(ids)) for role, ids in sorted(by_role.items())),
    )
    user._trama_scope = scope
    return scope
