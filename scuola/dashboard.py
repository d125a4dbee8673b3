"""The teacher's school meetings on the dashboard's "Da fare" (registered in ScuolaConfig.ready; see
common.dashboard). Who sees them: scuola.policies."""

from typing import Any

from django.http import HttpRequest

from common.dashboard import register_section

from .policies import can_see_school_todo
from .selectors import school_meetings_todo


def school_meetings(request: HttpRequest) -> dict[str, Any] | None:
    if not can_see_school_todo(request.user):
        return None
    todo = school_meetings_todo(request.user)
    return {"school_todo": todo} if todo["coming"] or todo["outcome"] else None


def register() -> None:
    register_section(name="school_meetings", template="scuola/_dashboard_meetings.html", order=1,
                     context=school_meetings, slot="todo")
