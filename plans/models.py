"""The Progetto Quadro: the plan an équipe writes with a family, and its micro-progettazione.

A plan has *risultati attesi* (expected outcomes) on sub-dimensions of Il Mondo del Bambino, each with
its *azioni* (who does what, when, through which *dispositivi*). The family's agreement locks a plan;
*verifiche* record per outcome whether it was achieved; re-planning starts a new version of the plan
that carries over the outcomes still open.
"""

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.models import AuditFiled, CreatedOnce, Versioned
from families.models import Family, Person
from organisation.models import Professione

if TYPE_CHECKING:  # only for an annotation: the selectors import these models
    from .selectors import GoalView


class Dispositivo(models.TextChoices):
    EDUCATIVA = "educativa", _("Educativa domiciliare e territoriale")
    GRUPPI = "gruppi", _("Gruppi dei genitori e dei bambini")
    SCUOLA = "scuola", _("Partenariato scuola-famiglia-servizi")
    VICINANZA = "vicinanza", _("Vicinanza solidale")
    PSICOLOGICO = "psicologico", _("Sostegno psicologico")
    PEDAGOGICO = "pedagogico", _("Sostegno pedagogico")
    MEDIAZIONE = "mediazione", _("Mediazione culturale")
    ALTRO = "altro", _("Altro")


class ProgettoQuadro(AuditFiled, Versioned, CreatedOnce):
    class Stato(models.TextChoices):
        BOZZA = "bozza", _("In preparazione")
        CONCORDATO = "concordato", _("Concordato con la famiglia")
        SUPERATO = "superato", _("Sostituito da una nuova versione")

    family = models.ForeignKey(Family, verbose_name=_("famiglia"), on_delete=models.CASCADE, related_name="progetti")
    numero = models.PositiveIntegerField(_("versione del progetto"), default=1)
    stato = models.CharField(_("stato"), max_length=12, choices=Stato.choices, default=Stato.BOZZA)
    analisi = models.TextField(
        _("analisi della situazione"), blank=True,
        help_text=_("Che cosa va bene e che cosa è difficile oggi, detto con le parole della famiglia."),
    )
    data_inizio = models.DateField(_("inizio"), null=True, blank=True)
    data_fine = models.DateField(_("fine prevista"), null=True, blank=True)
    precedente = models.OneToOneField("self", verbose_name=_("versione precedente"), on_delete=models.PROTECT,
                                      null=True, blank=True, related_name="successivo")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    concordato_il = models.DateField(_("concordato il"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Progetto Quadro")
        verbose_name_plural = _("Progetti Quadro")
        ordering = ["family", "-numero"]
        constraints = [models.UniqueConstraint(fields=["family", "numero"], name="progetto_numero_unique")]

    def __str__(self) -> str:
        return f"Progetto Quadro v{self.numero} — {self.family.nome}"

    audit_ambito = "family.ambito_id"
    audit_family = "family_id"

    @property
    def is_locked(self) -> bool:
        return self.stato != self.Stato.BOZZA

    @property
    def is_current(self) -> bool:
        return self.stato != self.Stato.SUPERATO


class RisultatoAtteso(CreatedOnce):
    """An expected outcome on one sub-dimension of Il Mondo del Bambino, stated so that it can be checked."""

    progetto = models.ForeignKey(ProgettoQuadro, verbose_name=_("progetto"), on_delete=models.CASCADE,
                                 related_name="risultati")
    sottodimensione = models.CharField(_("sottodimensione"), max_length=60,
                                       help_text=_("La sottodimensione del Mondo del Bambino su cui lavorare."))
    analisi = models.TextField(_("analisi"), blank=True,
                               help_text=_("Che cosa osserviamo oggi su questo aspetto."))
    descrizione = models.TextField(
        _("risultato atteso"),
        help_text=_("Scrivi che cosa sarà cambiato, in modo che si possa verificare: per esempio «Luca va a scuola "
                    "tutti i giorni entro dicembre»."),
    )
    data_prevista = models.DateField(_("entro il"), null=True, blank=True)
    origine = models.ForeignKey("self", verbose_name=_("ripreso dal risultato"), on_delete=models.SET_NULL,
                                null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("risultato atteso")
        verbose_name_plural = _("risultati attesi")
        ordering = ["progetto", "pk"]

    def __str__(self) -> str:
        return self.descrizione[:80]

    def get_additional_data(self) -> dict:
        family = self.progetto.family
        return {"ambito": family.ambito_id, "family": family.pk}

    @property
    def family_versions(self) -> list["Traduzione"]:
        """The translations the family reads (prefetched): those checked against the Italian as it is now."""
        return [t for t in self.traduzioni.all() if not t.is_stale]


class Azione(CreatedOnce):
    class Responsabile(models.TextChoices):
        OPERATORE = "operatore", _("Un operatore dell'équipe")
        FAMILIARE = "familiare", _("Un componente della famiglia")
        INSEGNANTE = "insegnante", _("Un insegnante")
        APPOGGIO = "appoggio", _("Una famiglia d'appoggio o un volontario")

    class StatoAzione(models.TextChoices):
        PREVISTA = "prevista", _("Prevista")
        IN_CORSO = "in_corso", _("In corso")
        SVOLTA = "svolta", _("Svolta")
        NON_SVOLTA = "non_svolta", _("Non svolta")

    risultato = models.ForeignKey(RisultatoAtteso, verbose_name=_("risultato atteso"), on_delete=models.CASCADE,
                                  related_name="azioni")
    descrizione = models.TextField(_("che cosa si fa"))
    responsabile_tipo = models.CharField(_("chi se ne occupa"), max_length=12, choices=Responsabile.choices)
    responsabile_user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("operatore o insegnante"),
                                          on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    responsabile_persona = models.ForeignKey(Person, verbose_name=_("componente della famiglia"),
                                             on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    responsabile_testo = models.CharField(_("famiglia d'appoggio o volontario"), max_length=200, blank=True)
    data_inizio = models.DateField(_("dal"), null=True, blank=True)
    data_fine = models.DateField(_("al"), null=True, blank=True)
    dispositivi = models.JSONField(_("dispositivi"), default=list, blank=True)
    stato = models.CharField(_("stato"), max_length=12, choices=StatoAzione.choices, default=StatoAzione.PREVISTA)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("azione")
        verbose_name_plural = _("azioni")
        ordering = ["risultato", "data_inizio", "pk"]

    def __str__(self) -> str:
        return self.descrizione[:80]

    def get_additional_data(self) -> dict:
        family = self.risultato.progetto.family
        return {"ambito": family.ambito_id, "family": family.pk}

    @property
    def responsabile(self) -> str:
        if self.responsabile_tipo == self.Responsabile.APPOGGIO:
            return self.responsabile_testo
        who = self.responsabile_persona if self.responsabile_tipo == self.Responsabile.FAMILIARE \
            else self.responsabile_user
        return str(who) if who else ""

    def dispositivi_labels(self) -> list[str]:
        return [Dispositivo(code).label for code in self.dispositivi if code in Dispositivo.values]

    @property
    def family_versions(self) -> list["Traduzione"]:
        """The translations the family reads (prefetched): those checked against the Italian as it is now."""
        return [t for t in self.traduzioni.all() if not t.is_stale]


class Verifica(CreatedOnce):
    """A review of the plan with the family: for each expected outcome, how far it was reached."""

    class Momento(models.TextChoices):
        T1 = "T1", _("T1 — metà percorso")
        T2 = "T2", _("T2 — fine percorso")
        DATA = "data", _("Altra data")

    progetto = models.ForeignKey(ProgettoQuadro, verbose_name=_("progetto"), on_delete=models.CASCADE,
                                 related_name="verifiche")
    momento = models.CharField(_("momento"), max_length=5, choices=Momento.choices)
    data = models.DateField(_("data"))
    note = models.TextField(_("note generali"), blank=True)
    registrata_da = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                      related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    # Not a column: plans.selectors.plan_view puts here the outcomes its reader may see.
    esiti_shown: list["EsitoVerifica"]

    class Meta:
        verbose_name = _("verifica")
        verbose_name_plural = _("verifiche")
        ordering = ["progetto", "data", "pk"]

    def __str__(self) -> str:
        return f"{self.get_momento_display()} {self.data:%d/%m/%Y}"

    def get_additional_data(self) -> dict:
        family = self.progetto.family
        return {"ambito": family.ambito_id, "family": family.pk}


class EsitoVerifica(models.Model):
    class Esito(models.TextChoices):
        RAGGIUNTO = "raggiunto", _("Raggiunto")
        PARZIALE = "parziale", _("Raggiunto in parte")
        NON_RAGGIUNTO = "non_raggiunto", _("Non raggiunto")

    verifica = models.ForeignKey(Verifica, on_delete=models.CASCADE, related_name="esiti")
    risultato = models.ForeignKey(RisultatoAtteso, on_delete=models.CASCADE, related_name="esiti")
    esito = models.CharField(_("esito"), max_length=15, choices=Esito.choices)
    note = models.TextField(_("note"), blank=True)

    # Not a column: plans.selectors.plan_view puts here the goal (as its reader sees it) the outcome is about.
    goal_view: "GoalView | None"

    class Meta:
        verbose_name = _("esito della verifica")
        verbose_name_plural = _("esiti delle verifiche")
        ordering = ["verifica", "risultato"]
        constraints = [models.UniqueConstraint(fields=["verifica", "risultato"], name="esito_unique_per_risultato")]

    def __str__(self) -> str:
        return f"{self.risultato}: {self.get_esito_display()}"

    def get_additional_data(self) -> dict:
        family = self.verifica.progetto.family
        return {"ambito": family.ambito_id, "family": family.pk}


class Accordo(CreatedOnce):
    """The family's word on the plan: a member agrees, or asks for changes."""

    class Esito(models.TextChoices):
        CONCORDA = "concorda", _("È d'accordo con il progetto")
        MODIFICHE = "modifiche", _("Chiede delle modifiche")

    progetto = models.ForeignKey(ProgettoQuadro, verbose_name=_("progetto"), on_delete=models.CASCADE,
                                 related_name="accordi")
    persona = models.ForeignKey(Person, verbose_name=_("chi"), on_delete=models.PROTECT, related_name="+")
    data = models.DateField(_("data"))
    esito = models.CharField(_("esito"), max_length=12, choices=Esito.choices)
    commento = models.TextField(_("commento della famiglia"), blank=True)
    registrato_da = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                      related_name="+")
    dal_portale = models.BooleanField(_("registrato dal familiare tramite il portale"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("accordo con la famiglia")
        verbose_name_plural = _("accordi con la famiglia")
        ordering = ["progetto", "data", "pk"]

    def __str__(self) -> str:
        return f"{self.persona}: {self.get_esito_display()}"

    def get_additional_data(self) -> dict:
        family = self.progetto.family
        return {"ambito": family.ambito_id, "family": family.pk}


# The languages a family's version of the plan may be written in: the portal's, except Italian (the plan's own).
TRANSLATION_LANGUAGES = [(code, name) for code, name in settings.LANGUAGES if code != "it"]
RTL_LANGUAGES = frozenset({"ar"})
TRANSLATION_MAX_LENGTH = 2000


class Traduzione(AuditFiled, Versioned, CreatedOnce):
    """The family's version of a goal or an action, in a member's language, written by (or with) a cultural
    mediator. It records the Italian text it was last checked against: when the équipe changes the Italian,
    the two differ and the translation is «da rivedere» until someone checks it again."""

    risultato = models.ForeignKey(RisultatoAtteso, verbose_name=_("risultato atteso"), on_delete=models.CASCADE,
                                  null=True, blank=True, related_name="traduzioni")
    azione = models.ForeignKey(Azione, verbose_name=_("azione"), on_delete=models.CASCADE, null=True, blank=True,
                               related_name="traduzioni")
    lingua = models.CharField(_("lingua"), max_length=10, choices=TRANSLATION_LANGUAGES)
    testo = models.TextField(_("testo nella lingua della famiglia"), max_length=TRANSLATION_MAX_LENGTH)
    testo_italiano = models.TextField(_("testo italiano verificato"),
                                      help_text=_("Il testo italiano con cui la traduzione è stata controllata."))
    mediatore = models.CharField(
        _("mediatore culturale"), max_length=200, blank=True,
        help_text=_("Chi ha tradotto, se non sei tu: per esempio la mediatrice culturale che l'ha dettata."))
    verificata_da = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("controllata da"),
                                      on_delete=models.SET_NULL, null=True, related_name="+")
    # The checker's profession in the family's équipe when they checked (mediatore culturale, educatore...).
    professione = models.CharField(_("professione"), max_length=30, blank=True)
    verificata_il = models.DateTimeField(_("controllata il"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("traduzione per la famiglia")
        verbose_name_plural = _("traduzioni per la famiglia")
        ordering = ["lingua", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(risultato__isnull=False, azione__isnull=True)
                           | models.Q(risultato__isnull=True, azione__isnull=False)),
                name="traduzione_of_goal_or_action"),
            models.UniqueConstraint(fields=["risultato", "lingua"], name="traduzione_unique_goal_language"),
            models.UniqueConstraint(fields=["azione", "lingua"], name="traduzione_unique_action_language"),
        ]

    def __str__(self) -> str:
        return f"[{self.lingua}] {self.testo[:60]}"

    @property
    def item(self) -> RisultatoAtteso | Azione:
        # The check constraint makes exactly one of the two set.
        return self.risultato if self.risultato_id else self.azione  # type: ignore[return-value]

    @property
    def is_stale(self) -> bool:
        """«Da rivedere»: the Italian text changed after the translation was last checked."""
        return self.testo_italiano != self.item.descrizione

    @property
    def professione_label(self) -> str:
        return str(Professione(self.professione).label) if self.professione in Professione.values else ""

    @property
    def is_rtl(self) -> bool:
        return self.lingua in RTL_LANGUAGES

    @property
    def direction(self) -> str:
        return "rtl" if self.is_rtl else "ltr"

    def get_additional_data(self) -> dict:
        item = self.item
        goal = item if isinstance(item, RisultatoAtteso) else item.risultato
        family = goal.progetto.family
        return {"ambito": family.ambito_id, "family": family.pk}
