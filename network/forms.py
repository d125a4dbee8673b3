from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.forms import DATE_WIDGET, TokenMixin
from organisation.models import Ente

from .models import NEEDS, Diritto, Intake, Protocol, Referral, Service, Tipologia
from .services import SERVICE_FIELDS, ChildData, IntakeData, check_document


def apply_errors(error: ValidationError, *, form: forms.Form, child_forms=()) -> None:
    """Put a service's ValidationError on the fields it names ("figli:1:nome" = the second child's name)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for key, messages in error.message_dict.items():
        if key.startswith("figli:"):
            _prefix, index, name = key.split(":", 2)
            index = int(index)
            if index < len(child_forms):
                child_forms[index].add_error(name if name in child_forms[index].fields else None, messages)
                continue
        form.add_error(key if key in form.fields else None, messages)


class ServiceForm(TokenMixin, forms.Form):
    nome = forms.CharField(label=_("Nome del servizio"), max_length=200)
    area = forms.ChoiceField(label=_("Area"), choices=[("", "—"), *Diritto.choices])
    tipologia = forms.ChoiceField(label=_("Tipologia"), choices=[("", "—"), *Tipologia.choices], required=False)
    ente = forms.ModelChoiceField(label=_("Ente dell'ambito che lo offre"), queryset=Ente.objects.none(),
                                  required=False, empty_label="—",
                                  help_text=_("Chi lavora in questo ente vede gli invii a questo servizio."))
    ente_testo = forms.CharField(label=_("Oppure: nome dell'ente che lo offre"), max_length=200, required=False)
    comune = forms.ModelChoiceField(label=_("Comune"), queryset=Ente.objects.none(), required=False, empty_label="—")
    indirizzo = forms.CharField(label=_("Indirizzo"), max_length=200, required=False)
    telefono = forms.CharField(label=_("Telefono"), max_length=50, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    sito = forms.URLField(label=_("Sito web"), required=False, assume_scheme="https")
    orari = forms.CharField(label=_("Orari di apertura"), max_length=300, required=False)
    lingue = forms.CharField(label=_("Lingue parlate"), max_length=200, required=False,
                             help_text=_("Separate da virgole, per esempio «italiano, arabo, francese»."))
    come_accedere = forms.CharField(label=_("Come si accede"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    attivo = forms.BooleanField(label=_("Attivo"), required=False, initial=True)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, ambito, **kwargs):
        super().__init__(*args, **kwargs)
        enti = Ente.objects.filter(ambito=ambito)
        self.fields["ente"].queryset = enti
        self.fields["comune"].queryset = enti.filter(tipo=Ente.Tipo.COMUNE)

    def values(self) -> dict:
        return {f: self.cleaned_data[f] for f in SERVICE_FIELDS}


class ServiceFilterForm(forms.Form):
    q = forms.CharField(label=_("Cerca per nome, ente o indirizzo"), required=False)
    area = forms.ChoiceField(label=_("Area"), required=False, choices=[("", _("Tutte")), *Diritto.choices])
    comune = forms.ModelChoiceField(label=_("Comune"), required=False, queryset=Ente.objects.none(),
                                    empty_label=_("Tutti"))
    lingua = forms.CharField(label=_("Lingua"), required=False)

    def __init__(self, *args, ambiti, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comune"].queryset = Ente.objects.filter(ambito_id__in=ambiti, tipo=Ente.Tipo.COMUNE)


class IntakeForm(TokenMixin, forms.Form):
    cognome = forms.CharField(label=_("Cognome"), max_length=100)
    nome = forms.CharField(label=_("Nome"), max_length=100)
    sesso = forms.ChoiceField(label=_("Sesso"), choices=[("", "—"), *Intake.Sesso.choices])
    data_nascita = forms.DateField(label=_("Data di nascita"), widget=DATE_WIDGET, required=False)
    codice_fiscale = forms.CharField(label=_("Codice fiscale"), max_length=16, required=False,
                                     help_text=_("Facoltativo: chi non ha ancora un codice fiscale si registra ugualmente."),
                                     widget=forms.TextInput(attrs={"autocapitalize": "characters", "spellcheck": "false"}))
    cittadinanza = forms.CharField(label=_("Cittadinanza"), max_length=100, required=False)
    lingue = forms.CharField(label=_("Lingue parlate"), max_length=200, required=False,
                             help_text=_("Separate da virgole, per esempio «arabo, francese»."))
    telefono = forms.CharField(label=_("Telefono"), max_length=50, required=False)
    comune = forms.ModelChoiceField(label=_("Comune"), queryset=Ente.objects.none(), empty_label="—")
    data_contatto = forms.DateField(label=_("Data del primo contatto"), widget=DATE_WIDGET, required=False,
                                    help_text=_("Se la lasci vuota vale oggi."))
    come_arrivata = forms.CharField(label=_("Come è arrivata"), max_length=200, required=False,
                                    help_text=_("Per esempio: dal punto nascita, dal pediatra, di persona."))
    bisogni = forms.MultipleChoiceField(label=_("Bisogni (i diritti da sostenere)"), required=False,
                                        choices=[(d.value, d.label) for d in NEEDS],
                                        widget=forms.CheckboxSelectMultiple)
    accompagnamento = forms.BooleanField(label=_("Accompagnamento personalizzato"), required=False,
                                         help_text=_("La tutor segue la persona da vicino, oltre al primo orientamento."))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    stato = forms.ChoiceField(label=_("Stato"), choices=Intake.Stato.choices, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, ambito, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comune"].queryset = Ente.objects.filter(ambito=ambito, tipo=Ente.Tipo.COMUNE)

    def clean_codice_fiscale(self) -> str:
        return self.cleaned_data["codice_fiscale"].strip().upper().replace(" ", "")

    def to_data(self, children: list[ChildData]) -> IntakeData:
        data = self.cleaned_data
        return IntakeData(**{f: data[f] for f in (
            "cognome", "nome", "sesso", "comune", "data_nascita", "codice_fiscale", "cittadinanza", "lingue",
            "telefono", "data_contatto", "come_arrivata", "note", "accompagnamento", "bisogni")}, figli=children)

    @staticmethod
    def initial_from(intake: Intake) -> dict:
        initial = {f: getattr(intake, f) for f in (
            "cognome", "nome", "sesso", "comune", "data_nascita", "codice_fiscale", "cittadinanza", "lingue",
            "telefono", "data_contatto", "come_arrivata", "note", "accompagnamento", "stato", "version")}
        initial["bisogni"] = list(intake.bisogni.values_list("diritto", flat=True))
        return initial


class ChildForm(forms.Form):
    nome = forms.CharField(label=_("Nome"), max_length=100)
    sesso = forms.ChoiceField(label=_("Sesso"), choices=[("", "—"), *Intake.Sesso.choices])
    data_nascita = forms.DateField(label=_("Data di nascita"), widget=DATE_WIDGET)

    def to_data(self) -> ChildData:
        return ChildData(**{f: self.cleaned_data[f] for f in ("nome", "sesso", "data_nascita")})


class BaseChildFormSet(forms.BaseFormSet):
    def filled_forms(self) -> list[ChildForm]:
        return [f for f in self.forms if f.has_changed() and f.cleaned_data]


def children_formset(*args, extra: int = 3, **kwargs):
    factory = formset_factory(ChildForm, formset=BaseChildFormSet, extra=extra, max_num=12, validate_max=True)
    return factory(*args, prefix="figli", **kwargs)


class IntakeFilterForm(forms.Form):
    q = forms.CharField(label=_("Cerca per nome o codice fiscale"), required=False)
    stato = forms.ChoiceField(label=_("Stato"), required=False, choices=[("", _("Tutti")), *Intake.Stato.choices])
    bisogno = forms.ChoiceField(label=_("Bisogno"), required=False,
                                choices=[("", _("Tutti")), *[(d.value, d.label) for d in NEEDS]])


class ReferralForm(TokenMixin, forms.Form):
    service = forms.ModelChoiceField(label=_("Servizio"), queryset=Service.objects.none(), empty_label="—")
    data_invio = forms.DateField(label=_("Data dell'invio"), widget=DATE_WIDGET, required=False,
                                 help_text=_("Se la lasci vuota vale oggi."))
    follow_up_il = forms.DateField(label=_("Da ricontrollare il"), widget=DATE_WIDGET, required=False)
    motivo = forms.CharField(label=_("Motivo dell'invio"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, service_queryset, **kwargs):
        super().__init__(*args, **kwargs)
        # Offered: the ambito's active services. Any service id is accepted, so that the service explains a
        # service of another directory rather than the form saying "invalid choice".
        self.fields["service"].queryset = Service.objects.all()
        self.fields["service"].widget.choices = [("", "—")] + [
            (s.pk, f"{s.get_area_display()} — {s.nome}" + (f" ({s.comune})" if s.comune_id else ""))
            for s in service_queryset]


class ReferralStatusForm(forms.Form):
    target = forms.ChoiceField(label=_("Nuovo stato"), choices=Referral.Stato.choices)
    expected_state = forms.CharField(widget=forms.HiddenInput)
    follow_up_il = forms.DateField(label=_("Da ricontrollare il"), widget=DATE_WIDGET, required=False)
    nota = forms.CharField(label=_("Nota"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class PeriodForm(forms.Form):
    dal = forms.DateField(label=_("Dal"), widget=DATE_WIDGET, required=False)
    al = forms.DateField(label=_("Al"), widget=DATE_WIDGET, required=False)

    def clean(self):
        data = super().clean()
        dal, al = data.get("dal"), data.get("al")
        if dal and al and al < dal:
            raise ValidationError(_("La fine del periodo è prima dell'inizio: controlla le date «Dal» e «Al»."))
        return data

    def period(self) -> tuple[date, date]:
        today = timezone.localdate()
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return data.get("dal") or today.replace(month=1, day=1), data.get("al") or today


class ProtocolForm(TokenMixin, forms.Form):
    titolo = forms.CharField(label=_("Titolo"), max_length=200)
    oggetto = forms.CharField(label=_("Oggetto e ambito di applicazione"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    enti = forms.ModelMultipleChoiceField(label=_("Enti firmatari dell'ambito"), queryset=Ente.objects.none(),
                                          required=False, widget=forms.CheckboxSelectMultiple)
    altre_parti = forms.CharField(label=_("Altre parti"), max_length=500, required=False,
                                  help_text=Protocol._meta.get_field("altre_parti").help_text)
    firmato_il = forms.DateField(label=_("Firmato il"), widget=DATE_WIDGET)
    scadenza = forms.DateField(label=_("Scadenza"), widget=DATE_WIDGET, required=False)
    documento = forms.FileField(label=_("Documento (PDF, JPG o PNG, al massimo 5 MB)"), required=False)

    def __init__(self, *args, ambito, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enti"].queryset = Ente.objects.filter(ambito=ambito)

    def clean_documento(self):
        document = self.cleaned_data.get("documento")
        try:
            check_document(document)
        except ValidationError as error:
            raise ValidationError(error.message_dict["documento"]) from None
        return document
