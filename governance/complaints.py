"""The complaints register (reclami): selectors and services, for the RT and the Ufficio di Piano."""

import uuid
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Max, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.context import audit_reason
from organisation.models import Ambito
from organisation.scope import get_scope

from .models import Complaint, ComplaintStep

HANDLERS = {"rt", "amministrativo"}


def complaint_ambiti(user) -> frozenset[int]:
    ambiti = get_scope(user).ambiti_for(*HANDLERS)
    if not ambiti:
        raise PermissionDenied(_("Il registro dei reclami è tenuto dal Referente Territoriale e dall'Ufficio di Piano."))
    return ambiti


def complaints_for(user) -> QuerySet[Complaint]:
    return Complaint.objects.filter(ambito_id__in=complaint_ambiti(user))


def get_complaint_for(user, pk: int) -> Complaint:
    complaint = complaints_for(user).filter(pk=pk).first()
    if complaint is None:
        raise Http404(_("Reclamo non trovato."))
    return complaint


def due_soon(user, *, days: int = 7) -> list[Complaint]:
    today = timezone.localdate()
    return list(complaints_for(user).filter(risposto_il__isnull=True, risposta_entro__lte=today + timedelta(days=days))
                .order_by("risposta_entro"))


def complaint_register(*, ambito, by, ricevuto_il: date, canale: str, categoria: str, descrizione: str,
                       servizio: str = "", creation_token: uuid.UUID | None = None) -> Complaint:
    if ambito.pk not in complaint_ambiti(by):
        raise PermissionDenied
    if creation_token and Complaint.objects.filter(creation_token=creation_token).exists():
        return Complaint.objects.get(creation_token=creation_token)
    errors = {}
    if canale not in Complaint.Canale.values:
        errors["canale"] = _("Indica il canale da cui è arrivato il reclamo.")
    if ricevuto_il > timezone.localdate():
        errors["ricevuto_il"] = _("La data di ricezione non può essere nel futuro.")
    if not descrizione.strip():
        errors["descrizione"] = _("Descrivi il reclamo.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audit_reason(_("Registrazione di un reclamo")):
        Ambito.objects.select_for_update().filter(pk=ambito.pk).first()  # numbering: one writer at a time
        last = Complaint.objects.filter(ambito=ambito).aggregate(m=Max("numero"))["m"] or 0
        return Complaint.objects.create(
            ambito=ambito, numero=last + 1, ricevuto_il=ricevuto_il, canale=canale, categoria=categoria,
            servizio=servizio.strip(), descrizione=descrizione.strip(), registrato_da=by, creation_token=creation_token,
            risposta_entro=ricevuto_il + timedelta(days=settings.TRAMA_COMPLAINT_DAYS))


def complaint_step(*, complaint: Complaint, by, data: date, testo: str) -> ComplaintStep:
    if data < complaint.ricevuto_il or data > timezone.localdate():
        raise ValidationError({"data": _("La data deve essere tra la ricezione del reclamo e oggi.")})
    if not testo.strip():
        raise ValidationError({"testo": _("Scrivi che cosa è stato fatto.")})
    with transaction.atomic(), audit_reason(_("Gestione di un reclamo")):
        return ComplaintStep.objects.create(complaint=complaint, by=by, data=data, testo=testo.strip())


def complaint_answer(*, complaint: Complaint, by, risposta: str, risposto_il: date, esito: str) -> Complaint:
    if complaint.risposto_il:
        raise ValidationError(_("Il reclamo ha già una risposta."))
    errors = {}
    if not risposta.strip():
        errors["risposta"] = _("Scrivi la risposta data.")
    if esito not in Complaint.Esito.values:
        errors["esito"] = _("Indica l'esito.")
    if risposto_il < complaint.ricevuto_il or risposto_il > timezone.localdate():
        errors["risposto_il"] = _("La data della risposta deve essere tra la ricezione e oggi.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audit_reason(_("Risposta a un reclamo")):
        complaint.risposta, complaint.risposto_il, complaint.esito = risposta.strip(), risposto_il, esito
        complaint.save(update_fields=["risposta", "risposto_il", "esito"])
    return complaint


def annual_summary(user, year: int) -> dict:
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
        "year": year, **totals,
        "avg_days": round(average.total_seconds() / 86400, 1) if average is not None else None,
        "by_category": list(complaints.order_by().values("categoria").annotate(n=Count("pk")).order_by("-n")),
        "by_channel": list(complaints.order_by().values("canale").annotate(n=Count("pk")).order_by("-n")),
        "by_outcome": list(complaints.exclude(esito="").order_by().values("esito").annotate(n=Count("pk"))),
    }
