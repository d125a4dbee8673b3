"""Reads of the school partnership, always for a family the user may already see (families.selectors)."""

from django.db.models import QuerySet

from accounts.models import User
from families.models import Family, Person
from families.policies import can_change_family
from organisation.models import Ente, Membership, Professione
from organisation.scope import get_scope

from .models import Frequenza, IncontroScuola


def can_edit_school(user, family: Family) -> bool:
    """School, class and reference teacher are set by the case manager (or the RT)."""
    return can_change_family(user, family)


def can_record_meeting(user, family: Family) -> bool:
    """Anyone working in the family's équipe records a school meeting, the teacher included; not the coach."""
    if can_change_family(user, family):
        return True
    scope = get_scope(user)
    return family.equipe_id is not None and family.equipe_id in scope.equipe_ids - scope.coached_equipe_ids


def schools_of(family: Family) -> QuerySet[Ente]:
    return Ente.objects.filter(ambito_id=family.ambito_id, tipo=Ente.Tipo.SCUOLA).order_by("nome")


def children_of(family: Family) -> QuerySet[Person]:
    return family.persone.filter(ruolo=Person.Ruolo.MINORE).order_by("data_nascita", "pk")


def teachers_of(family: Family) -> QuerySet[User]:
    """Users of the ambito who are teachers: the reference teacher's choices."""
    return (User.objects.filter(memberships__ambito_id=family.ambito_id, memberships__active=True,
                                memberships__professione=Professione.INSEGNANTE)
            .distinct().order_by("last_name", "first_name", "username"))


def frequenze_of(family: Family) -> list[Frequenza]:
    return list(family.frequenze.select_related("person", "scuola", "insegnante")
                .order_by("-anno_scolastico", "person__data_nascita", "pk"))


def meetings_of(family: Family) -> list[IncontroScuola]:
    return list(family.incontri_scuola.select_related("scuola", "created_by").order_by("-data", "-ora_inizio"))


def teacher_is_member(teacher: User, family: Family) -> bool:
    return family.equipe_id is not None and family.equipe.members.filter(user=teacher).exists()


def is_ambito_teacher(user: User, family: Family) -> bool:
    return Membership.objects.filter(user=user, ambito_id=family.ambito_id, active=True,
                                     professione=Professione.INSEGNANTE).exists()
