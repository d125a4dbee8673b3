"""Calendar events (visits, group meetings, school meetings, équipe reviews of the plan) for an
operator or a family, and the iCalendar feed.

Four queries whatever the number of events. Titles carry the family's code, never a name.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from families.selectors import families_visible_to
from organisation.scope import get_scope
from plans.models import Verifica

from .models import Incontro, Intervento


@dataclass
class Event:
    uid: str
    day: date
    start: time
    end: time
    title: str
    kind: str
    url: str = ""


def _visit_events(qs) -> list[Event]:
    return [Event(f"visita-{v.pk}", v.data, v.ora_inizio, v.ora_fine,
                  _("%(servizio)s %(codice)s") % {"servizio": v.get_servizio_display(), "codice": v.family.codice},
                  "visita", f"/famiglie/{v.family_id}/interventi/")
            for v in qs.select_related("family").only("pk", "data", "ora_inizio", "ora_fine", "servizio",
                                                       "family__codice", "family_id")]


def _meeting_events(qs) -> list[Event]:
    return [Event(f"incontro-{m.pk}", m.data, m.ora_inizio, m.ora_fine,
                  _("Gruppo «%(g)s», incontro %(n)s") % {"g": m.gruppo.nome, "n": m.numero}, "gruppo",
                  f"/interventi/gruppi/{m.gruppo_id}/")
            for m in qs.select_related("gruppo").distinct()]


# Plan reviews have a date but no time: they show as a morning équipe meeting.
REVIEW_START, REVIEW_END = time(9, 0), time(11, 0)


def _review_events(qs) -> list[Event]:
    return [Event(f"verifica-{v.pk}", v.data, REVIEW_START, REVIEW_END,
                  _("Équipe: verifica %(m)s del progetto %(codice)s") % {"m": v.get_momento_display(),
                                                                          "codice": v.progetto.family.codice},
                  "equipe", f"/famiglie/{v.progetto.family_id}/progetto/")
            for v in qs.select_related("progetto__family").only("pk", "data", "momento", "progetto__family__codice",
                                                                 "progetto__family_id")]


@dataclass(frozen=True)
class EventSource:
    """Events kept by an app above this one (the school meetings): one query each way."""

    operator: Callable[[Any, QuerySet, date, date], list[Event]]  # (user, families visible to them, start, end)
    family: Callable[[Any, date, date], list[Event]]  # (family, start, end)


EVENT_SOURCES: list[EventSource] = []


def register_event_source(source: EventSource) -> None:
    """Called from an AppConfig.ready: the calendar then shows that app's events too."""
    EVENT_SOURCES.append(source)


def operator_events(user, start: date, end: date) -> list[Event]:
    visible = families_visible_to(user)
    visits = Intervento.objects.filter(operatore=user, data__gte=start, data__lte=end, family__in=visible)
    meetings = Incontro.objects.filter(gruppo__conduzione__user=user, data__gte=start, data__lte=end)
    scope = get_scope(user)
    reviews = Verifica.objects.filter(progetto__family__in=visible.filter(equipe_id__in=scope.equipe_ids),
                                      data__gte=start, data__lte=end)
    others = [event for source in EVENT_SOURCES for event in source.operator(user, visible, start, end)]
    return _sorted(_visit_events(visits) + _meeting_events(meetings) + others + _review_events(reviews))


def family_events(family, start: date, end: date) -> list[Event]:
    visits = Intervento.objects.filter(family=family, data__gte=start, data__lte=end)
    meetings = Incontro.objects.filter(Q(gruppo__iscrizioni__family=family), data__gte=start, data__lte=end)
    reviews = Verifica.objects.filter(progetto__family=family, data__gte=start, data__lte=end)
    others = [event for source in EVENT_SOURCES for event in source.family(family, start, end)]
    return _sorted(_visit_events(visits) + _meeting_events(meetings) + others + _review_events(reviews))


def _sorted(events: list[Event]) -> list[Event]:
    return sorted(events, key=lambda e: (e.day, e.start, e.uid))


def week_days(day: date) -> list[date]:
    monday = day - timedelta(days=day.weekday())
    return [monday + timedelta(days=i) for i in range(7)]


def month_weeks(day: date) -> list[list[date]]:
    first = day.replace(day=1)
    start = first - timedelta(days=first.weekday())
    weeks = []
    while start.month == first.month or start < first:
        weeks.append([start + timedelta(days=i) for i in range(7)])
        start += timedelta(days=7)
    return weeks


def grid(view: str, day: date, source) -> dict:
    """The days on screen with their events: a week, or the month's weeks."""
    weeks = [week_days(day)] if view == "settimana" else month_weeks(day)
    first, last = weeks[0][0], weeks[-1][-1]
    events = source(first, last)
    by_day: dict[date, list[Event]] = {}
    for e in events:
        by_day.setdefault(e.day, []).append(e)
    if view == "settimana":
        prev, nxt = day - timedelta(days=7), day + timedelta(days=7)
    else:
        prev = (day.replace(day=1) - timedelta(days=1)).replace(day=1)
        nxt = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return {"view": view, "day": day, "prev": prev, "next": nxt, "today": timezone.localdate(),
            "weeks": [[{"day": d, "events": by_day.get(d, []), "in_month": d.month == day.month} for d in w]
                      for w in weeks], "count": len(events)}


def _utc(day: date, at: time) -> str:
    return timezone.make_aware(datetime.combine(day, at)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def ical(events: list[Event], *, host: str = "trama") -> str:
    stamp = timezone.now().astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Trama//Calendario//IT", "CALSCALE:GREGORIAN",
             "X-WR-CALNAME:Trama"]
    for e in events:
        lines += ["BEGIN:VEVENT", f"UID:{e.uid}@{host}", f"DTSTAMP:{stamp}", f"DTSTART:{_utc(e.day, e.start)}",
                  f"DTEND:{_utc(e.day, e.end)}", f"SUMMARY:{_escape(e.title)}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"
