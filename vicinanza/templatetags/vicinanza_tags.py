from django import template

from organisation.models import Role
from organisation.scope import get_scope

from .. import selectors

register = template.Library()


@register.simple_tag
def vicinanza_nav(user) -> str:
    """The menu entry: the register for who keeps it, "my pairings" for a volunteer linked to a record."""
    if not getattr(user, "is_authenticated", False):
        return ""
    if selectors.can_see_register(user):
        return "vicinanza_register"
    if get_scope(user).has_role(Role.VOLONTARIO):
        return "vicinanza_mine"
    return ""
