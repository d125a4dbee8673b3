"""Reads for the privacy pages, from the user's scope or from a family already fetched through it."""

from django.db.models import QuerySet

from accounts.models import User
from audit.models import AuditEntry
from families.models import Consent, Family
from families.selectors import families_visible_to


def change_history(family: Family, *, limit: int = 500) -> list[AuditEntry]:
    """The rectification trail: every change to the family's records, newest first."""
    return list(AuditEntry.objects.filter(family_id=family.pk).exclude(action=AuditEntry.Action.ACCESS)
                .select_related("actor", "content_type").order_by("-timestamp")[:limit])


def consents_visible_to(user: User, *, finalita: str = "", stato: str = "") -> QuerySet[Consent]:
    """The consents of the families the user follows (RT: the whole ambito), filtered as the register asks."""
    consents = Consent.objects.filter(family__in=families_visible_to(user)).select_related("family", "person")
    if finalita:
        consents = consents.filter(finalita=finalita)
    if stato == "validi":
        consents = consents.filter(revocato_il__isnull=True)
    elif stato == "revocati":
        consents = consents.filter(revocato_il__isnull=False)
    return consents.order_by("family__codice", "-data", "pk")
