from django.conf import settings

from organisation.scope import get_scope


def trama(request) -> dict:
    scope = get_scope(getattr(request, "user", None))
    return {
        "demo_mode": settings.TRAMA_DEMO_MODE,
        "scope": scope,
        "nav_families": scope.is_staff_of_cases,
        "nav_audit": bool(scope.rt_ambiti),
        # families.policies.can_review_duplicates, from the scope already at hand.
        "nav_duplicates": bool(scope.rt_ambiti or scope.managed_equipe_ids),
        "nav_training": bool(scope.roles & {"rt", "amministrativo", "coach", "coordinatore_ets"}),
        "nav_complaints": bool(scope.roles & {"rt", "amministrativo"}),
        "nav_governance": bool(scope.rt_ambiti) or bool(scope.roles & {"governance"}),
        "nav_indicators": bool(scope.roles & {"rt", "amministrativo", "governance", "coach"}),
        "nav_cohorts": bool(scope.ambiti) and not scope.roles <= {"famiglia", "volontario"},
    }
