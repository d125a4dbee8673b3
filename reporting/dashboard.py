"""The programme's dashboard by cohort and équipe: families by state and the time they spend in each,
dispositivi active, referrals by outcome, T0→T2 change. A constant number of queries; no names."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count
from django.utils import timezone

from families.models import PathEvent, Stato
from families.path import ACTIVE_STATES
from families.selectors import overdue_by_state
from interventions.models import DISPOSITIVO_OF, Intervento, Presenza
from network.models import Referral
from plans.models import Dispositivo

from .indicators import mdb_change

RECENT_WEEKS = 4


@dataclass
class StateRow:
    code: str
    label: str
    families: int
    avg_days: float | None  # average stay in the state, closed stays and current ones
    width: float = 0.0


@dataclass
class Dashboard:
    states: list[StateRow] = field(default_factory=list)
    total: int = 0
    dispositivi: list[tuple[str, int]] = field(default_factory=list)
    referrals: list[tuple[str, int]] = field(default_factory=list)
    mdb: list[dict] = field(default_factory=list)
    overdue: list[tuple[str, str, int]] = field(default_factory=list)  # (state code, label, families overdue)


def build(families) -> Dashboard:
    now = timezone.now()
    counts = dict(families.order_by().values_list("stato").annotate(n=Count("pk")))
    # Time in state: between consecutive path events of each family; the current stay up to now.
    stays: dict[str, list[float]] = defaultdict(list)
    last: dict[int, tuple[str, object]] = {}
    for family_id, to_state, at in (PathEvent.objects.filter(family__in=families)
                                    .order_by("family_id", "at", "pk").values_list("family_id", "to_state", "at")):
        if family_id in last:
            state, since = last[family_id]
            stays[state].append((at - since).total_seconds() / 86400)
        last[family_id] = (to_state, at)
    for state, since in last.values():
        if state != Stato.CHIUSA:
            stays[state].append((now - since).total_seconds() / 86400)
    dashboard = Dashboard(total=sum(counts.values()))
    top = max(counts.values(), default=0) or 1
    for code, label in Stato.choices:
        days = stays.get(code)
        dashboard.states.append(StateRow(code, str(label), counts.get(code, 0),
                                         round(sum(days) / len(days)) if days else None,
                                         round(counts.get(code, 0) / top * 100, 1)))
    # Dispositivi active in the last weeks, among the families in the programme.
    since = timezone.localdate() - timedelta(weeks=RECENT_WEEKS)
    active = families.filter(stato__in=ACTIVE_STATES)
    per: dict[str, set[int]] = defaultdict(set)
    for family_id, servizio in (Intervento.objects.filter(family__in=active, data__gte=since)
                                .values_list("family_id", "servizio").distinct()):
        per[DISPOSITIVO_OF.get(servizio, "altro")].add(family_id)
    for family_id in (Presenza.objects.filter(iscrizione__family__in=active, incontro__data__gte=since)
                      .values_list("iscrizione__family_id", flat=True).distinct()):
        per["gruppi"].add(family_id)
    labels = {k: str(v) for k, v in Dispositivo.choices}
    dashboard.dispositivi = sorted(((labels.get(k, k), len(v)) for k, v in per.items()), key=lambda r: -r[1])
    # Referrals of the network by outcome (the ambiti of these families).
    ambiti = families.order_by().values("ambito_id").distinct()
    status = {k: str(v) for k, v in Referral.Stato.choices}
    dashboard.referrals = [(status.get(s, s), n) for s, n in Referral.objects.filter(ambito_id__in=ambiti)
                           .order_by().values_list("stato").annotate(n=Count("pk")).order_by("-n")]
    dashboard.mdb = mdb_change(families)
    # Overdue next steps, by state (the rule of the role dashboards: families.deadlines).
    late = overdue_by_state(families)
    labels = dict(Stato.choices)
    dashboard.overdue = [(code, str(labels[code]), n) for code, n in sorted(late.items())]
    return dashboard
