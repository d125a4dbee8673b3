"""Vicinanza solidale: support families and volunteers, their pairing with a family, what they do together.

- *Sostenitore*: a support family (famiglia d'appoggio) or a volunteer in the ambito's register, with
  the checks done before any pairing (interview, references, privacy consent);
- *Abbinamento*: the pairing with a family: proposed, agreed (the "patto di vicinanza"), reviewed, closed;
- *AttivitaVicinanza*: the log of what they did together.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.models import AuditFiled, CreatedOnce, Versioned
from families.models import Family
from organisation.models import Ambito, Ente


class Aiuto(models.TextChoices):
    COMPITI = "compiti", _("Aiuto nei compiti")
    WEEKEND = "weekend", _("Tempo insieme nel fine settimana")
    VACANZE = "vacanze", _("Vacanze e periodi di chiusura della scuola")
    PRATICO = "pratico", _("Aiuto pratico (accompagnamenti, commissioni)")


class Disponibilita(models.TextChoices):
    FERIALI = "feriali", _("Giorni feriali")
    WEEKEND = "weekend", _("Fine settimana")
    VACANZE = "vacanze", _("Vacanze")


class Sostenitore(AuditFiled, Versioned, CreatedOnce):
    class Tipo(models.TextChoices):
        FAMIGLIA = "famiglia", _("Famiglia d'appoggio")
        VOLONTARIO = "volontario", _("Volontario")

    class Stato(models.TextChoices):
        DISPONIBILE = "disponibile", _("Disponibile")
        SOSPESO = "sospeso", _("Sospeso")
        CESSATO = "cessato", _("Non più disponibile")

    ambito = models.ForeignKey(Ambito, verbose_name=_("ambito"), on_delete=models.PROTECT, related_name="+")
    tipo = models.CharField(_("tipo"), max_length=12, choices=Tipo.choices, default=Tipo.FAMIGLIA)
    nome = models.CharField(_("nome"), max_length=200, help_text=_("Per esempio «Famiglia Colombo»."))
    referente = models.CharField(_("persona di riferimento"), max_length=200, blank=True)
    comune = models.ForeignKey(Ente, verbose_name=_("comune"), on_delete=models.PROTECT, related_name="+")
    telefono = models.CharField(_("telefono"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    lingue = models.CharField(_("lingue parlate"), max_length=200, blank=True, help_text=_("Separate da virgole."))
    disponibilita = models.JSONField(_("disponibilità"), default=list, blank=True)
    aiuti = models.JSONField(_("tipi di aiuto"), default=list, blank=True)
    ente = models.ForeignKey(Ente, verbose_name=_("associazione o ente che lo accompagna"), on_delete=models.SET_NULL,
                             null=True, blank=True, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("utente di Trama"), on_delete=models.SET_NULL,
                             null=True, blank=True, related_name="sostenitori")
    colloquio_il = models.DateField(_("colloquio di conoscenza il"), null=True, blank=True)
    controlli_il = models.DateField(_("verifiche completate il"), null=True, blank=True,
                                    help_text=_("Referenze e verifiche previste dal regolamento dell'ambito."))
    consenso_il = models.DateField(_("consenso al trattamento dei dati il"), null=True, blank=True)
    stato = models.CharField(_("stato"), max_length=12, choices=Stato.choices, default=Stato.DISPONIBILE)
    famiglia_origine = models.ForeignKey(
        Family, verbose_name=_("già famiglia sostenuta"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="sostenitori_nati",
        help_text=_("Una famiglia che ha concluso il percorso e ora ne sostiene altre."))
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("famiglia d'appoggio o volontario")
        verbose_name_plural = _("famiglie d'appoggio e volontari")
        ordering = ["nome", "pk"]
        indexes = [models.Index(fields=["ambito", "stato"])]

    def __str__(self) -> str:
        return self.nome


    @property
    def missing_checks(self) -> list[str]:
        missing = []
        if not self.colloquio_il:
            missing.append(str(_("colloquio di conoscenza")))
        if not self.controlli_il:
            missing.append(str(_("verifiche")))
        if not self.consenso_il:
            missing.append(str(_("consenso al trattamento dei dati")))
        return missing

    @property
    def checks_done(self) -> bool:
        return not self.missing_checks

    def get_aiuti_display(self) -> list[str]:
        return [str(Aiuto(a).label) for a in self.aiuti if a in Aiuto.values]

    def get_disponibilita_display(self) -> list[str]:
        return [str(Disponibilita(d).label) for d in self.disponibilita if d in Disponibilita.values]


OPEN_STATES = ("proposto", "attivo")


class Abbinamento(AuditFiled, Versioned, CreatedOnce):
    class Stato(models.TextChoices):
        PROPOSTO = "proposto", _("Proposto")
        ATTIVO = "attivo", _("Attivo")
        CHIUSO = "chiuso", _("Concluso")
        ANNULLATO = "annullato", _("Non avviato")

    ambito = models.ForeignKey(Ambito, verbose_name=_("ambito"), on_delete=models.PROTECT, related_name="+")
    family = models.ForeignKey(Family, verbose_name=_("famiglia sostenuta"), on_delete=models.CASCADE,
                               related_name="abbinamenti")
    sostenitore = models.ForeignKey(Sostenitore, verbose_name=_("famiglia d'appoggio o volontario"),
                                    on_delete=models.PROTECT, related_name="abbinamenti")
    stato = models.CharField(_("stato"), max_length=12, choices=Stato.choices, default=Stato.PROPOSTO)
    bisogni = models.JSONField(_("aiuti richiesti"), default=list, blank=True)
    motivazione = models.TextField(_("perché questo abbinamento"), blank=True)
    accordo = models.TextField(_("patto di vicinanza"), blank=True,
                               help_text=_("Che cosa si fa insieme, quando, con quale frequenza, chi chiamare."))
    data_accordo = models.DateField(_("accordo firmato il"), null=True, blank=True)
    data_revisione = models.DateField(_("prossima verifica"), null=True, blank=True)
    revisioni = models.TextField(_("verifiche svolte"), blank=True)
    data_chiusura = models.DateField(_("concluso il"), null=True, blank=True)
    esito_chiusura = models.TextField(_("esito"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("abbinamento di vicinanza solidale")
        verbose_name_plural = _("abbinamenti di vicinanza solidale")
        ordering = ["-created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["family", "sostenitore"], condition=Q(stato__in=OPEN_STATES),
                                               name="abbinamento_one_open_per_pair")]

    def __str__(self) -> str:
        return f"{self.sostenitore} → {self.family.codice}"

    audit_family = "family_id"

    def get_bisogni_display(self) -> list[str]:
        return [str(Aiuto(a).label) for a in self.bisogni if a in Aiuto.values]


class AttivitaVicinanza(AuditFiled, CreatedOnce):
    abbinamento = models.ForeignKey(Abbinamento, verbose_name=_("abbinamento"), on_delete=models.CASCADE,
                                    related_name="attivita")
    data = models.DateField(_("data"))
    durata_minuti = models.PositiveIntegerField(_("durata (minuti)"))
    tipo = models.CharField(_("tipo di aiuto"), max_length=12, choices=Aiuto.choices)
    descrizione = models.TextField(_("che cosa avete fatto"), blank=True)
    registrata_da = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attività di vicinanza")
        verbose_name_plural = _("attività di vicinanza")
        ordering = ["-data", "-pk"]

    def __str__(self) -> str:
        return f"{self.abbinamento}: {self.get_tipo_display()} {self.data:%d/%m/%Y}"

    audit_ambito = "abbinamento.ambito_id"
    audit_family = "abbinamento.family_id"
