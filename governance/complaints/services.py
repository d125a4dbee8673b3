"""Writes of the complaints register: a new complaint, the steps of its handling, the answer."""

import uuid
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.context import audit_reason
from organisation.models import Ambito

from .models import Complaint, ComplaintStep
from .policies import require_handler


def complaint_register(*, ambito: Ambito, by: User, ricevuto_il: date, canale: str, categoria: str,
                       descrizione: str, servizio: str = "",
                       creation_token: uuid.UUID | None = None) -> Complaint:
    require_handler(by, ambito.pk)
    if creation_token and Complaint.objects.filter(creation_token=creation_token).exists():
        return Complaint.objects.get(creation_token=creation_token)
    errors: dict[str, str] = {}
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


def complaint_step(*, complaint: Complaint, by: User, data: date, testo: str) -> ComplaintStep:
    require_handler(by, complaint.ambito_id)
    if data < complaint.ricevuto_il or data > timezone.localdate():
        raise ValidationError({"data": _("La data deve essere tra la ricezione del reclamo e oggi.")})
    if not testo.strip():
        raise ValidationError({"testo": _("Scrivi che cosa è stato fatto.")})
    with transaction.atomic(), audit_reason(_("Gestione di un reclamo")):
        return ComplaintStep.objects.create(complaint=complaint, by=by, data=data, testo=testo.strip())


def complaint_answer(*, complaint: Complaint, by: User, risposta: str, risposto_il: date, esito: str) -> Complaint:
    require_handler(by, complaint.ambito_id)
    if complaint.risposto_il:
        raise ValidationError(_("Il reclamo ha già una risposta."))
    errors: dict[str, str] = {}
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
