"""Reads of family records. Every query for a family's personal data starts here."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, cast

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, ForeignKey, IntegerField, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.db.models.query import prefetch_related_objects
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from organisation.models import Ente, Equipe, add_months
from organisation.scope import get_scope

from .deadlines import Cohort, Due, due_on
from .duplicates import Evidence, PersonKey, candidate_pairs, match
from .models import ADULT_AGE, DismissedPair, Family, PathEvent, Person, PersonMerge, Stato
from .path import ACTIVE_STATES
from .policies import can_change_family, require_merge, require_move_family


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


# The states with a next step that has a date (families.deadlines).
DUE_STATES = (Stato.SEGNALATA, Stato.PREASSESSMENT, *ACTIVE_STATES)
_DUE_FIELDS = ("stato", "stato_dal", "avvio", "implementazione__nome", "implementazione__data_inizio",
               "implementazione__durata_mesi", "implementazione__t1_mesi_minimi",
               "implementazione__t2_mesi_minimi")


def _intervention_start() -> Subquery:
    """The family's first entry in "intervento in corso" (an annotation on a queryset of families)."""
    return Subquery(PathEvent.objects.filter(family=OuterRef("pk"), to_state=Stato.IN_CORSO)
                    .order_by("at").values("at")[:1])


def _due_of_row(stato: str, stato_dal: datetime, avvio: datetime | None, nome: str | None, start: date | None,
                months: int | None, t1_min: int | None, t2_min: int | None) -> Due:
    cohort = (Cohort(nome=nome or "", data_inizio=start, durata_mesi=months, t1_mesi_minimi=t1_min or 0,
                     t2_mesi_minimi=t2_min or 0) if start is not None and months is not None else None)
    return due_on(stato=stato, stato_dal=stato_dal, avvio=avvio, cohort=cohort)


def next_step(family: Family) -> Due | None:
    """The family's next step, its date and why (the family page); None on a closed path. One query for the
    start of the intervention, only when T1 or T2 is next."""
    if family.stato not in DUE_STATES:
        return None
    avvio = None
    if family.stato in (Stato.IN_CORSO, Stato.T1):
        avvio = (PathEvent.objects.filter(family=family, to_state=Stato.IN_CORSO).order_by("at")
                 .values_list("at", flat=True).first())
    cohort = family.implementazione
    return _due_of_row(family.stato, family.stato_dal, avvio, cohort.nome if cohort else None,
                       cohort.data_inizio if cohort else None, cohort.durata_mesi if cohort else None,
                       cohort.t1_mesi_minimi if cohort else None, cohort.t2_mesi_minimi if cohort else None)


def due_date(family: Family) -> date:
    """When the family's next step is due (families.deadlines); for a family on a closed path, never."""
    step = next_step(family)
    return step.on if step is not None else date.max


@dataclass(frozen=True)
class DueRow:
    pk: int
    nome: str
    codice: str
    equipe_id: int | None
    stato: str
    due: Due


def due_rows(families: QuerySet[Family], *, limit: int = 500) -> list[DueRow]:
    """The next step of each family with one (oldest in their state first, up to `limit`), in one query of plain
    rows: a case manager may follow a hundred families, an RT a thousand."""
    rows = (families.filter(stato__in=DUE_STATES).annotate(avvio=_intervention_start()).order_by("stato_dal")
            .values_list("pk", "nome", "codice", "equipe_id", *_DUE_FIELDS)[:limit])
    return [DueRow(pk, nome, codice, equipe_id, stato, _due_of_row(stato, *rest))
            for pk, nome, codice, equipe_id, stato, *rest in rows]


def overdue_by_state(families: QuerySet[Family], *, today: date | None = None) -> dict[str, int]:
    """Families whose next step is overdue, by state (the reports' count; one query)."""
    today = today or timezone.localdate()
    late: dict[str, int] = {}
    for row in due_rows(families, limit=100_000):
        if row.due.overdue(today):
            late[row.stato] = late.get(row.stato, 0) + 1
    return late


@dataclass(frozen=True)
class DueFamily:
    pk: int
    nome: str
    codice: str = ""


def due_items(user: User, *, today: date | None = None, limit: int = 20,
              families: QuerySet[Family] | None = None, only_overdue: bool = False) -> list[dict[str, Any]]:
    """What is due on the user's active families (or on `families`, among them), soonest first: one query."""
    today = today or timezone.localdate()
    visible = families_visible_to(user) if families is None else families
    dated = sorted(due_rows(visible), key=lambda row: (row.due.on, row.pk))
    if only_overdue:
        dated = [row for row in dated if row.due.overdue(today)]
    return [{"family": DueFamily(row.pk, row.nome, row.codice), "what": row.due.what, "due": row.due.on,
             "why": row.due.why, "overdue": row.due.overdue(today),
             "soon": today <= row.due.on <= today + timedelta(days=14)}
            for row in dated[:limit]]


def equipes_among(*, equipe_ids: frozenset[int] | None = None,
                  ambito_ids: frozenset[int] | None = None) -> QuerySet[Equipe]:
    """The équipe with these ids, or those of these ambiti (the coach's, the RT's)."""
    condition = Q(pk__in=equipe_ids or ()) | Q(ambito_id__in=ambito_ids or ())
    return Equipe.objects.filter(condition)


@dataclass
class EquipeLate:
    equipe_id: int | None
    nome: str
    active: int = 0  # families with a next step (from the segnalazione to T2)
    late: int = 0  # of which overdue


def late_overview(families: QuerySet[Family], equipes: QuerySet[Equipe], *, today: date | None = None,
                  limit: int = 10) -> dict[str, Any]:
    """For the coach (their équipe) and the RT (the ambito's): per équipe, the families on the path and those
    whose next step is overdue, and the most overdue steps. Three queries whatever the number of families."""
    today = today or timezone.localdate()
    rows: dict[int | None, EquipeLate] = {pk: EquipeLate(pk, nome) for pk, nome in
                                          equipes.order_by("nome").values_list("pk", "nome")}
    for equipe_id, n in (families.filter(stato__in=DUE_STATES).order_by().values_list("equipe_id")
                         .annotate(n=Count("pk"))):
        rows.setdefault(equipe_id, EquipeLate(equipe_id, _("Senza équipe"))).active = n
    late = sorted((row for row in due_rows(families, limit=100_000) if row.due.overdue(today)),
                  key=lambda row: (row.due.on, row.pk))
    for row in late:
        rows.setdefault(row.equipe_id, EquipeLate(row.equipe_id, _("Senza équipe"))).late += 1
    return {"equipes": list(rows.values()), "n_late": len(late),
            "late": [{"family": DueFamily(row.pk, row.nome, row.codice), "what": row.due.what, "due": row.due.on,
                      "why": row.due.why} for row in late[:limit]]}


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
    born_before = add_months(on, -12 * ADULT_AGE)  # 29 February falls back to the 28th
    return (family.persone.exclude(ruolo=Person.Ruolo.MINORE)
            .exclude(data_nascita__gt=born_before))


def inclusion_date(family: Family) -> date | None:
    """The day the family was included in the programme (its last step into «inclusa»); None if never."""
    at = (PathEvent.objects.filter(family=family, to_state=Stato.INCLUSA).order_by("-at")
          .values_list("at", flat=True).first())
    return timezone.localtime(at).date() if at else None


# --- Duplicates: the candidate pairs of the user's families, and one pair to merge ---------------------------

@dataclass(frozen=True)
class DuplicateCandidate:
    a: Person
    b: Person
    evidence: Evidence

    @property
    def same_family(self) -> bool:
        return self.a.family_id == self.b.family_id

    @property
    def same_comune(self) -> bool:
        return self.a.family.comune_id == self.b.family.comune_id


def duplicate_families(user: User) -> QuerySet[Family]:
    """The families whose persons the user checks for duplicates: the RT's ambito, the case manager's équipe."""
    scope = get_scope(user)
    condition = Q()
    if scope.rt_ambiti:
        condition |= Q(ambito_id__in=scope.rt_ambiti)
    if scope.managed_equipe_ids:
        condition |= Q(equipe_id__in=scope.managed_equipe_ids)
    if not condition:
        return Family.objects.none()
    return families_visible_to(user).filter(condition)


def _candidate_ids(user: User) -> list[tuple[int, int, Evidence]]:
    """One fetch of the keys of every person in scope, matched in Python ambito by ambito (never across two),
    less the pairs someone dismissed: three queries at most, whatever the number of persons."""
    families = duplicate_families(user)
    rows = Person.objects.filter(family__in=families).order_by("pk").values_list(
        "pk", "ambito_id", "nome", "cognome", "data_nascita", "codice_fiscale", "sesso")
    by_ambito: defaultdict[int, list[tuple[int, PersonKey]]] = defaultdict(list)
    for pk, ambito_id, nome, cognome, born, cf, sesso in rows:
        by_ambito[ambito_id].append((pk, PersonKey(nome=nome, cognome=cognome, data_nascita=born,
                                                   codice_fiscale=cf, sesso=sesso)))
    pairs = [pair for keys in by_ambito.values() for pair in candidate_pairs(keys)]
    if not pairs:
        return []
    dismissed = set(DismissedPair.objects.filter(ambito_id__in=by_ambito.keys())
                    .values_list("person_low_id", "person_high_id"))
    return [(a, b, e) for a, b, e in pairs if (min(a, b), max(a, b)) not in dismissed]


def duplicate_candidates(user: User) -> list[DuplicateCandidate]:
    """The candidate pairs with their persons, families and comuni, the pairs across comuni first."""
    pairs = _candidate_ids(user)
    if not pairs:
        return []
    ids = {pk for a, b, _e in pairs for pk in (a, b)}
    persons = Person.objects.select_related("family", "family__comune").in_bulk(ids)
    found = [DuplicateCandidate(a=persons[a], b=persons[b], evidence=e) for a, b, e in pairs]
    found.sort(key=lambda c: (c.same_comune, c.evidence.kind != "codice_fiscale", c.a.cognome, c.a.nome, c.a.pk))
    return found


def duplicate_count(user: User) -> int:
    """For the dashboard, opened all day: the number of pairs, matched again only when a person of the scope or
    a dismissal changed (two aggregate queries say so), else taken from the cache."""
    families = duplicate_families(user)
    persons = Person.objects.filter(family__in=families).aggregate(n=Count("pk"), last=Max("updated_at"), top=Max("pk"))
    scope = get_scope(user)
    dismissed = DismissedPair.objects.filter(ambito_id__in=scope.rt_ambiti | scope.ambiti).aggregate(
        n=Count("pk"), top=Max("pk"))
    if not persons["n"]:
        return 0
    key = "duplicates:{}:{}:{}:{}:{}:{}".format(
        user.pk, persons["n"], persons["last"] and persons["last"].timestamp(), persons["top"], dismissed["n"],
        dismissed["top"])
    count = cache.get(key)
    if count is None:
        count = len(_candidate_ids(user))
        cache.set(key, count, timeout=3600)
    return int(count)


def get_pair_for_merge(user: User, a_pk: int, b_pk: int) -> tuple[Person, Person, Evidence | None]:
    """Two persons the user may merge: 404 unless both are in scope (and two), 403 when they are not theirs to
    merge. The evidence is the matcher's, or None when the user paired them by hand."""
    if a_pk == b_pk:
        raise Http404(_("Persona non trovata."))
    found = (Person.objects.filter(family__in=families_visible_to(user), pk__in=[a_pk, b_pk])
             .select_related("family", "family__comune", "family__equipe").in_bulk())
    if len(found) != 2:
        raise Http404(_("Persona non trovata."))
    a, b = found[a_pk], found[b_pk]
    require_merge(user, a.family, b.family)
    return a, b, match(_key_of(a), _key_of(b))


def _key_of(person: Person) -> PersonKey:
    return PersonKey(nome=person.nome, cognome=person.cognome, data_nascita=person.data_nascita,
                     codice_fiscale=person.codice_fiscale, sesso=person.sesso)


def merged_into(user: User, person_pk: int) -> Person | None:
    """Where a person merged away now lives, if the user may see it: their old links lead there."""
    merge = PersonMerge.objects.filter(merged_person_id=person_pk, kept__isnull=False).first()
    if merge is None or merge.kept_id is None:
        return None
    return Person.objects.filter(pk=merge.kept_id, family__in=families_visible_to(user)).first()
