"""Who may do what with training and the staff register: the RT organises training; RT, Ufficio di Piano, coach
and ETS coordinators read it; each ETS coordinator keeps their own organisation's staff."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from accounts.models import User
from organisation.models import Ente, Membership, Role
from organisation.scope import get_scope

READERS = {"rt", "amministrativo", "coach", "coordinatore_ets"}


def read_ambiti(user: User) -> frozenset[int]:
    """The ambiti whose training the user reads."""
    return get_scope(user).ambiti_for(*READERS)


def require_reader(user: User) -> None:
    if not read_ambiti(user):
        raise PermissionDenied(_("Il tuo ruolo non prevede il registro della formazione."))


def organised_ambiti(user: User) -> frozenset[int]:
    """The ambiti where the user organises training (as RT)."""
    return get_scope(user).rt_ambiti


def can_manage_training(user: User, ambito_id: int | None) -> bool:
    return ambito_id in get_scope(user).rt_ambiti


def organisers_only() -> PermissionDenied:
    """The refusal for anyone who does not organise training."""
    return PermissionDenied(_("Solo il Referente Territoriale organizza la formazione."))


def require_organiser(user: User, ambito_id: int | None) -> None:
    if not can_manage_training(user, ambito_id):
        raise organisers_only()


# --- staff register --------------------------------------------------------------------------------

def staff_entities(user: User) -> QuerySet[Ente]:
    """The organisations whose staff the user may see: their own for an ETS coordinator, all for RT/Ufficio di Piano."""
    scope = get_scope(user)
    whole = scope.ambiti_for("rt", "amministrativo")
    own = Membership.objects.filter(user=user, role=Role.COORDINATORE_ETS, active=True).values("ente_id")
    return Ente.objects.filter(Q(ambito_id__in=whole) | Q(pk__in=own))


def require_staff_keeper(user: User) -> None:
    if not staff_entities(user).exists():
        raise PermissionDenied(_("Il registro del personale è dei partner e dell'Ufficio di Piano."))


def require_staff_of(user: User, ente: Ente) -> None:
    if not staff_entities(user).filter(pk=ente.pk).exists():
        raise PermissionDenied(_("Puoi registrare solo il personale della tua organizzazione."))
