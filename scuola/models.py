"""The school partnership (partenariato scuola-famiglia-servizi).

- *Frequenza*: which school and class a child of the family attends in a school year, and the
  reference teacher (who can sit in the family's équipe with the restricted view);
- *IncontroScuola*: a meeting between school, family and services, with its outcome.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.models import AuditFiled, CreatedOnce, Versioned
from families.models import Family, Person
from organisation.models import Ambito, Ente


class Frequenza(AuditFiled, Versioned):
    family = models.ForeignKey(Family, verbose_name=_("famiglia"), on_delete=models.CASCADE, related_name="frequenze")
    ambito = models.ForeignKey(Ambito, verbose_name=_("ambito"), on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, verbose_name=_("bambino o ragazzo"), on_delete=models.CASCADE,
                               related_name="frequenze")
    scuola = models.ForeignKey(Ente, verbose_name=_("scuola"), on_delete=models.PROTECT, related_name="+")
    anno_scolastico = models.CharField(_("anno scolastico"), max_length=9, help_text=_("Per esempio 2026/2027."))
    classe = models.CharField(_("classe e sezione"), max_length=30, help_text=_("Per esempio «2ª B»."))
    insegnante = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("insegnante di riferimento"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="frequenze_seguite")
    insegnante_nome = models.CharField(
        _("insegnante di riferimento (se non usa Trama)"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("frequenza scolastica")
        verbose_name_plural = _("frequenze scolastiche")
        ordering = ["family", "-anno_scolastico", "person__data_nascita", "pk"]
        constraints = [models.UniqueConstraint(fields=["person", "anno_scolastico"], name="frequenza_one_per_year")]

    def __str__(self) -> str:
        return f"{self.family.codice}: {self.scuola} {self.classe} ({self.anno_scolastico})"

    audit_family = "family_id"

    @property
    def teacher_label(self) -> str:
        if self.insegnante_id:
            return self.insegnante.get_full_name() or self.insegnante.username
        return self.insegnante_nome


class IncontroScuola(AuditFiled, Versioned, CreatedOnce):
    family = models.ForeignKey(Family, verbose_name=_("famiglia"), on_delete=models.CASCADE,
                               related_name="incontri_scuola")
    ambito = models.ForeignKey(Ambito, verbose_name=_("ambito"), on_delete=models.PROTECT, related_name="+")
    scuola = models.ForeignKey(Ente, verbose_name=_("scuola"), on_delete=models.PROTECT, related_name="+")
    data = models.DateField(_("data"))
    ora_inizio = models.TimeField(_("inizio"))
    ora_fine = models.TimeField(_("fine"))
    tema = models.CharField(_("tema"), max_length=200)
    partecipanti = models.TextField(_("chi partecipa"), blank=True,
                                    help_text=_("Per esempio: la mamma, l'insegnante di classe, l'educatrice."))
    esito = models.TextField(_("esito"), blank=True)
    prossimi_passi = models.TextField(_("prossimi passi"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("incontro con la scuola")
        verbose_name_plural = _("incontri con la scuola")
        ordering = ["-data", "-ora_inizio", "pk"]
        indexes = [models.Index(fields=["family", "data"]), models.Index(fields=["created_by", "data"])]

    def __str__(self) -> str:
        return f"{self.family.codice}: {self.tema} ({self.data:%d/%m/%Y})"

    audit_family = "family_id"
