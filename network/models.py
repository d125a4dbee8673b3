"""The network around families: the directory of services (mappatura), the tutor territoriale's
first contacts (intake) with their needs and referrals (invii), and the protocols between bodies."""

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.models import AuditFiled, CreatedOnce, Versioned
from organisation.models import Ambito, Ente


class Diritto(models.TextChoices):
    """The rights of the seed's tutor territoriale: a need, a service's area and a referral's area."""

    SALUTE = "salute", _("Salute")
    EDUCAZIONE = "educazione", _("Educazione")
    PROTEZIONE = "protezione", _("Protezione e tutela")
    GENITORIALITA = "genitorialita", _("Genitorialità")
    CASA = "casa", _("Casa")
    LAVORO = "lavoro", _("Lavoro e formazione")
    IDENTITA = "identita", _("Identità e assistenza legale")
    ALTRO = "altro", _("Altro")


# The needs checklist of an intake: the rights, without "altro".
NEEDS = [d for d in Diritto if d != Diritto.ALTRO]


class Tipologia(models.TextChoices):
    PEDIATRA = "pediatra", _("Pediatra")
    CONSULTORIO = "consultorio", _("Consultorio familiare")
    SALUTE_MENTALE = "salute_mentale", _("Salute mentale")
    NIDO = "nido", _("Nido")
    CHILDCARE = "childcare", _("Altri servizi per l'infanzia (childcare)")
    SERVIZI_SOCIALI = "servizi_sociali", _("Servizi sociali")
    ANTIVIOLENZA = "antiviolenza", _("Centro antiviolenza")
    SPAZIO_MAMME = "spazio_mamme", _("Spazio mamme / supporto alla genitorialità")
    SCUOLA_LINGUA = "scuola_lingua", _("Scuola di lingua con custodia dei bambini")
    CASA = "casa", _("Casa (doti, sindacato inquilini, bandi)")
    LAVORO = "lavoro", _("Lavoro e formazione")
    LEGALE = "legale", _("Orientamento legale e documenti")
    ALTRO = "altro", _("Altro")


# Which tipologia belongs to which area.
TIPOLOGIA_AREA: dict[str, str] = {
    Tipologia.PEDIATRA: Diritto.SALUTE, Tipologia.CONSULTORIO: Diritto.SALUTE,
    Tipologia.SALUTE_MENTALE: Diritto.SALUTE, Tipologia.NIDO: Diritto.EDUCAZIONE,
    Tipologia.CHILDCARE: Diritto.EDUCAZIONE, Tipologia.SERVIZI_SOCIALI: Diritto.PROTEZIONE,
    Tipologia.ANTIVIOLENZA: Diritto.PROTEZIONE, Tipologia.SPAZIO_MAMME: Diritto.GENITORIALITA,
    Tipologia.SCUOLA_LINGUA: Diritto.GENITORIALITA, Tipologia.CASA: Diritto.CASA,
    Tipologia.LAVORO: Diritto.LAVORO, Tipologia.LEGALE: Diritto.IDENTITA,
}


class Service(AuditFiled, Versioned, CreatedOnce):
    """A service or an offer of the ambito's directory (mappatura)."""

    ambito = models.ForeignKey(Ambito, verbose_name=_("ambito"), on_delete=models.PROTECT, related_name="servizi")
    nome = models.CharField(_("nome"), max_length=200)
    area = models.CharField(_("area"), max_length=20, choices=Diritto.choices)
    tipologia = models.CharField(_("tipologia"), max_length=20, choices=Tipologia.choices, blank=True)
    ente = models.ForeignKey(
        Ente, verbose_name=_("ente che lo offre"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="servizi_offerti",
        help_text=_("Chi lavora in questo ente vede gli invii a questo servizio e ne aggiorna lo stato."),
    )
    ente_testo = models.CharField(_("ente che lo offre (se non è tra gli enti dell'ambito)"), max_length=200,
                                  blank=True)
    comune = models.ForeignKey(Ente, verbose_name=_("comune"), on_delete=models.PROTECT, null=True, blank=True,
                               related_name="servizi_nel_comune", limit_choices_to={"tipo": Ente.Tipo.COMUNE})
    indirizzo = models.CharField(_("indirizzo"), max_length=200, blank=True)
    telefono = models.CharField(_("telefono"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    sito = models.URLField(_("sito web"), blank=True)
    orari = models.CharField(_("orari di apertura"), max_length=300, blank=True)
    lingue = models.CharField(_("lingue parlate"), max_length=200, blank=True, help_text=_("Separate da virgole."))
    come_accedere = models.TextField(_("come si accede"), blank=True)
    attivo = models.BooleanField(_("attivo"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("servizio della rete")
        verbose_name_plural = _("servizi della rete")
        ordering = ["area", "nome", "pk"]
        constraints = [models.UniqueConstraint(fields=["ambito", "nome", "comune"], name="service_unique_in_ambito")]
        indexes = [models.Index(fields=["ambito", "area"])]

    def __str__(self) -> str:
        return self.nome


    @property
    def provider(self) -> str:
        return self.ente.nome if self.ente_id else self.ente_testo


class Intake(Versioned, CreatedOnce):
    """A first contact of the tutor territoriale (presa in carico leggera), before any case exists."""

    class Stato(models.TextChoices):
        APERTO = "aperto", _("Aperto")
        CHIUSO = "chiuso", _("Chiuso")

    class Sesso(models.TextChoices):
        F = "F", _("Femmina")
        M = "M", _("Maschio")

    ambito = models.ForeignKey(Ambito, verbose_name=_("ambito"), on_delete=models.PROTECT, related_name="contatti")
    tutor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("tutor territoriale"),
                              on_delete=models.PROTECT, related_name="contatti_seguiti")
    cognome = models.CharField(_("cognome"), max_length=100)
    nome = models.CharField(_("nome"), max_length=100)
    sesso = models.CharField(_("sesso"), max_length=1, choices=Sesso.choices)
    data_nascita = models.DateField(_("data di nascita"), null=True, blank=True)
    codice_fiscale = models.CharField(_("codice fiscale"), max_length=16, blank=True)
    cittadinanza = models.CharField(_("cittadinanza"), max_length=100, blank=True)
    lingue = models.CharField(_("lingue parlate"), max_length=200, blank=True)
    telefono = models.CharField(_("telefono"), max_length=50, blank=True)
    comune = models.ForeignKey(Ente, verbose_name=_("comune"), on_delete=models.PROTECT, related_name="+",
                               limit_choices_to={"tipo": Ente.Tipo.COMUNE})
    data_contatto = models.DateField(_("data del primo contatto"), default=date.today)
    come_arrivata = models.CharField(_("come è arrivata"), max_length=200, blank=True,
                                     help_text=_("Per esempio: dal punto nascita, dal pediatra, di persona."))
    note = models.TextField(_("note"), blank=True)
    accompagnamento = models.BooleanField(
        _("accompagnamento personalizzato"), default=False,
        help_text=_("La tutor segue la persona da vicino, oltre al primo orientamento."))
    stato = models.CharField(_("stato"), max_length=10, choices=Stato.choices, default=Stato.APERTO)
    chiuso_il = models.DateField(_("chiuso il"), null=True, blank=True)
    family = models.OneToOneField("families.Family", verbose_name=_("famiglia"), on_delete=models.SET_NULL,
                                  null=True, blank=True, related_name="contatto_tutor")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("contatto della tutor")
        verbose_name_plural = _("contatti della tutor")
        ordering = ["-data_contatto", "-pk"]
        indexes = [models.Index(fields=["ambito", "tutor", "stato"]), models.Index(fields=["ambito", "data_contatto"]),
                   models.Index(fields=["ambito", "codice_fiscale"]), models.Index(fields=["cognome", "nome"])]

    def __str__(self) -> str:
        return f"{self.nome} {self.cognome}"

    def get_additional_data(self) -> dict:
        data = {"ambito": self.ambito_id}
        if self.family_id:
            data["family"] = self.family_id
        return data


class IntakeNeed(models.Model):
    """One ticked right of the intake's needs checklist (a row, so that counts are SQL)."""

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="bisogni")
    diritto = models.CharField(_("bisogno"), max_length=20, choices=Diritto.choices)

    class Meta:
        verbose_name = _("bisogno")
        verbose_name_plural = _("bisogni")
        constraints = [models.UniqueConstraint(fields=["intake", "diritto"], name="intake_need_unique")]

    def __str__(self) -> str:
        return self.get_diritto_display()

    def get_additional_data(self) -> dict:
        return self.intake.get_additional_data()


class IntakeChild(models.Model):
    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="figli")
    nome = models.CharField(_("nome"), max_length=100)
    sesso = models.CharField(_("sesso"), max_length=1, choices=Intake.Sesso.choices)
    data_nascita = models.DateField(_("data di nascita"))

    class Meta:
        verbose_name = _("figlio/a")
        verbose_name_plural = _("figli")
        ordering = ["data_nascita", "pk"]

    def __str__(self) -> str:
        return self.nome

    def get_additional_data(self) -> dict:
        return self.intake.get_additional_data()

    def age_on(self, day: date) -> int:
        born = self.data_nascita
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    @property
    def eta(self) -> int:
        return self.age_on(timezone.localdate())


class Referral(Versioned, CreatedOnce):
    """An invio: the tutor sends the person to a service of the directory, and follows it up."""

    class Stato(models.TextChoices):
        INVIATO = "inviato", _("Inviato")
        ACCOLTO = "accolto", _("Accolto")
        PRESO_IN_CARICO = "preso_in_carico", _("Preso in carico")
        CONCLUSO = "concluso", _("Concluso")
        RIFIUTATO = "rifiutato", _("Rifiutato")
        PERSO = "perso", _("Perso (la persona non si è presentata)")

    ambito = models.ForeignKey(Ambito, verbose_name=_("ambito"), on_delete=models.PROTECT, related_name="invii")
    intake = models.ForeignKey(Intake, verbose_name=_("contatto"), on_delete=models.CASCADE, related_name="invii")
    service = models.ForeignKey(Service, verbose_name=_("servizio"), on_delete=models.PROTECT, related_name="invii")
    # Denormalised from the service at the time of the referral, for the counts by right.
    area = models.CharField(_("area"), max_length=20, choices=Diritto.choices)
    data_invio = models.DateField(_("data dell'invio"), default=date.today)
    follow_up_il = models.DateField(_("da ricontrollare il"), null=True, blank=True)
    motivo = models.TextField(_("motivo dell'invio"), blank=True)
    stato = models.CharField(_("stato"), max_length=20, choices=Stato.choices, default=Stato.INVIATO)
    stato_dal = models.DateTimeField(_("nello stato dal"), default=timezone.now)
    inviato_da = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("inviato da"), on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("invio")
        verbose_name_plural = _("invii")
        ordering = ["-data_invio", "-pk"]
        indexes = [models.Index(fields=["ambito", "stato"]), models.Index(fields=["service", "stato"]),
                   models.Index(fields=["ambito", "follow_up_il"])]

    def __str__(self) -> str:
        return f"{self.intake} → {self.service}"

    def get_additional_data(self) -> dict:
        data = {"ambito": self.ambito_id}
        family_id = self.intake.family_id
        if family_id:
            data["family"] = family_id
        return data

    @property
    def waiting(self) -> bool:
        return self.stato == self.Stato.INVIATO


# The allowed status changes of a referral (concluso, rifiutato and perso are final).
REFERRAL_TRANSITIONS: dict[str, tuple[str, ...]] = {
    Referral.Stato.INVIATO: (Referral.Stato.ACCOLTO, Referral.Stato.PRESO_IN_CARICO, Referral.Stato.RIFIUTATO,
                             Referral.Stato.PERSO),
    Referral.Stato.ACCOLTO: (Referral.Stato.PRESO_IN_CARICO, Referral.Stato.CONCLUSO, Referral.Stato.RIFIUTATO,
                             Referral.Stato.PERSO),
    Referral.Stato.PRESO_IN_CARICO: (Referral.Stato.CONCLUSO, Referral.Stato.PERSO),
    Referral.Stato.CONCLUSO: (),
    Referral.Stato.RIFIUTATO: (),
    Referral.Stato.PERSO: (),
}


class ReferralEvent(AuditFiled):
    """One status change of a referral: who, when, from where to where, and a note."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="eventi")
    from_state = models.CharField(_("da"), max_length=20, choices=Referral.Stato.choices, blank=True)
    to_state = models.CharField(_("a"), max_length=20, choices=Referral.Stato.choices)
    at = models.DateTimeField(_("quando"), default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("chi"), on_delete=models.SET_NULL, null=True,
                           related_name="+")
    nota = models.TextField(_("nota"), blank=True)

    class Meta:
        verbose_name = _("cambio di stato dell'invio")
        verbose_name_plural = _("cambi di stato degli invii")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.referral_id}: {self.from_state} → {self.to_state}"

    audit_ambito = "referral.ambito_id"


def protocol_upload_path(instance: "Protocol", filename: str) -> str:
    # The stored name never carries the uploaded name (which may hold personal data).
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"protocolli/{instance.ambito_id}/{uuid.uuid4().hex}.{suffix}"


class Protocol(AuditFiled, Versioned, CreatedOnce):
    """A protocol or agreement between services, bodies and institutions of the territory."""

    ambito = models.ForeignKey(Ambito, verbose_name=_("ambito"), on_delete=models.PROTECT, related_name="protocolli")
    titolo = models.CharField(_("titolo"), max_length=200)
    oggetto = models.TextField(_("oggetto e ambito di applicazione"), blank=True)
    enti = models.ManyToManyField(Ente, verbose_name=_("enti firmatari dell'ambito"), blank=True,
                                  related_name="protocolli")
    altre_parti = models.CharField(_("altre parti"), max_length=500, blank=True,
                                   help_text=_("Enti che non sono tra quelli dell'ambito, separati da virgole."))
    firmato_il = models.DateField(_("firmato il"))
    scadenza = models.DateField(_("scadenza"), null=True, blank=True)
    documento = models.FileField(_("documento"), upload_to=protocol_upload_path, blank=True)
    registrato_da = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("registrato da"),
                                      on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("protocollo")
        verbose_name_plural = _("protocolli")
        ordering = ["scadenza", "titolo", "pk"]
        indexes = [models.Index(fields=["ambito", "scadenza"])]

    def __str__(self) -> str:
        return self.titolo

