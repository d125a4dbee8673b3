"""Who may see what: a user's scope, computed once per request from their memberships.

Every selector of personal data starts from here (families.selectors.families_visible_to...);
views never filter by role themselves.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from .models import Equipe, Membership, Professione, Role

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


def get_scope(user) -> Scope:
    """The user's scope, cached on the user object for the request (two queries)."""
    if not getattr(user, "is_authenticated", False):
        return EMPTY
    cached = getattr(user, "_trama_scope", None)
    if cached is not None:
        return cached
    memberships = list(Membership.objects.filter(user=user, active=True).values("ambito_id", "role", "professione"))
    by_role: dict[str, set[int]] = {}
    for m in memberships:
        by_role.setdefault(m["role"], set()).add(m["ambito_id"])
    equipe_ambiti = set().union(*(by_role.get(r, set()) for r in EQUIPE_ROLES))
    coach_ambiti = by_role.get(Role.COACH, set())

    equipe_ids: set[int] = set()
    managed: set[int] = set()
    coached: set[int] = set()
    restricted: set[int] = set()
    if equipe_ambiti or coach_ambiti:
        rows = (
            Equipe.objects.filter(
                Q(ambito_id__in=equipe_ambiti) & (Q(members__user=user) | Q(case_manager=user))
                | Q(ambito_id__in=coach_ambiti, coach=user)
            )
            .values("pk", "case_manager_id", "coach_id", "ambito_id", "members__user_id", "members__professione")
        )
        for row in rows:
            pk = row["pk"]
            in_equipe = row["ambito_id"] in equipe_ambiti
            if in_equipe and row["case_manager_id"] == user.pk:
                equipe_ids.add(pk)
                managed.add(pk)
            if in_equipe and row["members__user_id"] == user.pk:
                equipe_ids.add(pk)
                if row["members__professione"] in RESTRICTED_PROFESSIONS:
                    restricted.add(pk)
            if row["ambito_id"] in coach_ambiti and row["coach_id"] == user.pk:
                coached.add(pk)
    rt = by_role.get(Role.RT, set())
    scope = Scope(
        roles=frozenset(by_role),
        ambiti=frozenset(m["ambito_id"] for m in memberships),
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
