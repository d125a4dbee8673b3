"""Reads of the complaints register, always from the ambiti the user keeps it for."""

from datetime import timedelta
from typing import Any, TypedDict

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from organisation.models import Ambito

from .models import Complaint
from .policies import complaint_ambiti, handlers_only


class AnnualSummary(TypedDict):
    year: int
    n: int
    answered: int
    late: int
    avg_days: float | None
    by_category: list[dict[str, Any]]  # {"categoria": ..., "n": ...}
    by_channel: list[dict[str, Any]]  # {"canale": ..., "n": ...}
    by_outcome: list[dict[str, Any]]  # {"esito": ..., "n": ...}


def complaints_for(user: User) -> QuerySet[Complaint]:
    return Complaint.objects.filter(ambito_id__in=complaint_ambiti(user))


def get_complaint_for(user: User, pk: int) -> Complaint:
    complaint = complaints_for(user).filter(pk=pk).first()
    if complaint is None:
        raise Http404(_("Reclamo non trovato."))
    return complaint


def due_soon(user: User, *, days: int = 7) -> list[Complaint]:
    today = timezone.localdate()
    return list(complaints_for(user).filter(risposto_il__isnull=True, risposta_entro__lte=today + timedelta(days=days))
                .order_by("risposta_entro"))


def get_ambito_for_new_complaint(user: User) -> Ambito:
    """The ambito whose register a new complaint goes to (the first by name, for who keeps more than one)."""
    ambito = Ambito.objects.filter(pk__in=complaint_ambiti(user)).order_by("nome").first()
    if ambito is None:
        raise handlers_only()
    return ambito


def annual_summary(user: User, year: int) -> AnnualSummary:
    """The complaints of a year for the sintesi annuale: by category, channel and outcome, times to answer."""
    complaints = complaints_for(user).filter(ricevuto_il__year=year)
    answered = complaints.filter(risposto_il__isnull=False).annotate(
        days=ExpressionWrapper(F("risposto_il") - F("ricevuto_il"), output_field=DurationField()))
    totals = complaints.aggregate(
        n=Count("pk"), answered=Count("pk", filter=Q(risposto_il__isnull=False)),
        late=Count("pk", filter=Q(risposto_il__gt=F("risposta_entro"))
                   | Q(risposto_il__isnull=True, risposta_entro__lt=timezone.localdate())))
    average = answered.aggregate(avg=Avg("days"))["avg"]
    return {
        "year": year, "n": totals["n"], "answered": totals["answered"], "late": totals["late"],
        "avg_days": round(average.total_seconds() / 86400, 1) if average is not None else None,
        "by_category": list(complaints.order_by().values("categoria").annotate(n=Count("pk")).order_by("-n")),
        "by_channel": list(complaints.order_by().values("canale").annotate(n=Count("pk")).order_by("-n")),
        "by_outcome": list(complaints.exclude(esito="").order_by().values("esito").annotate(n=Count("pk"))),
    }
