"""GDPR records of a family: the legal hold that suspends anonymisation, and when it was anonymised."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.models import AuditFiled
from families.models import Family


class PrivacyStatus(AuditFiled):
    family = models.OneToOneField(Family, on_delete=models.CASCADE, related_name="privacy")
    legal_hold = models.BooleanField(_("blocco per motivi legali"), default=False)
    legal_hold_reason = models.CharField(_("motivo del blocco"), max_length=500, blank=True)
    legal_hold_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="+")
    legal_hold_at = models.DateTimeField(null=True, blank=True)
    anonimizzata_il = models.DateTimeField(_("anonimizzata il"), null=True, blank=True)

    class Meta:
        verbose_name = _("stato privacy della famiglia")
        verbose_name_plural = _("stati privacy delle famiglie")

    def __str__(self) -> str:
        return f"{self.family.codice}: {'blocco legale' if self.legal_hold else 'nessun blocco'}"

    audit_ambito = "family.ambito_id"
    audit_family = "family_id"
