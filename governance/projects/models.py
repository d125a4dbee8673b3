"""Projects of the territory: their partners, macro-azioni and indicators, and the Format Buone Prassi."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from common.models import AuditFiled, Versioned
from organisation.models import Ambito


class Project(AuditFiled, Versioned):
    """A project of the territory (e.g. NidoInsieme 0-6, the PIPPI co-design) with partners, macro-azioni
    and indicators, and its Buona Prassi."""

    ambito = models.ForeignKey(Ambito, on_delete=models.PROTECT, related_name="progetti")
    titolo = models.CharField(_("titolo"), max_length=200)
    capofila = models.CharField(_("ente capofila"), max_length=200)
    dal = models.DateField(_("dal"))
    al = models.DateField(_("al"))
    budget = models.DecimalField(_("budget totale (€)"), max_digits=12, decimal_places=2, default=0)
    buona_prassi = models.JSONField(_("Format Buone Prassi"), default=dict, blank=True)

    class Meta:
        verbose_name = _("progetto")
        verbose_name_plural = _("progetti")
        ordering = ["-dal"]

    def __str__(self) -> str:
        return self.titolo


    @property
    def months(self) -> int:
        return (self.al.year - self.dal.year) * 12 + self.al.month - self.dal.month + 1


class ProjectPartner(AuditFiled):
    class Ruolo(models.TextChoices):
        CAPOFILA = "capofila", _("Capofila")
        PARTNER = "partner", _("Partner")
        ADERENTE = "aderente", _("Aderente")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partner")
    nome = models.CharField(_("ente"), max_length=200)
    ruolo = models.CharField(_("ruolo"), max_length=10, choices=Ruolo.choices)

    class Meta:
        verbose_name = _("partner del progetto")
        verbose_name_plural = _("partner del progetto")
        ordering = ["project", "ruolo", "nome"]

    def __str__(self) -> str:
        return self.nome

    audit_ambito = "project.ambito_id"


class MacroAction(AuditFiled):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="macro_azioni")
    titolo = models.CharField(_("macro-azione"), max_length=200)
    budget = models.DecimalField(_("budget (€)"), max_digits=12, decimal_places=2, default=0)
    personale = models.CharField(_("personale"), max_length=300, blank=True)
    mese_inizio = models.PositiveSmallIntegerField(_("dal mese"))
    mese_fine = models.PositiveSmallIntegerField(_("al mese"))

    class Meta:
        verbose_name = _("macro-azione")
        verbose_name_plural = _("macro-azioni")
        ordering = ["project", "mese_inizio", "pk"]

    def __str__(self) -> str:
        return self.titolo

    audit_ambito = "project.ambito_id"


class ProjectIndicator(AuditFiled):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="indicatori")
    nome = models.CharField(_("indicatore"), max_length=200)
    previsto = models.PositiveIntegerField(_("previsto"))
    raggiunto = models.PositiveIntegerField(_("raggiunto"), default=0)

    class Meta:
        verbose_name = _("indicatore del progetto")
        verbose_name_plural = _("indicatori del progetto")
        ordering = ["project", "pk"]

    def __str__(self) -> str:
        return self.nome

    audit_ambito = "project.ambito_id"
