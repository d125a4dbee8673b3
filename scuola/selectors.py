"""Reads of the school partnership, always for a family the user may already see (families.selectors)."""

from datetime import date, timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import User
from families.models import Family, Person
from families.selectors import families_visible_to
from organisation.models import Ente, Membership, Professione

from .models import Frequenza, IncontroScuola


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
    equipe = family.equipe if family.equipe_id is not None else None
    return equipe is not None and equipe.members.filter(user=teacher).exists()


def is_ambito_teacher(user: User, family: Family) -> bool:
    return Membership.objects.filter(user=user, ambito_id=family.ambito_id, active=True,
                                     professione=Professione.INSEGNANTE).exists()


def school_meetings_todo(user: User, *, today: date | None = None, days: int = 30, limit: int = 8) -> dict[str, Any]:
    """The school meetings of the families the user sees: those of the coming `days` days, and those already held
    (in the last 90 days) whose outcome is not recorded yet. Two queries."""
    today = today or timezone.localdate()
    meetings = (IncontroScuola.objects.filter(family__in=families_visible_to(user)).select_related("family", "scuola")
                .only("pk", "data", "ora_inizio", "tema", "esito", "family__nome", "family__codice", "scuola__nome"))
    coming = list(meetings.filter(data__gte=today, data__lte=today + timedelta(days=days))
                  .order_by("data", "ora_inizio", "pk")[:limit])
    outcome = list(meetings.filter(data__lt=today, data__gte=today - timedelta(days=90), esito="")
                   .order_by("-data", "pk")[:limit])
    return {"coming": coming, "outcome": outcome}
