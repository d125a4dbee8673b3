"""Reads of vicinanza solidale, scoped.

- The register of support families and volunteers: the RT, the case managers and the ETS coordinators
  of the ambito (they find and accompany the volunteers).
- A pairing: whoever sees the family with the full view (not a teacher's restricted one), and the
  volunteer it concerns — who sees the agreement and the activity log, nothing else of the case.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from families.models import Family
from families.path import ACTIVE_STATES
from families.policies import can_change_family
from families.selectors import families_visible_to
from interventions.selectors import writer_equipe_ids
from organisation.models import Role
from organisation.scope import get_scope

from .models import Abbinamento, Aiuto, Disponibilita, Sostenitore

REGISTER_ROLES = (Role.RT, Role.CASE_MANAGER, Role.COORDINATORE_ETS)


def register_ambiti(user) -> frozenset[int]:
    return get_scope(user).ambiti_for(*REGISTER_ROLES)


def can_see_register(user) -> bool:
    return bool(register_ambiti(user))


def sostenitori_visible_to(user) -> QuerySet[Sostenitore]:
    return Sostenitore.objects.filter(ambito_id__in=register_ambiti(user))


def get_sostenitore_for(user, pk: int) -> Sostenitore:
    sostenitore = (sostenitori_visible_to(user).select_related("comune", "ente", "user", "famiglia_origine")
                   .filter(pk=pk).first())
    if sostenitore is None:
        raise Http404(_("Famiglia d'appoggio o volontario non trovato."))
    return sostenitore


def register(user, *, q: str = "", stato: str = "", aiuto: str = "", comune: int | None = None):
    qs = sostenitori_visible_to(user)
    if q.strip():
        qs = qs.filter(Q(nome__icontains=q.strip()) | Q(referente__icontains=q.strip()) | Q(lingue__icontains=q.strip()))
    if stato:
        qs = qs.filter(stato=stato)
    if aiuto:
        qs = qs.filter(aiuti__contains=[aiuto]) if _json_contains_supported() else qs.filter(aiuti__icontains=aiuto)
    if comune:
        qs = qs.filter(comune_id=comune)
    return (qs.select_related("comune", "ente")
            .annotate(attivi=Count("abbinamenti", filter=Q(abbinamenti__stato=Abbinamento.Stato.ATTIVO)))
            .order_by("nome", "pk"))


def _json_contains_supported() -> bool:
    from django.db import connection

    return connection.features.supports_json_field_contains


# --- Pairings

def full_view_families(user) -> QuerySet[Family]:
    """The families the user sees with the full view: not those where they sit as a teacher."""
    scope = get_scope(user)
    return families_visible_to(user).exclude(equipe_id__in=scope.restricted_equipe_ids)


def abbinamenti_visible_to(user) -> QuerySet[Abbinamento]:
    return Abbinamento.objects.filter(Q(family__in=full_view_families(user)) | Q(sostenitore__user=user))


def get_abbinamento_for(user, pk: int) -> Abbinamento:
    abbinamento = (abbinamenti_visible_to(user).select_related("family", "sostenitore", "sostenitore__comune")
                   .filter(pk=pk).first())
    if abbinamento is None:
        raise Http404(_("Abbinamento non trovato."))
    return abbinamento


def is_volunteer_view(user, abbinamento: Abbinamento) -> bool:
    """The volunteer sees their pairing without the case: true unless the user sees the family in full."""
    return not full_view_families(user).filter(pk=abbinamento.family_id).exists()


def can_manage_pairing(user, family: Family) -> bool:
    """Proposing, agreeing, reviewing and closing a pairing: the case manager of the équipe, the RT."""
    return can_change_family(user, family)


def can_log_activity(user, abbinamento: Abbinamento) -> bool:
    scope = get_scope(user)
    family = abbinamento.family
    return (abbinamento.sostenitore.user_id == user.pk or family.ambito_id in scope.rt_ambiti
            or family.equipe_id in writer_equipe_ids(user))


def pairings_of_family(family: Family) -> list[Abbinamento]:
    return list(family.abbinamenti.select_related("sostenitore").annotate(n_attivita=Count("attivita"))
                .order_by("-created_at"))


def my_pairings(user) -> list[Abbinamento]:
    return list(Abbinamento.objects.filter(sostenitore__user=user).select_related("family", "sostenitore")
                .order_by("stato", "-created_at"))


# --- Matching

@dataclass
class Suggestion:
    sostenitore: Sostenitore
    score: int = 0
    reasons: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def proposable(self) -> bool:
        return not self.missing


def family_languages(family: Family) -> set[str]:
    words = set()
    for lingue in family.persone.values_list("lingue", flat=True):
        words |= {w.strip().lower() for w in (lingue or "").split(",") if w.strip()}
    return words - {"italiano"}


def suggest_matches(family: Family, *, bisogni: list[str], disponibilita: list[str]) -> list[Suggestion]:
    """Support families and volunteers of the ambito, best first; those whose checks are not done last.

    Same comune counts most (vicinanza means nearness), then a shared language other than Italian,
    then each requested kind of help and availability they offer; each pairing already active counts
    against (nobody should carry too many). Three queries, whatever the size of the register.
    """
    languages = family_languages(family)
    candidates = (Sostenitore.objects.filter(ambito_id=family.ambito_id, stato=Sostenitore.Stato.DISPONIBILE)
                  .exclude(famiglia_origine=family)
                  .exclude(abbinamenti__family=family, abbinamenti__stato__in=("proposto", "attivo"))
                  .select_related("comune")
                  .annotate(attivi=Count("abbinamenti", filter=Q(abbinamenti__stato=Abbinamento.Stato.ATTIVO))))
    suggestions = []
    for s in candidates:
        sug = Suggestion(s, missing=s.missing_checks)
        if s.comune_id == family.comune_id:
            sug.score += 3
            sug.reasons.append(_("stesso comune (%(c)s)") % {"c": s.comune.nome})
        shared = languages & {w.strip().lower() for w in s.lingue.split(",") if w.strip()}
        if shared:
            sug.score += 2
            sug.reasons.append(_("parla %(l)s") % {"l": ", ".join(sorted(shared))})
        for need in bisogni:
            if need in s.aiuti:
                sug.score += 1
                sug.reasons.append(str(Aiuto(need).label).lower())
        for slot in disponibilita:
            if slot in s.disponibilita:
                sug.score += 1
                sug.reasons.append(_("disponibile: %(d)s") % {"d": str(Disponibilita(slot).label).lower()})
        if s.attivi:
            sug.score -= 2 * s.attivi
            sug.reasons.append(_("già impegnato con %(n)s famiglie") % {"n": s.attivi})
        suggestions.append(sug)
    return sorted(suggestions, key=lambda g: (not g.proposable, -g.score, g.sostenitore.nome, g.sostenitore.pk))


def family_can_receive(family: Family) -> bool:
    return family.stato in ACTIVE_STATES
