from django import template

from interventions.budget import can_see_budget
from interventions.selectors import can_log_visits_somewhere

register = template.Library()


@register.simple_tag
def interventions_nav(user) -> str:
    """The menu's entry point for the dispositivi (from the scope, no extra query): '' when none."""
    if not getattr(user, "is_authenticated", False):
        return ""
    if can_log_visits_somewhere(user):
        return "interventions_my_week"
    if can_see_budget(user):
        return "interventions_budget"
    return ""
