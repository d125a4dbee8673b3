from django import template

from portal.selectors import can_manage_portal, portal_overview

register = template.Library()


@register.simple_tag
def portal_family_box(family, user):
    """The family page's portal box: only for those who manage the portal (case manager, RT)."""
    if not can_manage_portal(user, family):
        return None
    return portal_overview(family)
