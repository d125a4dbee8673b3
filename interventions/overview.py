"""The dispositivi of each family at a glance (the case manager's overview): which dispositivi are
active and how intense they were in the last weeks. Three queries whatever the number of families.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce, TruncWeek
from django.utils import timezone

from families.models import Family
from families.path import ACTIVE_STATES
from families.selectors import families_visible_to
from organisation.scope import get_scope

from .models import DISPOSITIVO_OF, Assegnazione, Intervento, Iscrizione
from .selectors import MIN_WEEKLY_HOURS, week_start

WEEKS = 8

# Dispositivi kept by the apps above this one (school, vicinanza solidale): each registers, from its
# AppConfig.ready, the code shown in the overview and a subquery telling whether a family (OuterRef "pk") has it.
DISPOSITIVO_FLAGS: dict[str, Callable[[], Exists]] = {}


def register_dispositivo_flag(code: str, has_it: Callable[[], Exists]) -> None:
    DISPOSITIVO_FLAGS[code] = has_it


def overview_families(user) -> QuerySet[Family]:
    scope = get_scope(user)
    return (families_visible_to(user).exclude(equipe_id__in=scope.restricted_equipe_ids)
            .filter(stato__in=ACTIVE_STATES))


@dataclass
class FamilyRow:
    family: Family
    weeks: list[float] = field(default_factory=list)
    dispositivi: list[str] = field(default_factory=list)

    @property
    def last_week(self) -> float:
        return self.weeks[-2] if len(self.weeks) > 1 else 0.0

    @property
    def below(self) -> bool:
        return bool(self.family.planned_weekly) and self.last_week < MIN_WEEKLY_HOURS

    def bars(self, *, width: int = 96, height: int = 24) -> list[dict]:
        top = max([*self.weeks, MIN_WEEKLY_HOURS])
        step = width / max(len(self.weeks), 1)
        return [{"x": round(i * step + 1, 1), "w": round(step - 2, 1), "h": round(h / top * height, 1),
                 "y": round(height - h / top * height, 1), "hours": round(h, 1)} for i, h in enumerate(self.weeks)]


def family_overview(user, *, today: date | None = None, equipe: int | None = None) -> list[FamilyRow]:
    today = today or timezone.localdate()
    first = week_start(today) - timedelta(weeks=WEEKS - 1)
    families = overview_families(user)
    if equipe:
        families = families.filter(equipe_id=equipe)
    planned = (Assegnazione.objects.filter(family=OuterRef("pk"), data_inizio__lte=today)
               .exclude(data_fine__lt=today).order_by().values("family")
               .annotate(total=Sum("ore_settimanali")).values("total"))
    families = (families.select_related("equipe", "comune")
                .annotate(planned_weekly=Coalesce(Subquery(planned), None),
                          flag_gruppi=Exists(Iscrizione.objects.filter(family=OuterRef("pk"))),
                          **{f"flag_{code}": has_it() for code, has_it in DISPOSITIVO_FLAGS.items()})
                .order_by("equipe__nome", "codice"))
    rows = {f.pk: FamilyRow(f, weeks=[0.0] * WEEKS) for f in families}
    if not rows:
        return []
    hours = (Intervento.objects.filter(family_id__in=rows, data__gte=first, data__lte=today)
             .annotate(week=TruncWeek("data")).values("family_id", "week", "servizio")
             .annotate(minutes=Sum("durata_minuti")).order_by())
    for h in hours:
        row = rows[h["family_id"]]
        week = h["week"].date() if hasattr(h["week"], "date") else h["week"]
        index = (week - first).days // 7
        if 0 <= index < WEEKS:
            row.weeks[index] += h["minutes"] / 60
        dispositivo = DISPOSITIVO_OF.get(h["servizio"], "altro")
        if dispositivo not in row.dispositivi:
            row.dispositivi.append(dispositivo)
    for row in rows.values():
        for code in ("gruppi", *DISPOSITIVO_FLAGS):
            if getattr(row.family, f"flag_{code}") and code not in row.dispositivi:
                row.dispositivi.append(code)
    return list(rows.values())
