"""Who manages the satisfaction questionnaires: the Referente Territoriale and the Ufficio di Piano."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from accounts.models import User
from organisation.models import Role
from organisation.scope import get_scope

from .models import Survey

MANAGERS = {Role.RT, Role.AMMINISTRATIVO}


def survey_ambiti(user: User) -> frozenset[int]:
    """The ambiti whose questionnaires the user manages."""
    return get_scope(user).ambiti_for(*MANAGERS)


def can_manage_surveys(user: User, ambito_id: int) -> bool:
    return ambito_id in survey_ambiti(user)


def require_survey_manager(user: User, ambito_id: int | None = None) -> None:
    """403 unless the user manages questionnaires (in `ambito_id`, when given)."""
    ambiti = survey_ambiti(user)
    if not ambiti or (ambito_id is not None and ambito_id not in ambiti):
        raise PermissionDenied(_("Solo il Referente Territoriale e l'Ufficio di Piano gestiscono i questionari."))


def require_survey_links(user: User, survey: Survey) -> None:
    if not can_manage_surveys(user, survey.ambito_id):
        raise PermissionDenied
