from django import template

register = template.Library()


@register.simple_tag
def plan_summary(family, user) -> dict:
    """The plan's status for the family page (a constant number of queries)."""
    from plans.selectors import plan_summary as summary

    return summary(user, family)
