"""What the school partnership adds to the interventions app's pages (the calendar, the dispositivi
overview); registered in ScuolaConfig.ready, since interventions sits below this app."""

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from interventions.calendar import Event, EventSource, register_event_source
from interventions.overview import register_dispositivo_flag

from .models import Frequenza, IncontroScuola


def _school_events(qs) -> list[Event]:
    return [Event(f"scuola-{m.pk}", m.data, m.ora_inizio, m.ora_fine,
                  _("Incontro con la scuola %(codice)s: %(tema)s") % {"codice": m.family.codice, "tema": m.tema},
                  "scuola", f"/famiglie/{m.family_id}/scuola/")
            for m in qs.select_related("family").only("pk", "data", "ora_inizio", "ora_fine", "tema",
                                                       "family__codice", "family_id").distinct()]


def operator_school_events(user, visible, start, end) -> list[Event]:
    return _school_events(IncontroScuola.objects.filter(Q(created_by=user) | Q(family__frequenze__insegnante=user),
                                                        family__in=visible, data__gte=start, data__lte=end))


def family_school_events(family, start, end) -> list[Event]:
    return _school_events(IncontroScuola.objects.filter(family=family, data__gte=start, data__lte=end))


def register() -> None:
    register_event_source(EventSource(operator=operator_school_events, family=family_school_events))
    register_dispositivo_flag("scuola", lambda: Exists(Frequenza.objects.filter(family=OuterRef("pk"))))
