"""The dispositivi on the dashboard's "Da fare" (registered in InterventionsConfig.ready; see common.dashboard):
the operator's visits — this week's, the coming days' appointments from the calendar, the visits to record —
and the families below the programme's weekly hours of home education (SEDT). Who sees which:
interventions.policies."""

from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from common.dashboard import register_section

from . import policies, selectors
from .calendar import operator_events

UPCOMING_DAYS = 7


def visits(request: HttpRequest) -> dict[str, Any] | None:
    if not policies.can_see_visit_todo(request.user):
        return None
    today = timezone.localdate()
    coming = [event for event in operator_events(request.user, today, today + timedelta(days=UPCOMING_DAYS))
              if event.kind != "visita"][:8]
    return {"visits_week": selectors.week_of_visits(request.user, today=today), "visits_coming": coming,
            "visits_to_record": selectors.visits_to_record(request.user, today=today), "today": today}


def home_education(request: HttpRequest) -> dict[str, Any] | None:
    if not policies.can_follow_home_education(request.user):
        return None
    below = selectors.home_education_below(request.user)
    return {"sedt_below": below} if below["families"] else None


def register() -> None:
    register_section(name="visits", template="interventions/_dashboard_visits.html", order=2, context=visits,
                     slot="todo")
    register_section(name="home_education", template="interventions/_dashboard_sedt.html", order=3,
                     context=home_education, slot="todo")
