"""An export that runs in the background (django-tasks, database backend) and is downloaded when ready."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.models import AuditFiled
from organisation.models import Ambito


def export_path(instance, filename: str) -> str:
    # Under MEDIA_ROOT, outside the web root: downloads go through the access-checked view only.
    return f"esportazioni/{instance.user_id}/{instance.pk}-{filename}"


class ExportJob(AuditFiled):
    class Stato(models.TextChoices):
        IN_CODA = "in_coda", _("In coda")
        IN_CORSO = "in_corso", _("In preparazione")
        PRONTA = "pronta", _("Pronta")
        ERRORE = "errore", _("Non riuscita")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="esportazioni")
    ambito = models.ForeignKey(Ambito, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    kind = models.CharField(_("tipo"), max_length=40)
    titolo = models.CharField(_("esportazione"), max_length=200)
    # The parameters the exporter needs; never a secret in clear (see reporting.research.derived_key).
    params = models.JSONField(default=dict, blank=True)
    stato = models.CharField(_("stato"), max_length=10, choices=Stato.choices, default=Stato.IN_CODA)
    progresso = models.PositiveSmallIntegerField(_("avanzamento (%)"), default=0)
    file = models.FileField(upload_to=export_path, blank=True)
    filename = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    errore = models.CharField(_("errore"), max_length=500, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("esportazione")
        verbose_name_plural = _("esportazioni")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.titolo} ({self.get_stato_display()})"


    @property
    def pending(self) -> bool:
        return self.stato in (self.Stato.IN_CODA, self.Stato.IN_CORSO)
