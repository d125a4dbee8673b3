from datetime import date, datetime, time, timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from organisation.scope import get_scope

from .models import AuditEntry


def open_alerts_for(user):
    from .models import AccessAlert

    scope = get_scope(user)
    return AccessAlert.objects.filter(ambito_id__in=scope.rt_ambiti, reviewed_at__isnull=True).select_related("actor")


def audit_entries_for(user, *, utente: str = "", azione: int | None = None, famiglia: str = "",
                      dal: date | None = None, al: date | None = None) -> QuerySet[AuditEntry]:
    """The audit trail of the ambiti where `user` is Referente Territoriale."""
    scope = get_scope(user)
    if not scope.rt_ambiti:
        raise PermissionDenied(_("Solo il Referente Territoriale consulta il registro degli accessi."))
    entries = AuditEntry.objects.filter(ambito_id__in=scope.rt_ambiti)
    if utente.strip():
        u = utente.strip()
        entries = entries.filter(Q(actor__username__iexact=u) | Q(actor__last_name__icontains=u))
    if azione is not None:
        entries = entries.filter(action=azione)
    if famiglia.strip():
        entries = entries.filter(family__codice__iexact=famiglia.strip())
    tz = timezone.get_current_timezone()
    if dal:
        entries = entries.filter(timestamp__gte=datetime.combine(dal, time.min, tzinfo=tz))
    if al:
        entries = entries.filter(timestamp__lt=datetime.combine(al + timedelta(days=1), time.min, tzinfo=tz))
    return entries.select_related("actor", "content_type", "family").order_by("-timestamp", "-pk")
