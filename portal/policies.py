"""Who may use the family portal and who manages it. A member reaches only their own family
(portal.selectors.member_for); the équipe's side starts from the family's scope like every family page."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from families.models import Family, Person
from families.policies import can_move_family
from organisation.scope import get_scope

MIN_AGE = 14


def is_portal_only(user: User) -> bool:
    """A family member and nothing else: the portal is all of Trama they see."""
    return get_scope(user).roles == frozenset({"famiglia"})


def can_manage_portal(user: User, family: Family) -> bool:
    """The case manager of the family's équipe and the RT invite members and answer their messages."""
    return can_move_family(user, family)


def require_manage_portal(user: User, family: Family) -> None:
    if not can_manage_portal(user, family):
        raise PermissionDenied(_("Il portale della famiglia lo gestiscono il case manager e il Referente Territoriale."))


def can_be_invited(person: Person, today: date | None = None) -> bool:
    """Adults, and young people aged 14 or more."""
    today = today or timezone.localdate()
    age = person.age_on(today)
    if person.ruolo == Person.Ruolo.MINORE:
        return age is not None and age >= MIN_AGE
    return age is None or age >= MIN_AGE
