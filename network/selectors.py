"""Reads of the network's records. Every query for an intake or a referral starts here.

- the directory and the protocols are read by the staff of the ambito, managed by the RT and the tutor;
- the tutor sees the intakes and referrals they handle, the RT all those of the ambito;
- a receiving service (an operator or case manager whose membership's ente offers the service) sees
  only the referrals sent to it, with the minimum of the intake;
- amministrativo and governance see counts only.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from accounts.models import User
from organisation.models import Ambito
from organisation.scope import get_scope

from .models import NEEDS, Diritto, Intake, IntakeChild, IntakeNeed, Protocol, Referral, Service

# handles_intakes and sees_referrals are still imported from here by api (outside this change): drop them from this
# line once it imports them from network.policies.
from .policies import (  # noqa: F401
    can_change_intake,
    can_manage_network,
    count_ambiti,
    directory_ambiti,
    handles_intakes,
    manager_ambiti,
    referral_reach,
    sees_referrals,
)

EXPIRY_WARNING_DAYS = 60


# --- the user's reach --------------------------------------------------------------------------
def network_ambito_for(user: User) -> Ambito | None:
    """The ambito where the user's new intakes, services and protocols go."""
    return Ambito.objects.filter(pk__in=manager_ambiti(user)).order_by("nome").first()


# --- directory -------------------------------------------------------------------------------
def services_visible_to(user: User) -> QuerySet[Service]:
    return Service.objects.filter(ambito_id__in=directory_ambiti(user))


def get_service_for(user: User, pk: int) -> Service:
    service = (services_visible_to(user).select_related("ambito", "ente", "comune").filter(pk=pk).first())
    if service is None:
        raise Http404(_("Servizio non trovato."))
    return service


def get_service_for_change(user: User, pk: int) -> Service:
    service = get_service_for(user, pk)
    if not can_manage_network(user, service.ambito_id):
        raise PermissionDenied(_("Solo il Referente Territoriale e la tutor territoriale aggiornano la mappatura."))
    return service


def service_list(user: User, *, q: str = "", area: str = "", comune: int | None = None, lingua: str = "",
                 only_active: bool = True) -> QuerySet[Service]:
    services = services_visible_to(user)
    q = q.strip()
    if q:
        services = services.filter(Q(nome__icontains=q) | Q(ente__nome__icontains=q) | Q(ente_testo__icontains=q)
                                   | Q(come_accedere__icontains=q) | Q(indirizzo__icontains=q))
    if area:
        services = services.filter(area=area)
    if comune:
        services = services.filter(comune_id=comune)
    if lingua.strip():
        services = services.filter(lingue__icontains=lingua.strip())
    if only_active:
        services = services.filter(attivo=True)
    return services.select_related("ente", "comune").order_by("area", "nome", "pk")


# --- intakes ---------------------------------------------------------------------------------
def intakes_visible_to(user: User) -> QuerySet[Intake]:
    """The tutor's own intakes in their ambito; all the ambito's for the RT."""
    scope = get_scope(user)
    condition = Q()
    if scope.rt_ambiti:
        condition |= Q(ambito_id__in=scope.rt_ambiti)
    if scope.tutor_ambiti:
        condition |= Q(ambito_id__in=scope.tutor_ambiti, tutor=user)
    if not condition:
        return Intake.objects.none()
    return Intake.objects.filter(condition)


def get_intake_for(user: User, pk: int) -> Intake:
    intake = (intakes_visible_to(user).select_related("ambito", "comune", "tutor", "family").filter(pk=pk).first())
    if intake is None:
        raise Http404(_("Contatto non trovato."))
    return intake


def get_intake_for_change(user: User, pk: int) -> Intake:
    intake = get_intake_for(user, pk)
    if not can_change_intake(user, intake):
        raise PermissionDenied(_("Solo la tutor che segue il contatto o il Referente Territoriale possono modificarlo."))
    return intake


def intake_list(user: User, *, q: str = "", stato: str = "", bisogno: str = "") -> QuerySet[Intake]:
    intakes = intakes_visible_to(user)
    q = q.strip()
    if q:
        intakes = intakes.filter(Q(cognome__icontains=q) | Q(nome__icontains=q) | Q(codice_fiscale__iexact=q))
    if stato:
        intakes = intakes.filter(stato=stato)
    if bisogno:
        intakes = intakes.filter(bisogni__diritto=bisogno)
    return (intakes.select_related("comune", "tutor")
            .annotate(n_figli=Count("figli", distinct=True), n_invii=Count("invii", distinct=True))
            .order_by("-data_contatto", "-pk"))


def find_duplicate_intake(*, ambito_id: int, cognome: str, nome: str, data_nascita: date | None,
                          codice_fiscale: str, exclude_pk: int | None = None) -> Intake | None:
    """An intake of the same person in the ambito: same codice fiscale, or same names and birth date."""
    condition = Q()
    if codice_fiscale:
        condition |= Q(codice_fiscale=codice_fiscale)
    if data_nascita:
        condition |= Q(cognome__iexact=cognome.strip(), nome__iexact=nome.strip(), data_nascita=data_nascita)
    if not condition:
        return None
    found = Intake.objects.filter(condition, ambito_id=ambito_id)
    if exclude_pk is not None:
        found = found.exclude(pk=exclude_pk)
    return found.order_by("pk").first()


# --- referrals -------------------------------------------------------------------------------
def referrals_visible_to(user: User) -> QuerySet[Referral]:
    """The referrals of the intakes the user handles, and those sent to the user's service."""
    condition = referral_reach(user)
    if not condition:
        return Referral.objects.none()
    return Referral.objects.filter(condition)


def is_receiving_only(user: User, referral: Referral) -> bool:
    """True when the user sees the referral only as its receiving service (minimum intake data)."""
    return not intakes_visible_to(user).filter(pk=referral.intake_id).exists()


def get_referral_for(user: User, pk: int) -> Referral:
    referral = (referrals_visible_to(user)
                .select_related("ambito", "intake", "intake__comune", "intake__tutor", "service", "service__ente",
                                "service__comune", "inviato_da")
                .filter(pk=pk).first())
    if referral is None:
        raise Http404(_("Invio non trovato."))
    return referral


def referral_list(user: User, *, stato: str = "", area: str = "") -> QuerySet[Referral]:
    referrals = referrals_visible_to(user)
    if stato:
        referrals = referrals.filter(stato=stato)
    if area:
        referrals = referrals.filter(area=area)
    return referrals.select_related("intake", "service", "service__comune").order_by("-data_invio", "-pk")


# --- caseload and counts ---------------------------------------------------------------------
def week_bounds(today: date) -> tuple[date, date]:
    start = today - timedelta(days=today.weekday())
    return start, start + timedelta(days=6)


def caseload(user: User, *, today: date | None = None) -> dict[str, Any]:
    """The tutor's desk: open intakes (with their needs and referrals: the rights at a glance),
    referrals waiting for an answer, follow-ups due this week. A constant number of queries."""
    today = today or timezone.localdate()
    _start, end = week_bounds(today)
    referrals = referrals_visible_to(user).filter(intake__in=intakes_visible_to(user))
    open_intakes = list(
        intakes_visible_to(user).filter(stato=Intake.Stato.APERTO)
        .select_related("comune", "family")
        .prefetch_related(Prefetch("bisogni", queryset=IntakeNeed.objects.order_by("diritto")),
                          Prefetch("invii", queryset=Referral.objects.order_by("data_invio", "pk")))
        .order_by("-data_contatto", "-pk")[:200]
    )
    rows = []
    for intake in open_intakes:
        needs = {n.diritto for n in intake.bisogni.all()}
        by_area: dict[str, list[Referral]] = {}
        for referral in intake.invii.all():
            by_area.setdefault(referral.area, []).append(referral)
        rows.append({"intake": intake, "rights": [
            {"diritto": d, "label": d.label, "need": d in needs, "referrals": by_area.get(d, [])} for d in NEEDS]})
    waiting = list(referrals.filter(stato=Referral.Stato.INVIATO)
                   .select_related("intake", "service", "service__comune").order_by("data_invio", "pk")[:100])
    due = list(referrals.filter(follow_up_il__lte=end, stato__in=[Referral.Stato.INVIATO, Referral.Stato.ACCOLTO,
                                                                    Referral.Stato.PRESO_IN_CARICO])
               .select_related("intake", "service", "service__comune").order_by("follow_up_il", "pk")[:100])
    for referral in due:
        # (a mark for the table only; follow_up_il is set on every row of `due`)
        referral.overdue = bool(referral.follow_up_il and referral.follow_up_il < today)  # type: ignore[attr-defined]
    return {"rows": rows, "waiting": waiting, "due": due, "needs": NEEDS, "week_end": end}


def tutor_todo(user: User, *, today: date | None = None, limit: int = 8) -> dict[str, Any]:
    """The tutor's dashboard: open contacts with no referral yet, referrals waiting for the service's answer
    (oldest first) and follow-ups due within a week. Three queries whatever the number of contacts."""
    today = today or timezone.localdate()
    mine = intakes_visible_to(user)
    no_referral = list(mine.filter(stato=Intake.Stato.APERTO).exclude(Exists(Referral.objects.filter(
        intake=OuterRef("pk")))).only("pk", "cognome", "nome", "data_contatto").order_by("data_contatto", "pk")[:limit])
    referrals = (referrals_visible_to(user).filter(intake__in=mine).select_related("intake", "service")
                 .only("pk", "data_invio", "follow_up_il", "stato", "intake__cognome", "intake__nome",
                       "service__nome"))
    waiting = list(referrals.filter(stato=Referral.Stato.INVIATO).order_by("data_invio", "pk")[:limit])
    follow_ups = list(referrals.filter(follow_up_il__lte=today + timedelta(days=7), stato__in=[
        Referral.Stato.INVIATO, Referral.Stato.ACCOLTO, Referral.Stato.PRESO_IN_CARICO])
        .order_by("follow_up_il", "pk")[:limit])
    for referral in waiting:
        referral.days_waiting = (today - referral.data_invio).days  # type: ignore[attr-defined]
    for referral in follow_ups:
        referral.overdue = bool(referral.follow_up_il and referral.follow_up_il < today)  # type: ignore[attr-defined]
    return {"no_referral": no_referral, "waiting": waiting, "follow_ups": follow_ups}


@dataclass
class Counts:
    contatti: int
    figli: int
    persone: int
    accompagnamenti: int
    famiglie_convertite: int
    by_need: list[tuple[str | Promise, int]]
    invii: int
    referrals_by_state: list[tuple[str | Promise, int]]
    referrals_by_area: list[tuple[str | Promise, int]]


def counts_scope(user: User) -> QuerySet[Intake]:
    """The intakes whose counts the user may see: the tutor's own, the ambito's for RT/amministrativo/governance."""
    scope = get_scope(user)
    condition = Q()
    aggregate = count_ambiti(user)
    if aggregate:
        condition |= Q(ambito_id__in=aggregate)
    if scope.tutor_ambiti:
        condition |= Q(ambito_id__in=scope.tutor_ambiti, tutor=user)
    if not condition:
        return Intake.objects.none()
    return Intake.objects.filter(condition)


def network_counts(user: User, *, dal: date, al: date) -> Counts:
    """What the seed reports, for the period: people reached, personalised accompaniments, needs, referrals.
    Intakes count by their first-contact date, referrals by their date; aggregated in SQL."""
    intakes = counts_scope(user).filter(data_contatto__gte=dal, data_contatto__lte=al)
    totals = intakes.aggregate(
        contatti=Count("pk"),
        accompagnamenti=Count("pk", filter=Q(accompagnamento=True)),
        convertite=Count("pk", filter=Q(family__isnull=False)),
    )
    figli = IntakeChild.objects.filter(intake__in=intakes).count()
    needs = dict(IntakeNeed.objects.filter(intake__in=intakes).order_by().values_list("diritto")
                 .annotate(n=Count("intake_id", distinct=True)))
    referrals = Referral.objects.filter(intake__in=counts_scope(user), data_invio__gte=dal, data_invio__lte=al)
    by_state = dict(referrals.order_by().values_list("stato").annotate(n=Count("pk")))
    by_area = dict(referrals.order_by().values_list("area").annotate(n=Count("pk")))
    return Counts(
        contatti=totals["contatti"], figli=figli, persone=totals["contatti"] + figli,
        accompagnamenti=totals["accompagnamenti"], famiglie_convertite=totals["convertite"],
        by_need=[(d.label, needs.get(d, 0)) for d in NEEDS],
        invii=sum(by_state.values()),
        referrals_by_state=[(s.label, by_state.get(s, 0)) for s in Referral.Stato],
        referrals_by_area=[(d.label, by_area.get(d, 0)) for d in Diritto],
    )


# --- protocols -------------------------------------------------------------------------------
def protocols_visible_to(user: User) -> QuerySet[Protocol]:
    return Protocol.objects.filter(ambito_id__in=directory_ambiti(user))


def get_protocol_for(user: User, pk: int) -> Protocol:
    protocol = protocols_visible_to(user).select_related("ambito", "registrato_da").filter(pk=pk).first()
    if protocol is None:
        raise Http404(_("Protocollo non trovato."))
    return protocol


def protocols_expiring(*, ambito_ids: Iterable[int], today: date | None = None, days: int = EXPIRY_WARNING_DAYS) -> QuerySet[Protocol]:
    """Protocols not yet expired that expire within `days` from today, soonest first."""
    today = today or timezone.localdate()
    return (Protocol.objects.filter(ambito_id__in=ambito_ids, scadenza__gte=today,
                                    scadenza__lte=today + timedelta(days=days))
            .order_by("scadenza", "pk"))


def protocols_expiring_for(user: User, *, today: date | None = None) -> QuerySet[Protocol]:
    return protocols_expiring(ambito_ids=manager_ambiti(user), today=today)


def single_ambito_of(user: User) -> int | None:
    """The user's ambito when they work in one only (the audit log files a list under it)."""
    ambiti = get_scope(user).ambiti
    return next(iter(ambiti)) if len(ambiti) == 1 else None
