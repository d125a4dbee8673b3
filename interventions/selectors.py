"""Reads of the dispositivi and the hours, always from the user's scope (organisation.scope, families.selectors).

Figures are aggregated in SQL (TruncWeek / TruncMonth + Sum); the number of queries does not grow with
the data.
"""

from dataclasses import dataclass, field
from datetime import date, time, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce, TruncWeek
from django.utils import timezone

from accounts.models import User
from families.models import Family, PathEvent, Person, Stato
from families.selectors import families_visible_to
from organisation.models import Ambito, Ente, EquipeMember, Membership, Professione, Role
from organisation.scope import get_scope
from plans.models import Azione

from .models import (
    DISPOSITIVO_OF,
    RUOLO_OF,
    Assegnazione,
    Budget,
    CalendarToken,
    Gruppo,
    Incontro,
    Intervento,
    Iscrizione,
    Ruolo,
    Servizio,
)

# can_log_visit and can_log_visits_somewhere are still imported from here by interventions/templatetags and api
# (outside this change): drop them from this line once those import them from interventions.policies.
from .policies import can_log_visit, can_log_visits_somewhere, writer_equipe_ids  # noqa: F401

MIN_WEEKLY_HOURS = 8
# The states in which a family receives the dispositivi (from the inclusion to the last assessment).
ACTIVE_PATH = (Stato.INCLUSA, Stato.ASSESSMENT_T0, Stato.PROGETTAZIONE, Stato.IN_CORSO, Stato.T1, Stato.T2)
PROFESSIONE_TO_RUOLO: dict[str, str] = {
    Professione.EDUCATORE: Ruolo.EDUCATORE, Professione.PSICOLOGO: Ruolo.PSICOLOGO,
    Professione.PEDAGOGISTA: Ruolo.PEDAGOGISTA, Professione.MEDIATORE: Ruolo.MEDIATORE,
}


# --- Choices for the forms

def loggable_families(user: User) -> QuerySet[Family]:
    """The active families the user may log a visit for (the quick form's choices)."""
    scope = get_scope(user)
    condition = Q(equipe_id__in=writer_equipe_ids(user))
    if scope.rt_ambiti:
        condition |= Q(ambito_id__in=scope.rt_ambiti)
    return (families_visible_to(user).filter(condition)
            .filter(stato__in=[Stato.INCLUSA, Stato.ASSESSMENT_T0, Stato.PROGETTAZIONE, Stato.IN_CORSO, Stato.T1,
                               Stato.T2])
            .order_by("codice"))


def operators_for(family: Family) -> QuerySet[User]:
    """The équipe's professionals (and its case manager)."""
    if family.equipe_id is None:
        return User.objects.none()
    return User.objects.filter(Q(equipe_memberships__equipe_id=family.equipe_id)
                               | Q(equipe_gestite__pk=family.equipe_id)).distinct().order_by("last_name",
                                                                                            "first_name")


def operator_labels(family: Family) -> dict[int, str]:
    """How the équipe's professionals are named in a choice of operator: name, profession and ente, so that
    two people with one name, or an educator and a psychologist, are told apart (one query)."""
    if family.equipe_id is None:
        return {}
    labels: dict[int, str] = {}
    for member in (EquipeMember.objects.filter(equipe_id=family.equipe_id).select_related("user", "ente")
                   .order_by("pk")):
        where = f", {member.ente.nome}" if member.ente else ""
        labels[member.user_id] = f"{member.user} — {member.get_professione_display()}{where}"
    manager = family.equipe.case_manager if family.equipe else None
    if manager is not None:
        labels.setdefault(manager.pk, f"{manager} — {Role.CASE_MANAGER.label}")
    return labels


def ente_of(user: User, family: Family) -> Ente | None:
    member = (EquipeMember.objects.filter(equipe_id=family.equipe_id, user=user).select_related("ente").first()
              if family.equipe_id else None)
    if member and member.ente:
        return member.ente
    return role_and_ente(user, family.ambito)[1]


def role_and_ente(user: User, ambito: Ambito) -> tuple[str, Ente | None]:
    m = (Membership.objects.filter(user=user, ambito=ambito, active=True).select_related("ente")
         .order_by("-professione").first())
    if m is None:
        return Ruolo.ALTRO, None
    return PROFESSIONE_TO_RUOLO.get(m.professione, Ruolo.ALTRO), m.ente


def ruolo_of(user: User, family: Family, servizio: str) -> str:
    member = (EquipeMember.objects.filter(equipe_id=family.equipe_id, user=user).first()
              if family.equipe_id else None)
    if member and member.professione in PROFESSIONE_TO_RUOLO:
        return PROFESSIONE_TO_RUOLO[member.professione]
    ruolo, _ente = role_and_ente(user, family.ambito)
    return ruolo if ruolo != Ruolo.ALTRO else RUOLO_OF.get(servizio, Ruolo.ALTRO)


def staff_of_ambito(ambito: Ambito | None) -> QuerySet[User]:
    return User.objects.filter(memberships__ambito=ambito, memberships__active=True,
                               memberships__role__in=[Role.OPERATORE, Role.CASE_MANAGER, Role.RT, Role.COACH]
                               ).distinct().order_by("last_name", "first_name")


# --- Visits

def path_window(family: Family) -> tuple[date | None, date | None]:
    """From the inclusion in the programme to the closure (None while the path is open)."""
    events = list(PathEvent.objects.filter(family=family, to_state__in=[Stato.INCLUSA, Stato.CHIUSA])
                  .order_by("at").values_list("to_state", "at"))
    start = next((timezone.localtime(at).date() for state, at in events if state == Stato.INCLUSA), None)
    end = None
    if family.stato == Stato.CHIUSA:
        end = next((timezone.localtime(at).date() for state, at in reversed(events) if state == Stato.CHIUSA), None)
    return start, end


def overlapping_visit(*, operatore: User, data: date, ora_inizio: time, ora_fine: time,
                      exclude_pk: int | None = None) -> Intervento | None:
    qs = Intervento.objects.filter(operatore=operatore, data=data, ora_inizio__lt=ora_fine, ora_fine__gt=ora_inizio)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.first()


def plan_actions_for(family: Family) -> QuerySet[Azione]:
    return (Azione.objects.filter(risultato__progetto__family=family)
            .exclude(risultato__progetto__stato="superato").order_by("pk"))


def visits_of_family(family: Family) -> QuerySet[Intervento]:
    return (family.interventi.select_related("operatore", "ente", "persona")
            .prefetch_related("presenti", "azioni").order_by("-data", "-ora_inizio"))


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass
class WeekRow:
    week: date
    planned: float
    delivered: float
    by_dispositivo: dict[str, float] = field(default_factory=dict)

    @property
    def below(self) -> bool:
        """Under the programme's minimum in a week the family had hours planned (not before it started)."""
        return self.planned > 0 and self.delivered < MIN_WEEKLY_HOURS

    @property
    def week_end(self) -> date:
        return self.week + timedelta(days=6)


def _hours(minutes: int | None) -> float:
    return round((minutes or 0) / 60, 2)


def weekly_hours(family: Family, *, weeks: int = 12, today: date | None = None) -> list[WeekRow]:
    """Planned vs delivered hours in each of the last `weeks` weeks, by dispositivo (three queries)."""
    today = today or timezone.localdate()
    last = week_start(today)
    first = last - timedelta(weeks=weeks - 1)
    rows = {first + timedelta(weeks=i): WeekRow(first + timedelta(weeks=i), 0.0, 0.0) for i in range(weeks)}
    visits = (Intervento.objects.filter(family=family, data__gte=first, data__lte=today)
              .annotate(week=TruncWeek("data")).values("week", "servizio").annotate(m=Sum("durata_minuti"))
              .order_by())
    for row in visits:
        week = row["week"].date() if hasattr(row["week"], "date") else row["week"]
        target = rows.get(week)
        if target is None:
            continue
        dispositivo = DISPOSITIVO_OF.get(row["servizio"], "altro")
        target.by_dispositivo[dispositivo] = target.by_dispositivo.get(dispositivo, 0) + _hours(row["m"])
        target.delivered += _hours(row["m"])
    # Group meetings the family attended count once per meeting for the family (dispositivo "gruppi").
    attended = (Incontro.objects.filter(presenze__iscrizione__family=family, data__gte=first, data__lte=today)
                .distinct().annotate(week=TruncWeek("data")).values("week", "pk", "durata_minuti").order_by())
    for row in attended:
        week = row["week"].date() if hasattr(row["week"], "date") else row["week"]
        if week in rows:
            rows[week].by_dispositivo["gruppi"] = rows[week].by_dispositivo.get("gruppi", 0) + _hours(
                row["durata_minuti"])
    for a in Assegnazione.objects.filter(family=family, data_inizio__lte=today).filter(
            Q(data_fine__isnull=True) | Q(data_fine__gte=first)).only("ore_settimanali", "data_inizio", "data_fine"):
        for week, week_row in rows.items():
            if a.data_inizio <= week + timedelta(days=6) and (a.data_fine is None or a.data_fine >= week):
                week_row.planned += float(a.ore_settimanali)
    for week_row in rows.values():
        week_row.delivered = round(week_row.delivered, 2)
    return list(rows.values())


def month_hours(family: Family, *, today: date | None = None) -> float:
    today = today or timezone.localdate()
    total = Intervento.objects.filter(family=family, data__gte=today.replace(day=1), data__lte=today).aggregate(
        m=Sum("durata_minuti"))["m"]
    return _hours(total)


def hours_summary(family: Family, *, today: date | None = None) -> tuple[float, float]:
    """This month's hours and last week's (Monday to Sunday) in one query: the family page's summary.
    The same figures as month_hours() and weekly_hours(weeks=2)[0].delivered."""
    today = today or timezone.localdate()
    month = today.replace(day=1)
    last_week = week_start(today) - timedelta(weeks=1)
    totals = Intervento.objects.filter(family=family, data__gte=min(month, last_week), data__lte=today).aggregate(
        month=Sum("durata_minuti", filter=Q(data__gte=month)),
        week=Sum("durata_minuti", filter=Q(data__gte=last_week, data__lte=last_week + timedelta(days=6))))
    return _hours(totals["month"]), _hours(totals["week"])


def my_week(user: User, *, today: date | None = None) -> tuple[date, list[Intervento]]:
    today = today or timezone.localdate()
    start = week_start(today)
    visits = (Intervento.objects.filter(operatore=user, data__gte=start, data__lte=start + timedelta(days=6))
              .filter(family__in=families_visible_to(user)).select_related("family").order_by("data", "ora_inizio"))
    return start, list(visits)


def _assigned_today(user: User, today: date) -> QuerySet[Assegnazione]:
    return (Assegnazione.objects.filter(operatore=user, data_inizio__lte=today)
            .filter(Q(data_fine__isnull=True) | Q(data_fine__gte=today)))


@dataclass(frozen=True)
class ToRecord:
    pk: int
    nome: str
    codice: str
    last: date | None  # the user's last visit to the family


def visits_to_record(user: User, *, today: date | None = None, days: int = 7, limit: int = 10) -> list[ToRecord]:
    """The families the user is assigned to (and still on the path) with no visit of theirs logged in the last
    `days` days, once the assignment is that old: the visits to record (one query)."""
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=days)
    last = (Intervento.objects.filter(family=OuterRef("family"), operatore=user).order_by("-data")
            .values("data")[:1])
    rows = (_assigned_today(user, today).filter(family__in=families_visible_to(user),
                                                family__stato__in=ACTIVE_PATH)
            .annotate(last=Subquery(last))
            .filter(Q(last__lt=cutoff) | Q(last__isnull=True, data_inizio__lte=cutoff))
            .order_by(F("last").asc(nulls_first=True), "family__codice")
            .values_list("family_id", "family__nome", "family__codice", "last")[:limit * 2])
    seen: dict[int, ToRecord] = {}
    for pk, nome, codice, last_day in rows:
        seen.setdefault(pk, ToRecord(pk, nome, codice, last_day))
    return list(seen.values())[:limit]


def week_of_visits(user: User, *, today: date | None = None) -> dict[str, Any]:
    """This week's visits of the user: how many and how many hours (one query)."""
    today = today or timezone.localdate()
    start = week_start(today)
    totals = (Intervento.objects.filter(operatore=user, data__gte=start, data__lte=start + timedelta(days=6),
                                        family__in=families_visible_to(user))
              .aggregate(n=Count("pk"), minutes=Sum("durata_minuti")))
    return {"start": start, "visits": totals["n"], "hours": _hours(totals["minutes"])}


@dataclass(frozen=True)
class BelowRow:
    pk: int
    nome: str
    codice: str
    hours: float


def home_education_below(user: User, *, today: date | None = None, limit: int = 10) -> dict[str, Any]:
    """The families with home education (SEDT) planned in the last full week that received fewer than
    MIN_WEEKLY_HOURS of it: those the user is assigned to, and all of the équipe they manage. One query."""
    today = today or timezone.localdate()
    monday = week_start(today) - timedelta(weeks=1)
    sunday = monday + timedelta(days=6)
    planned = (Assegnazione.objects.filter(family=OuterRef("pk"), servizio=Servizio.EDUCATIVA,
                                           data_inizio__lte=sunday)
               .filter(Q(data_fine__isnull=True) | Q(data_fine__gte=monday)))
    delivered = (Intervento.objects.filter(family=OuterRef("pk"), servizio=Servizio.EDUCATIVA, data__gte=monday,
                                           data__lte=sunday)
                 .order_by().values("family").annotate(m=Sum("durata_minuti")).values("m"))
    mine = Q(equipe_id__in=get_scope(user).managed_equipe_ids) | Q(Exists(planned.filter(operatore=user)))
    rows = (families_visible_to(user).filter(stato__in=ACTIVE_PATH).filter(mine).filter(Exists(planned))
            .annotate(minutes=Coalesce(Subquery(delivered, output_field=IntegerField()), Value(0)))
            .filter(minutes__lt=MIN_WEEKLY_HOURS * 60)
            .order_by("minutes", "codice").values_list("pk", "nome", "codice", "minutes")[:limit])
    return {"families": [BelowRow(pk, nome, codice, _hours(minutes)) for pk, nome, codice, minutes in rows],
            "monday": monday, "sunday": sunday, "minimum": MIN_WEEKLY_HOURS}


def last_family_of(user: User) -> int | None:
    return Intervento.objects.filter(operatore=user).order_by("-data", "-ora_inizio").values_list(
        "family_id", flat=True).first()


# --- Groups

def groups_visible_to(user: User) -> QuerySet[Gruppo]:
    """Groups of the RT's ambito, groups the user facilitates, groups with participants of families they follow."""
    scope = get_scope(user)
    condition = Q(conduzione__user=user, ambito_id__in=scope.ambiti)
    if scope.rt_ambiti:
        condition |= Q(ambito_id__in=scope.rt_ambiti)
    followed = Iscrizione.objects.filter(gruppo=OuterRef("pk"), family__in=families_visible_to(user))
    return Gruppo.objects.filter(condition | Q(Exists(followed))).distinct()


def participants_visible(user: User, group: Gruppo) -> QuerySet[Iscrizione]:
    """Participants whose family the user may see (the others are counted, never named)."""
    return (group.iscrizioni.filter(family__in=families_visible_to(user)).select_related("persona", "family")
            .order_by("family__codice", "persona__nome"))


def enrollable_people(user: User, group: Gruppo) -> QuerySet[Person]:
    return (Person.objects.filter(family__in=families_visible_to(user).filter(ambito_id=group.ambito_id))
            .exclude(pk__in=group.iscrizioni.values("persona_id")).select_related("family")
            .order_by("family__codice", "nome"))


def group_learning_for_family(family: Family) -> list[Incontro]:
    """What the groups brought back for this family's équipe (meetings a member attended, with notes)."""
    return list(Incontro.objects.filter(presenze__iscrizione__family=family).exclude(apprendimenti="")
                .select_related("gruppo").distinct().order_by("-data"))


def decimal(value: object) -> Decimal:
    return Decimal(str(value or 0))


# --- The views' other reads

def group_for(user: User, group_pk: int) -> Gruppo | None:
    """A group the user sees, with its ambito (None outside the scope)."""
    return groups_visible_to(user).filter(pk=group_pk).select_related("ambito").first()


def budgets_of_ambiti(ambiti_ids: frozenset[int]) -> QuerySet[Budget]:
    """The budgets of these ambiti (those whose budget the user enters: policies.require_edit_budgets)."""
    return Budget.objects.filter(ambito_id__in=ambiti_ids)


def ambiti_among(ambiti_ids: frozenset[int]) -> QuerySet[Ambito]:
    return Ambito.objects.filter(pk__in=ambiti_ids).order_by("nome")


def first_ambito_among(ambiti_ids: frozenset[int]) -> Ambito | None:
    return Ambito.objects.filter(pk__in=ambiti_ids).order_by("pk").first()


def calendar_token_of(user: User) -> CalendarToken | None:
    return CalendarToken.objects.filter(user=user).first()


def calendar_token_entry(token: str) -> CalendarToken | None:
    """The feed's token with its user: the only key of the public calendar URL."""
    return CalendarToken.objects.select_related("user").filter(token=token).first()
