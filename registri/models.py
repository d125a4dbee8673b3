"""An import of a register, the mapping saved for a comune, and the register's own ids of what was imported."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.models import AuditFiled
from families.models import Family, Person
from organisation.models import Ambito, Ente, Equipe


def register_path(instance: "Importazione", filename: str) -> str:
    # Under MEDIA_ROOT, outside the web root; the stored name never carries the uploaded one (personal data).
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"registri/{instance.ambito_id}/{instance.token}.{suffix}"


class Importazione(AuditFiled):
    """One file brought in: uploaded, mapped, analysed (the preview), then committed or abandoned."""

    class Stato(models.TextChoices):
        CARICATA = "caricata", _("Da collegare alle colonne")
        ANALISI = "analisi", _("Controllo in corso")
        ANTEPRIMA = "anteprima", _("Anteprima pronta")
        IMPORTAZIONE = "importazione", _("Importazione in corso")
        IMPORTATA = "importata", _("Importata")
        ERRORE = "errore", _("Non riuscita")

    ambito = models.ForeignKey(Ambito, verbose_name=_("ambito"), on_delete=models.PROTECT, related_name="+")
    comune = models.ForeignKey(Ente, verbose_name=_("comune del registro"), on_delete=models.PROTECT, null=True,
                               blank=True, related_name="+")
    equipe = models.ForeignKey(Equipe, verbose_name=_("équipe"), on_delete=models.PROTECT, null=True, blank=True,
                               related_name="+")
    utente = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("caricata da"), on_delete=models.PROTECT,
                               null=True, related_name="+")
    token = models.CharField(max_length=32, unique=True)
    file = models.FileField(upload_to=register_path, blank=True)
    nome_file = models.CharField(_("file"), max_length=200)
    stato = models.CharField(_("stato"), max_length=12, choices=Stato.choices, default=Stato.CARICATA)
    progresso = models.PositiveSmallIntegerField(_("avanzamento (%)"), default=0)
    intestazioni = models.JSONField(default=list, blank=True)
    riga_intestazioni = models.PositiveIntegerField(default=1)
    mappatura = models.JSONField(_("colonne"), default=list, blank=True)
    senza_errori = models.BooleanField(_("importa senza le righe con errori"), default=False)
    anteprima = models.JSONField(default=dict, blank=True)
    risultato = models.JSONField(default=dict, blank=True)
    errore = models.CharField(_("errore"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("importazione di un registro")
        verbose_name_plural = _("importazioni di registri")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["ambito", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.nome_file} ({self.get_stato_display()})"

    @property
    def pending(self) -> bool:
        return self.stato in (self.Stato.ANALISI, self.Stato.IMPORTAZIONE)


class MappaturaRegistro(AuditFiled):
    """How a comune's register names its columns: header → field, proposed again for its next file."""

    ambito = models.ForeignKey(Ambito, verbose_name=_("ambito"), on_delete=models.PROTECT, related_name="+")
    comune = models.ForeignKey(Ente, verbose_name=_("comune"), on_delete=models.CASCADE, related_name="+")
    colonne = models.JSONField(_("colonne"), default=dict)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("mappatura di un registro")
        verbose_name_plural = _("mappature dei registri")
        constraints = [models.UniqueConstraint(fields=["ambito", "comune"], name="mappatura_unique_comune")]

    def __str__(self) -> str:
        return str(self.comune)


class RiferimentoRegistro(AuditFiled):
    """The register's own id of a family (its «Nucleo», «N. cartella») or of a person, in one comune's register:
    a second import recognises what the first created, also where there is no codice fiscale."""

    class Tipo(models.TextChoices):
        NUCLEO = "nucleo", _("Nucleo")
        PERSONA = "persona", _("Persona")

    ambito = models.ForeignKey(Ambito, verbose_name=_("ambito"), on_delete=models.PROTECT, related_name="+")
    comune = models.ForeignKey(Ente, verbose_name=_("comune"), on_delete=models.PROTECT, related_name="+")
    tipo = models.CharField(_("tipo"), max_length=8, choices=Tipo.choices)
    codice = models.CharField(_("id nel registro"), max_length=100)
    family = models.ForeignKey(Family, verbose_name=_("famiglia"), on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, verbose_name=_("persona"), on_delete=models.CASCADE, null=True, blank=True,
                               related_name="+")
    importazione = models.ForeignKey(Importazione, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("id nel registro")
        verbose_name_plural = _("id nei registri")
        constraints = [models.UniqueConstraint(fields=["ambito", "comune", "tipo", "codice"],
                                               name="riferimento_unique_in_register")]

    def __str__(self) -> str:
        return f"{self.get_tipo_display()} {self.codice}"

    audit_family = "family_id"
