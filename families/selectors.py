"""Reads of family records. Every query for a family's personal data starts here."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, cast

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, ForeignKey, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.db.models.query import prefetch_related_objects
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from accounts.models import User
from organisation.models import Ente, cohort_end, cohort_t1
from organisation.scope import get_scope

from .models import ADULT_AGE, Family, PathEvent, Person, Stato
from .path import ACTIVE_STATES, NEXT_STEP
from .policies import can_change_family, require_move_family


def families_visible_to(user: User) -> QuerySet[Family]:
    """The families `user` may open: their équipe's, their ambito's for the RT, their own reports for the tutor."""
    scope = get_scope(user)
    condition = Q()
    if scope.rt_ambiti:
        condition |= Q(ambito_id__in=scope.rt_ambiti)
    if scope.equipe_ids:
        condition |= Q(equipe_id__in=scope.equipe_ids)
    if scope.tutor_ambiti:
        condition |= Q(ambito_id__in=scope.tutor_ambiti, segnalata_da=user)
    if not condition:
        return Family.objects.none()
    return Family.objects.filter(condition)


def get_family_for(user: User, pk: int) -> Family:
    """The family, if `user` may see it; 404 otherwise, so that its existence is never confirmed.

    Its organisations and people come with it, in two more queries: one join of ten tables costs PostgreSQL
    more to plan (about 4 ms) than the three queries together take."""
    family = (
        families_visible_to(user)
        .select_related("ambito", "comune", "equipe", "implementazione")
        .filter(pk=pk)
        .first()
    )
    if family is None:
        raise Http404(_("Famiglia non trovata."))
    _attach_related(family)
    return family


def _attach_related(family: Family) -> None:
    equipe = family.equipe
    entes = Ente.objects.in_bulk({i for i in (family.servizio_riferimento_id, family.ente_segnalante_id) if i})
    users = User.objects.in_bulk({i for i in (family.segnalata_da_id, equipe and equipe.case_manager_id,
                                              equipe and equipe.coach_id) if i})
    for obj, name, pk, found in ((family, "servizio_riferimento", family.servizio_riferimento_id, entes),
                                 (family, "ente_segnalante", family.ente_segnalante_id, entes),
                                 (family, "segnalata_da", family.segnalata_da_id, users),
                                 (equipe, "case_manager", equipe and equipe.case_manager_id, users),
                                 (equipe, "coach", equipe and equipe.coach_id, users)):
        if obj is not None:
            relation = cast("ForeignKey[Any, Any]", type(obj)._meta.get_field(name))  # every name above is a foreign key
            relation.set_cached_value(obj, found.get(pk) if pk else None)


def get_family_for_change(user: User, pk: int) -> Family:
    """The family for an edit: 404 outside the scope, 403 when visible but not the user's to change."""
    family = get_family_for(user, pk)
    if not can_change_family(user, family):
        raise PermissionDenied(_("Non puoi modificare questa famiglia: chiedi al case manager."))
    return family


def get_family_for_transition(user: User, pk: int) -> Family:
    family = get_family_for(user, pk)
    require_move_family(user, family)
    return family


def family_list(user: User, *, q: str = "", stato: str = "", comune: int | None = None, implementazione: int | None = None,
                equipe: int | None = None) -> QuerySet[Family]:
    families = families_visible_to(user)
    q = q.strip()
    if q:
        people = Person.objects.filter(family=OuterRef("pk")).filter(
            Q(cognome__icontains=q) | Q(nome__icontains=q) | Q(codice_fiscale__iexact=q)
        )
        families = families.filter(Q(nome__icontains=q) | Q(codice__iexact=q) | Exists(people))
    if stato:
        families = families.filter(stato=stato)
    if comune:
        families = families.filter(comune_id=comune)
    if implementazione:
        families = families.filter(implementazione_id=implementazione)
    if equipe:
        families = families.filter(equipe_id=equipe)
    return (
        families.select_related("comune", "equipe", "implementazione")
        # Subqueries rather than a join with GROUP BY: the paginator's count() leaves them out.
        .annotate(n_persone=_count_persons(), n_target=_count_persons(target=True))
        .order_by("nome", "pk")
    )


def _count_persons(**conditions: Any) -> Coalesce:
    rows = (Person.objects.filter(family=OuterRef("pk"), **conditions).order_by().values("family")
            .annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def family_members(family: Family) -> list[Person]:
    return list(family.persone.order_by("data_nascita", "pk"))


def state_counts(families: QuerySet[Family]) -> dict[str, int]:
    """Families per state, in the path's order, zeros included."""
    rows = dict(families.order_by().values_list("stato").annotate(n=Count("pk")))
    return {value: rows.get(value, 0) for value in Stato.values}


def due_date(family: Family) -> date:
    """When the family's next step is due: the cohort's T1 and end dates, else a delay after the state began."""
    cohort = family.implementazione
    start, months = (cohort.data_inizio, cohort.durata_mesi) if cohort else (None, None)
    return _due_on(family.stato, family.stato_dal, start, months)


def _due_on(stato: str, stato_dal: datetime, cohort_start: date | None, cohort_months: int | None) -> date:
    _label, days = NEXT_STEP[stato]
    if stato == Stato.IN_CORSO and cohort_start and cohort_months is not None:
        return cohort_t1(cohort_start, cohort_months)
    if stato == Stato.T1 and cohort_start and cohort_months is not None:
        return cohort_end(cohort_start, cohort_months)
    return timezone.localtime(stato_dal).date() + timedelta(days=days or 30)


@dataclass(frozen=True)
class DueFamily:
    pk: int
    nome: str


def due_items(user: User, *, today: date | None = None, limit: int = 20) -> list[dict[str, Any]]:
    """What is due on the user's active families, soonest first (one query; plain rows, not models, since a
    case manager may follow a hundred families and the page shows twenty)."""
    today = today or timezone.localdate()
    rows = (
        families_visible_to(user)
        .filter(stato__in=[Stato.SEGNALATA, Stato.PREASSESSMENT, *ACTIVE_STATES])
        .order_by("stato_dal")
        .values_list("pk", "nome", "stato", "stato_dal", "implementazione__data_inizio",
                     "implementazione__durata_mesi")[:500]
    )
    dated = sorted(((_due_on(stato, stato_dal, start, months), pk, nome, stato)
                    for pk, nome, stato, stato_dal, start, months in rows), key=lambda row: row[0])
    return [{"family": DueFamily(pk, nome), "what": gettext(NEXT_STEP[stato][0]), "due": due,
             "overdue": due < today, "soon": today <= due <= today + timedelta(days=14)}
            for due, pk, nome, stato in dated[:limit]]


def own_family_for(user: User) -> Family | None:
    """The family a parent or young person belongs to (the portal's only family)."""
    scope = get_scope(user)
    if "famiglia" not in scope.roles:
        return None
    return (
        Family.objects.filter(persone__user=user, ambito_id__in=scope.ambiti)
        .select_related("equipe__case_manager", "comune")
        .first()
    )


def family_record(family: Family) -> Family:
    """`family` (from a scoped getter) with its members and its path's events, with their authors, loaded."""
    prefetch_related_objects([family], "persone", "eventi__by")
    return family


def family_member(family: Family, pk: int) -> Person | None:
    """A member of `family` by id; None for a member of another family."""
    return family.persone.filter(pk=pk).first()


def family_members_in(family: Family, pks: list[int]) -> list[Person]:
    """The members of `family` among `pks`; ids of other families' members are left out."""
    return list(family.persone.filter(pk__in=pks))


def consent_givers(family: Family, on: date) -> QuerySet[Person]:
    """The members who may give a consent on `on`: not recorded as minors, and 18 or older when born on a known
    day (a member with no birth date is taken at their role)."""
    born_before = on.replace(year=on.year - ADULT_AGE) if not (on.month == 2 and on.day == 29) \
        else on.replace(year=on.year - ADULT_AGE, day=28)
    return (family.persone.exclude(ruolo=Person.Ruolo.MINORE)
            .exclude(data_nascita__gt=born_before))


def inclusion_date(family: Family) -> date | None:
    """The day the family was included in the programme (its last step into «inclusa»); None if never."""
    at = (PathEvent.objects.filter(family=family, to_state=Stato.INCLUSA).order_by("-at")
          .values_list("at", flat=True).first())
    return timezone.localtime(at).date() if at else None
