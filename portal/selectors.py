"""Reads for the family portal. A member reaches only their own family (families.selectors.own_family_for);
the équipe's portal pages start from families.selectors.get_family_for like every family page."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Min, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from accounts.models import User
from assessments.models import Perspective, Response
from audit.models import AuditEntry
from families.models import Family, Person
from families.selectors import own_family_for
from interventions.models import Incontro, Intervento, Luogo
from plans.models import Accordo, Azione, ProgettoQuadro, RisultatoAtteso, Verifica
from plans.selectors import current_plan, family_versions
from quality.models import Survey
from scuola.models import IncontroScuola

from .models import (
    PORTAL_LANGUAGE_CODES,
    Invitation,
    Message,
    PlanSummary,
    PortalProfile,
    QuestionarioCompilato,
)
from .policies import can_be_invited

# What the portal writes in the audit log as the reason of a member's page view (fixed Italian text: the
# équipe reads it, whatever the member's language).
SEEN_PLAN = "Portale famiglia: progetto"
SEEN_PREFIX = "Portale famiglia"


@dataclass
class Member:
    family: Family
    person: Person


def member_for(user: User) -> Member:
    """The portal member and their family; 404 for anybody else (staff have no portal)."""
    family = own_family_for(user)
    person = Person.objects.filter(user=user, family=family).first() if family is not None else None
    if family is None or person is None:
        raise Http404("Nessun portale per questo utente.")
    return Member(family=family, person=person)


def language_of(user: User) -> str | None:
    lang = PortalProfile.objects.filter(user=user).values_list("language", flat=True).first()
    return lang if lang in PORTAL_LANGUAGE_CODES else None


def invitation_by_hash(token_hash: str) -> Invitation | None:
    """The invitation of a link (only its language: the page speaks it before the link is checked)."""
    return Invitation.objects.filter(token_hash=token_hash).only("language").first()


def plan_for_member(family: Family) -> tuple[ProgettoQuadro | None, list[RisultatoAtteso]]:
    """The plan in force, with goals and actions only: never the équipe's analysis or private notes."""
    plan = current_plan(family)
    if plan is None:
        return None, []
    goals = list(plan.risultati.order_by("pk").only("pk", "descrizione", "data_prevista", "progetto_id"))
    actions = (Azione.objects.filter(risultato__progetto=plan)
               .select_related("responsabile_user", "responsabile_persona").order_by("data_inizio", "pk"))
    by_goal: dict[int, list[Azione]] = {}
    for action in actions:
        by_goal.setdefault(action.risultato_id, []).append(action)
    for goal in goals:
        # Not a column: the portal's plan page reads the goal's actions from the goal.
        goal.portal_actions = by_goal.get(goal.pk, [])  # type: ignore[attr-defined]
    return plan, goals


def member_agreements(plan: ProgettoQuadro | None, person: Person, limit: int = 3) -> list[Accordo]:
    """The member's latest answers to the plan, newest first."""
    if plan is None:
        return []
    return list(Accordo.objects.filter(progetto=plan, persona=person).order_by("-created_at")[:limit])


def plan_summaries(plan: ProgettoQuadro | None) -> dict[str, str]:
    """The plan's translated summaries by language."""
    if plan is None:
        return {}
    return dict(PlanSummary.objects.filter(progetto=plan).values_list("language", "text"))


def summary_for(plan: ProgettoQuadro | None, language: str) -> PlanSummary | None:
    if plan is None:
        return None
    return PlanSummary.objects.filter(progetto=plan, language=language).first()


@dataclass
class Appointment:
    day: date
    title: str
    kind: str  # "azione" | "risultato" (plan dates) | "visita" | "gruppo" | "scuola" | "verifica" (meetings)
    who: str = ""
    start: time | None = None
    place: str = ""
    key: str = ""  # stable id of a meeting, for its reminder ("visita-12"); empty for plan dates
    name: str = ""  # an Italian proper name inside the title (a group's), isolated on the page

    @property
    def is_meeting(self) -> bool:
        return bool(self.key)

    @property
    def title_html(self) -> str:
        """The title for a page: the Italian name inside it keeps its own language and direction (in an Arabic
        sentence its closing «» would otherwise jump to the wrong end)."""
        title: str = conditional_escape(self.title)
        if self.name:
            name = conditional_escape(self.name)
            title = title.replace(name, format_html('<span lang="it" dir="ltr">{}</span>', self.name), 1)
        return mark_safe(title)  # noqa: S308 - built from escaped parts only

    @property
    def title_text(self) -> str:
        """The title for plain text (an e-mail): the name between Unicode isolates, as <bdi> would do on a page."""
        return self.title.replace(self.name, f"\u2068{self.name}\u2069", 1) if self.name else self.title


# Hook: each source is a callable (family, today) -> list[Appointment]. The visits and group sessions of the
# interventions issue add theirs here (APPOINTMENT_SOURCES.append(...)) from their app's ready().
APPOINTMENT_SOURCES: list[Callable[[Family, date], list[Appointment]]] = []


def _plan_dates(family: Family, today: date) -> list[Appointment]:
    _plan, goals = plan_for_member(family)
    items = []
    for goal in goals:
        if goal.data_prevista and goal.data_prevista >= today:
            items.append(Appointment(day=goal.data_prevista, title=goal.descrizione, kind="risultato"))
        for action in goal.portal_actions:  # type: ignore[attr-defined]  # set by plan_for_member
            if action.stato in (Azione.StatoAzione.SVOLTA, Azione.StatoAzione.NON_SVOLTA):
                continue
            day = action.data_inizio if action.data_inizio and action.data_inizio >= today else action.data_fine
            if day and day >= today:
                items.append(Appointment(day=day, title=action.descrizione, kind="azione", who=action.responsabile))
    return items


APPOINTMENT_SOURCES.append(_plan_dates)


def _visit_title(servizio: str) -> str:
    # The portal's own words, translated in its catalogues (the services' names are the équipe's jargon).
    return {
        "educativa": _("Incontro con l'educatore o l'educatrice"),
        "psicologico": _("Colloquio con lo psicologo o la psicologa"),
        "pedagogico": _("Incontro con il pedagogista"),
        "mediazione": _("Incontro con il mediatore culturale"),
        "genitorialita": _("Incontro sull'essere genitori"),
    }.get(servizio, _("Incontro con l'équipe"))


def _meetings(family: Family, today: date) -> list[Appointment]:
    """Visits, group meetings, school meetings and plan reviews from today on (four queries)."""
    places: dict[str, str] = {Luogo.CASA: _("a casa"), Luogo.SCUOLA: _("a scuola"), Luogo.TERRITORIO: _("fuori casa"),
              Luogo.SERVIZIO: _("al servizio")}
    items = [Appointment(day=v.data, start=v.ora_inizio, title=_visit_title(v.servizio), kind="visita",
                         place=places.get(v.luogo, ""), key=f"visita-{v.pk}")
             for v in Intervento.objects.filter(family=family, data__gte=today).order_by("data", "ora_inizio")[:30]]
    items += [Appointment(day=m.data, start=m.ora_inizio, kind="gruppo", place=m.sede or m.gruppo.sede,
                          title=_("Incontro del gruppo «%(nome)s»") % {"nome": m.gruppo.nome}, name=m.gruppo.nome,
                          key=f"gruppo-{m.pk}")
              for m in Incontro.objects.filter(gruppo__iscrizioni__family=family, data__gte=today)
              .select_related("gruppo").distinct().order_by("data", "ora_inizio")[:30]]
    items += [Appointment(day=m.data, start=m.ora_inizio, kind="scuola", place=m.scuola.nome,
                          title=_("Incontro a scuola"), key=f"scuola-{m.pk}")
              for m in IncontroScuola.objects.filter(family=family, data__gte=today).select_related("scuola")
              .order_by("data", "ora_inizio")[:30]]
    items += [Appointment(day=v.data, kind="verifica", title=_("Incontro con l'équipe per vedere come va il progetto"),
                          key=f"verifica-{v.pk}")
              for v in Verifica.objects.filter(progetto__family=family, data__gte=today).order_by("data")[:10]]
    return items


APPOINTMENT_SOURCES.append(_meetings)


def appointments_for(family: Family, today: date | None = None, limit: int = 50) -> list[Appointment]:
    today = today or timezone.localdate()
    items: list[Appointment] = []
    for source in APPOINTMENT_SOURCES:
        items.extend(source(family, today))
    items.sort(key=lambda a: (a.day, a.start or time.min, a.kind))
    return items[:limit]


def messages_of(family: Family) -> QuerySet[Message]:
    return Message.objects.filter(family=family).select_related("author").order_by("created_at", "pk")


def family_view_latest(family: Family) -> Response | None:
    return (Response.objects.filter(family=family, perspective=Perspective.FAMIGLIA,
                                    instrument_version__instrument__code="voce_famiglia",
                                    status=Response.Status.SUBMITTED)
            .prefetch_related("answers").order_by("-submitted_at").first())


@dataclass
class MemberRow:
    person: Person
    has_access: bool
    language: str = ""
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    plan_seen: datetime | None = None
    views: int = 0
    agreements: list[Accordo] = field(default_factory=list)
    open_invitation: Invitation | None = None


def portal_overview(family: Family, *, people: list[Person] | None = None) -> dict[str, Any]:
    """For the équipe: each member with their portal access, what they saw (from the audit log) and when they
    agreed to the plan or asked for changes; unread messages. A constant number of queries.

    `people`: the family's members already loaded by the caller, by date of birth (the family page has them);
    without it they are loaded here with their user accounts."""
    if people is None:
        people = list(family.persone.select_related("user").order_by("data_nascita", "pk"))
    users = [p.user_id for p in people if p.user_id]
    seen: dict[int | None, dict[str, Any]] = {}
    languages: dict[int | None, str] = {}
    agreements: dict[int, list[Accordo]] = {}
    # What members saw, their language and their agreements from the portal exist only for members with
    # access: without any, none of the three queries is even built (most families on the family page).
    if users:
        seen = {row["actor_id"]: row for row in (
            AuditEntry.objects.filter(family_id=family.pk, actor_id__in=users, action=AuditEntry.Action.ACCESS,
                                      reason__startswith=SEEN_PREFIX)
            .values("actor_id").annotate(first=Min("timestamp"), last=Max("timestamp"), n=Count("pk"),
                                         plan=Max("timestamp", filter=Q(reason=SEEN_PLAN))))}
        languages = dict(PortalProfile.objects.filter(user_id__in=users).values_list("user_id", "language"))
        for accordo in (Accordo.objects.filter(progetto__family=family, dal_portale=True)
                        .select_related("progetto").order_by("created_at")):
            agreements.setdefault(accordo.persona_id, []).append(accordo)
    now = timezone.now()
    invitations = {}
    for inv in Invitation.objects.filter(family=family, used_at__isnull=True, expires_at__gt=now).order_by("created_at"):
        invitations[inv.person_id] = inv
    rows = []
    today = timezone.localdate()
    for person in people:
        if not person.user_id and not can_be_invited(person, today):
            continue
        s = seen.get(person.user_id, {})
        rows.append(MemberRow(person=person, has_access=bool(person.user_id), language=languages.get(person.user_id, ""),
                              first_seen=s.get("first"), last_seen=s.get("last"), plan_seen=s.get("plan"),
                              views=s.get("n", 0), agreements=agreements.get(person.pk, []),
                              open_invitation=invitations.get(person.pk)))
    unread = Message.objects.filter(family=family, from_family=True, read_at__isnull=True).count()
    return {"rows": rows, "unread": unread}


def invitable_people(family: Family) -> list[Person]:
    today = timezone.localdate()
    return [p for p in family.persone.filter(user__isnull=True).order_by("data_nascita", "pk")
            if can_be_invited(p, today)]


# --- The assessments the équipe shared with the family (assessments.services.response_share)

def shared_assessments(family: Family) -> QuerySet[Response]:
    return (Response.objects.filter(family=family, condivisa_il__isnull=False, status=Response.Status.SUBMITTED)
            .select_related("instrument_version", "person").order_by("-date", "-pk"))


def get_shared_assessment(family: Family, pk: int) -> Response:
    response = shared_assessments(family).filter(pk=pk).first()
    if response is None:
        raise Http404(_("Pagina non trovata."))
    return response


def score_words(score: float | Decimal | None) -> str:
    """A score of Il Mondo del Bambino (1-6) in the family's words, never as a bare number."""
    if score is None:
        return ""
    if score < 2.5:
        return _("C'è un problema importante su cui lavorare")
    if score < 3.5:
        return _("Ci sono alcune difficoltà")
    if score < 4.5:
        return _("Va bene")
    return _("È un punto di forza")


@dataclass
class SharedLine:
    label: str
    words: str


@dataclass
class SharedSection:
    title: str
    words: str
    lines: list[SharedLine] = field(default_factory=list)


def shared_synthesis(response: Response) -> list[SharedSection]:
    """Each side of the triangle and its sub-dimensions in words; the narratives stay with the équipe."""
    definition = response.instrument_version.parsed
    numbers = {a.item_code: a.number for a in response.answers.all()}
    sections = []
    for section in definition.sections:
        lines = [SharedLine(item.label, score_words(numbers.get(item.code))) for item in section.items
                 if numbers.get(item.code) is not None]
        sections.append(SharedSection(section.title, score_words(response.scores.get(section.code)), lines))
    return sections


def open_survey_for(family: Family, today: date | None = None) -> Survey | None:
    """The ambito's satisfaction questionnaire for families that is open today (the newest)."""
    today = today or timezone.localdate()
    return (Survey.objects.filter(ambito_id=family.ambito_id, destinatari=Survey.Audience.FAMIGLIE,
                                  apre_il__lte=today, chiude_il__gte=today)
            .select_related("instrument_version").order_by("-apre_il", "-pk").first())


def has_answered(user: User, survey: Survey) -> bool:
    return QuestionarioCompilato.objects.filter(user=user, survey=survey).exists()


def with_family_versions(plan: ProgettoQuadro | None, goals: list[RisultatoAtteso], lingua: str) -> bool:
    """Put on each goal and action of the portal's plan its up-to-date translation in `lingua` (the family's
    version, written with the cultural mediator), or None. One query; none in Italian. Whether any was found."""
    versions = family_versions(plan, lingua)
    for goal in goals:
        # Not columns: the portal's plan page reads the family's version from the goal and the action.
        goal.family_version = versions.goals.get(goal.pk)  # type: ignore[attr-defined]
        for action in goal.portal_actions:  # type: ignore[attr-defined]
            action.family_version = versions.actions.get(action.pk)
    return bool(versions.goals or versions.actions)
