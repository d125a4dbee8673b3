from django import template

from portal.selectors import can_manage_portal, portal_overview

register = template.Library()


@register.simple_tag
def portal_family_box(family, user, members=None):
    """The family page's portal box: only for those who manage the portal (case manager, RT). `members`: the
    page's list of the family's members, by date of birth (saves loading them again)."""
    if not can_manage_portal(user, family):
        return None
    return portal_overview(family, people=list(members) if members else None)
