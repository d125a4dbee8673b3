"""Reads of Progetti Quadro. A plan is always reached through its family (families.selectors.get_family_for),
so that the family's scope decides who sees it; a teacher sees only the parts that concern them."""

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from django.db.models import Count, Exists, F, Func, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Upper
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from assessments.definition import parse, shipped_definitions
from assessments.models import InstrumentVersion
from assessments.selectors import current_instrument_version
from families.models import Family, Person, Stato
from families.policies import is_teacher_of
from families.selectors import families_visible_to
from organisation.models import EquipeMember, Professione

from .models import Accordo, Azione, EsitoVerifica, ProgettoQuadro, RisultatoAtteso, Traduzione, Verifica
from .policies import can_write_plan, concerns_teacher

MDB_CODE = "mondo_del_bambino"

# --- Sub-dimensions of Il Mondo del Bambino (from the instrument's definition, never from code)

@dataclass(frozen=True)
class Sottodimensione:
    code: str
    label: str
    section: str


def _sottodimensioni_of(definition: dict[str, Any]) -> tuple[Sottodimensione, ...]:
    return tuple(Sottodimensione(item.code, item.label, section.title)
                 for section in parse(definition).sections for item in section.items)


@lru_cache(maxsize=4)
def _sottodimensioni_of_version(checksum: str, version_pk: int) -> tuple[Sottodimensione, ...]:
    # The checksum names the definition's content: the (large) definition is read and parsed once per
    # version and process, not on every plan page.
    return _sottodimensioni_of(InstrumentVersion.objects.values_list("definition", flat=True).get(pk=version_pk))


def sottodimensioni() -> tuple[Sottodimensione, ...]:
    """The sub-dimensions a goal may be about: the items of the current Il Mondo del Bambino."""
    version = current_instrument_version(MDB_CODE, only=("pk", "checksum"))
    if version is not None:
        return _sottodimensioni_of_version(version.checksum, version.pk)
    definition = next(d for d in shipped_definitions() if d.code == MDB_CODE)
    return _sottodimensioni_of(definition.raw)


def sottodimensione_labels() -> dict[str, str]:
    return {s.code: s.label for s in sottodimensioni()}


# --- Plans

def plans_of(family: Family) -> QuerySet[ProgettoQuadro]:
    return family.progetti.select_related("created_by", "updated_by").order_by("-numero")


def _in_force(family: Family) -> QuerySet[ProgettoQuadro]:
    """The family's plans not replaced, newest first: the first is the plan in force."""
    return ProgettoQuadro.objects.filter(family=family).exclude(stato=ProgettoQuadro.Stato.SUPERATO).order_by("-numero")


def current_plan(family: Family) -> ProgettoQuadro | None:
    """The plan in force: the newest version that has not been replaced."""
    plan = _in_force(family).select_related("updated_by").first()
    if plan is not None:
        plan.family = family
    return plan


def get_plan_for(family: Family, numero: int) -> ProgettoQuadro:
    plan = ProgettoQuadro.objects.filter(family=family, numero=numero).select_related("updated_by").first()
    if plan is None:
        raise Http404(_("Progetto non trovato."))
    plan.family = family
    return plan


def get_current_plan_or_404(family: Family) -> ProgettoQuadro:
    plan = current_plan(family)
    if plan is None:
        raise Http404(_("Questa famiglia non ha ancora un Progetto Quadro."))
    return plan


def get_goal_for(plan: ProgettoQuadro, pk: int) -> RisultatoAtteso:
    goal = RisultatoAtteso.objects.filter(progetto=plan, pk=pk).first()
    if goal is None:
        raise Http404(_("Risultato atteso non trovato."))
    goal.progetto = plan
    return goal


def get_action_for(plan: ProgettoQuadro, pk: int) -> Azione:
    action = Azione.objects.filter(risultato__progetto=plan, pk=pk).select_related("risultato").first()
    if action is None:
        raise Http404(_("Azione non trovata."))
    action.risultato.progetto = plan
    return action


def has_agreed_plan(family: Family) -> bool:
    """Whether the family's plan in force has been agreed with the family (needed to start the intervention)."""
    return ProgettoQuadro.objects.filter(family=family, stato=ProgettoQuadro.Stato.CONCORDATO).exists()


@dataclass(frozen=True)
class PlanLeftOpen:
    reviews: int
    planned: int  # actions still «Prevista»
    ongoing: int  # actions still «In corso»


def plan_left_open(family: Family) -> PlanLeftOpen | None:
    """What the plan in force leaves open (None without a plan): its reviews and its unfinished actions."""
    plan = (_in_force(family).annotate(
        n_reviews=Count("verifiche", distinct=True),
        n_planned=Count("risultati__azioni", filter=Q(risultati__azioni__stato=Azione.StatoAzione.PREVISTA),
                        distinct=True),
        n_ongoing=Count("risultati__azioni", filter=Q(risultati__azioni__stato=Azione.StatoAzione.IN_CORSO),
                        distinct=True),
    ).values_list("n_reviews", "n_planned", "n_ongoing").first())
    if plan is None:
        return None
    return PlanLeftOpen(reviews=plan[0], planned=plan[1], ongoing=plan[2])


@dataclass
class GoalView:
    goal: RisultatoAtteso
    label: str
    actions: list[Azione]
    last_outcome: EsitoVerifica | None = None

    @property
    def translations(self) -> list[Traduzione]:
        """The family's versions of the goal (prefetched by plan_view), by language."""
        return list(self.goal.traduzioni.all())


@dataclass
class PlanView:
    plan: ProgettoQuadro
    restricted: bool
    goals: list[GoalView] = field(default_factory=list)
    reviews: list[Verifica] = field(default_factory=list)
    agreements: list[Accordo] = field(default_factory=list)
    versions: list[ProgettoQuadro] = field(default_factory=list)

    @property
    def open_goals(self) -> list[GoalView]:
        return [g for g in self.goals
                if g.last_outcome is None or g.last_outcome.esito != EsitoVerifica.Esito.RAGGIUNTO]


def plan_view(user: User, family: Family, plan: ProgettoQuadro) -> PlanView:
    """Everything the plan page and the PDF show, for this user, in a constant number of queries."""
    restricted = is_teacher_of(user, family)
    translations = Traduzione.objects.select_related("verificata_da").order_by("lingua", "pk")
    actions = Azione.objects.select_related("responsabile_user", "responsabile_persona").prefetch_related(
        Prefetch("traduzioni", queryset=translations)).order_by("data_inizio", "pk")
    goals = list(plan.risultati.prefetch_related(Prefetch("azioni", queryset=actions),
                                                 Prefetch("traduzioni", queryset=translations)).order_by("pk"))
    reviews = list(plan.verifiche.select_related("registrata_da").prefetch_related(
        Prefetch("esiti", queryset=EsitoVerifica.objects.order_by("risultato_id"))).order_by("data", "pk"))
    labels = sottodimensione_labels()
    last: dict[int, EsitoVerifica] = {}
    for review in reviews:
        for outcome in review.esiti.all():
            last[outcome.risultato_id] = outcome
    views = []
    for goal in goals:
        goal.progetto = plan
        goal_actions = list(goal.azioni.all())
        if restricted:
            goal_actions = [a for a in goal_actions if concerns_teacher(a, user)]
            if not goal_actions:
                continue
        views.append(GoalView(goal=goal, label=labels.get(goal.sottodimensione, goal.sottodimensione),
                              actions=goal_actions, last_outcome=last.get(goal.pk)))
    if restricted:
        shown = {v.goal.pk for v in views}
        for review in reviews:
            review.esiti_shown = [o for o in review.esiti.all() if o.risultato_id in shown]
    else:
        for review in reviews:
            review.esiti_shown = list(review.esiti.all())
    goal_by_pk = {v.goal.pk: v for v in views}
    for review in reviews:
        for outcome in review.esiti_shown:
            outcome.goal_view = goal_by_pk.get(outcome.risultato_id)
    agreements = list(plan.accordi.select_related("persona", "registrato_da").order_by("data", "pk"))
    return PlanView(plan=plan, restricted=restricted, goals=views, reviews=reviews, agreements=agreements,
                    versions=list(plans_of(family)))


@dataclass(frozen=True)
class FamilyVersions:
    """The up-to-date translations of a plan's goals and actions in one language, by the item's pk. A translation
    «da rivedere» is left out: the family must not read as its plan what the plan no longer says."""

    lingua: str
    goals: dict[int, Traduzione]
    actions: dict[int, Traduzione]


def family_versions(plan: ProgettoQuadro | None, lingua: str) -> FamilyVersions:
    """One query (none for Italian, which is the plan's own language)."""
    if plan is None or lingua == "it":
        return FamilyVersions(lingua, {}, {})
    rows = Traduzione.objects.filter(Q(risultato__progetto=plan) | Q(azione__risultato__progetto=plan),
                                     lingua=lingua).select_related("risultato", "azione")
    goals: dict[int, Traduzione] = {}
    actions: dict[int, Traduzione] = {}
    for row in rows:
        if row.is_stale:
            continue
        if row.risultato_id is not None:
            goals[row.risultato_id] = row
        elif row.azione_id is not None:
            actions[row.azione_id] = row
    return FamilyVersions(lingua, goals, actions)


def get_translation_for(plan: ProgettoQuadro, pk: int) -> Traduzione:
    """A translation of a goal or an action of this plan (404 for another plan's, hence another family's)."""
    row = (Traduzione.objects.filter(Q(risultato__progetto=plan) | Q(azione__risultato__progetto=plan), pk=pk)
           .select_related("risultato", "azione__risultato").first())
    if row is None:
        raise Http404(_("Traduzione non trovata."))
    if row.risultato is not None:
        row.risultato.progetto = plan
    elif row.azione is not None:
        row.azione.risultato.progetto = plan
    return row


def translation_of(item: RisultatoAtteso | Azione, lingua: str) -> Traduzione | None:
    filters: dict[str, RisultatoAtteso | Azione] = (
        {"risultato": item} if isinstance(item, RisultatoAtteso) else {"azione": item})
    row = Traduzione.objects.filter(lingua=lingua, **filters).select_related("verificata_da").first()
    if row is not None:
        if isinstance(item, RisultatoAtteso):
            row.risultato = item
        else:
            row.azione = item
    return row


def adults_of(family: Family) -> list[Person]:
    today = timezone.localdate()
    return [p for p in family.persone.order_by("data_nascita", "pk") if is_adult(p, today)]


def is_adult(person: Person, today: date) -> bool:
    if person.ruolo == Person.Ruolo.MINORE:
        return False
    age = person.age_on(today)
    return age is None or age >= 18


def equipe_users(family: Family, *, teachers: bool) -> list[User]:
    """The operators (or the teachers) of the family's équipe who may be responsible for an action."""
    if family.equipe_id is None:
        return []
    members = EquipeMember.objects.filter(equipe_id=family.equipe_id)
    if teachers:
        ids = set(members.filter(professione=Professione.INSEGNANTE).values_list("user_id", flat=True))
    else:
        ids = set(members.exclude(professione=Professione.INSEGNANTE).values_list("user_id", flat=True))
        if family.equipe is not None:
            ids.add(family.equipe.case_manager_id)
    return list(User.objects.filter(pk__in=ids).order_by("last_name", "first_name", "username"))


def _count(rows: QuerySet[Traduzione]) -> Subquery:
    return Subquery(rows.order_by().values(n=Func(F("pk"), function="COUNT")))


def _translations_of_plan(*, stale: bool) -> QuerySet[Traduzione]:
    goals = Q(risultato__progetto=OuterRef("pk"))
    actions = Q(azione__risultato__progetto=OuterRef("pk"))
    if stale:  # checked against an Italian text that has changed since
        goals &= ~Q(testo_italiano=F("risultato__descrizione"))
        actions &= ~Q(testo_italiano=F("azione__descrizione"))
    return Traduzione.objects.filter(goals | actions)


def plan_summary(user: User, family: Family) -> dict[str, Any]:
    """What the family page shows about the plan (one query, whatever the plan's size): its goals and the
    family's versions of goals and actions, how many and how many «da rivedere»."""
    plan = _in_force(family).annotate(
        n_goals=Count("risultati"), n_translations=_count(_translations_of_plan(stale=False)),
        n_to_review=_count(_translations_of_plan(stale=True))).first()
    if plan is None:
        return {"plan": None, "can_write": can_write_plan(user, family)}
    plan.family = family
    # A teacher sees only their part of the plan: no count of the rest.
    if is_teacher_of(user, family):
        return {"plan": plan, "n_goals": None, "can_write": can_write_plan(user, family)}
    return {"plan": plan, "n_goals": plan.n_goals, "can_write": can_write_plan(user, family),
            "n_translations": plan.n_translations, "n_to_review": plan.n_to_review}


def plan_items_due(user: User, *, today: date | None = None, limit: int = 10) -> dict[str, Any]:
    """For the dashboards of the case manager and the coach: plan actions past their date and not done, and
    reviews (verifiche) owed at T1 and T2. Two queries whatever the number of families."""
    today = today or timezone.localdate()
    families = families_visible_to(user)
    actions = list(
        Azione.objects.filter(risultato__progetto__family__in=families,
                              risultato__progetto__stato=ProgettoQuadro.Stato.CONCORDATO,
                              data_fine__lt=today,
                              stato__in=[Azione.StatoAzione.PREVISTA, Azione.StatoAzione.IN_CORSO])
        .select_related("risultato__progetto__family")
        .only("descrizione", "data_fine", "risultato__progetto__family__nome",
              "risultato__progetto__family__codice").order_by("data_fine")[:limit]
    )
    reviewed = Verifica.objects.filter(progetto__family=OuterRef("pk"), momento=OuterRef("stato_upper"))
    owed = list(
        families.filter(stato__in=[Stato.T1, Stato.T2], progetti__stato=ProgettoQuadro.Stato.CONCORDATO)
        .annotate(stato_upper=Upper("stato"))
        .exclude(Exists(reviewed))
        .only("pk", "nome", "codice", "stato").order_by("nome")[:limit]
    )
    return {"actions": actions, "reviews": owed}


def my_open_actions(user: User, *, today: date | None = None, limit: int = 10) -> list[Azione]:
    """The actions of agreed plans assigned to `user` and not done yet, those due first (one query): the
    teacher's, the educator's... own work on the dashboard."""
    today = today or timezone.localdate()
    actions = list(
        Azione.objects.filter(responsabile_user=user, risultato__progetto__family__in=families_visible_to(user),
                              risultato__progetto__stato=ProgettoQuadro.Stato.CONCORDATO,
                              stato__in=[Azione.StatoAzione.PREVISTA, Azione.StatoAzione.IN_CORSO])
        .select_related("risultato__progetto__family")
        .only("descrizione", "data_fine", "stato", "risultato__progetto__family__nome",
              "risultato__progetto__family__codice")
        .order_by(F("data_fine").asc(nulls_last=True), "pk")[:limit]
    )
    for action in actions:
        action.overdue = bool(action.data_fine and action.data_fine < today)  # type: ignore[attr-defined]
    return actions


def action_ids_of(goal: RisultatoAtteso) -> list[int]:
    """The ids of a goal's actions, in the plan's order."""
    return list(goal.azioni.values_list("pk", flat=True))
