from django import template

register = template.Library()


@register.simple_tag
def interventions_summary(family, user) -> dict | None:
    """This month's hours and last week's for the family page (three queries); None for those who may not see them."""
    from interventions.selectors import MIN_WEEKLY_HOURS, month_hours, weekly_hours

    weeks = weekly_hours(family, weeks=2)
    last = weeks[0]
    return {"month_hours": month_hours(family), "week_hours": last.delivered,
            "week_below": family.stato in ("in_corso", "t1", "t2") and last.delivered < MIN_WEEKLY_HOURS}


@register.simple_tag
def interventions_nav(user) -> str:
    """The menu's entry point for the dispositivi (from the scope, no extra query): '' when none."""
    from interventions.budget import can_see_budget
    from interventions.selectors import can_log_visits_somewhere

    if not getattr(user, "is_authenticated", False):
        return ""
    if can_log_visits_somewhere(user):
        return "interventions_my_week"
    if can_see_budget(user):
        return "interventions_budget"
    return ""
