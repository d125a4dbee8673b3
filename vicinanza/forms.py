from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.forms import DATE_WIDGET, TokenMixin

from .models import Aiuto, Disponibilita, Sostenitore

CHECKS = forms.CheckboxSelectMultiple


class SostenitoreForm(TokenMixin, forms.Form):
    ambito = forms.ModelChoiceField(label=_("Ambito"), queryset=None, empty_label=None)
    tipo = forms.ChoiceField(label=_("Tipo"), choices=Sostenitore.Tipo.choices)
    nome = forms.CharField(label=_("Nome"), max_length=200, help_text=_("Per esempio «Famiglia Colombo»."))
    referente = forms.CharField(label=_("Persona di riferimento"), max_length=200, required=False)
    comune = forms.ModelChoiceField(label=_("Comune"), queryset=None, empty_label="—")
    telefono = forms.CharField(label=_("Telefono"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    lingue = forms.CharField(label=_("Lingue parlate"), max_length=200, required=False,
                             help_text=_("Separate da virgole, per esempio «italiano, arabo»."))
    aiuti = forms.MultipleChoiceField(label=_("Che aiuto può offrire"), choices=Aiuto.choices, widget=CHECKS)
    disponibilita = forms.MultipleChoiceField(label=_("Quando è disponibile"), choices=Disponibilita.choices,
                                              widget=CHECKS)
    ente = forms.ModelChoiceField(label=_("Associazione o ente che lo accompagna"), queryset=None, required=False,
                                  empty_label="—")
    user = forms.ModelChoiceField(label=_("Utente di Trama (per registrare le attività)"), queryset=None,
                                  required=False, empty_label="—")
    colloquio_il = forms.DateField(label=_("Colloquio di conoscenza il"), required=False, widget=DATE_WIDGET)
    controlli_il = forms.DateField(label=_("Verifiche completate il"), required=False, widget=DATE_WIDGET,
                                   help_text=_("Referenze e verifiche previste dal regolamento dell'ambito."))
    consenso_il = forms.DateField(label=_("Consenso al trattamento dei dati il"), required=False, widget=DATE_WIDGET)
    stato = forms.ChoiceField(label=_("Stato"), choices=Sostenitore.Stato.choices)
    famiglia_origine = forms.ModelChoiceField(label=_("Già famiglia sostenuta dal programma"), queryset=None,
                                              required=False, empty_label="—")
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, ambiti, comuni, enti, volunteers, families, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ambito"].queryset = ambiti
        if ambiti.count() == 1:
            self.fields["ambito"].widget = forms.HiddenInput()
            self.initial.setdefault("ambito", ambiti.first().pk)
        self.fields["comune"].queryset = comuni
        self.fields["ente"].queryset = enti
        self.fields["user"].queryset = volunteers
        self.fields["user"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.fields["famiglia_origine"].queryset = families
        self.fields["famiglia_origine"].label_from_instance = lambda f: f"{f.codice} — {f.nome}"


class MatchFilterForm(forms.Form):
    bisogni = forms.MultipleChoiceField(label=_("Di che aiuto ha bisogno la famiglia"), choices=Aiuto.choices,
                                        widget=CHECKS, required=False)
    disponibilita = forms.MultipleChoiceField(label=_("Quando"), choices=Disponibilita.choices, widget=CHECKS,
                                              required=False)


class ProposeForm(TokenMixin, forms.Form):
    sostenitore = forms.IntegerField(widget=forms.HiddenInput)
    bisogni = forms.MultipleChoiceField(choices=Aiuto.choices, required=False)
    motivazione = forms.CharField(label=_("Perché questo abbinamento"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))


class AgreeForm(forms.Form):
    accordo = forms.CharField(label=_("Patto di vicinanza"), widget=forms.Textarea(attrs={"rows": 5}),
                              help_text=_("Che cosa si fa insieme, quando, con quale frequenza, chi chiamare se "
                                          "serve."))
    data_accordo = forms.DateField(label=_("Firmato il"), widget=DATE_WIDGET)
    data_revisione = forms.DateField(label=_("Prima verifica il"), widget=DATE_WIDGET, required=False,
                                     help_text=_("Se vuoto, tra tre mesi."))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("data_accordo", timezone.localdate())


class ReviewForm(forms.Form):
    data = forms.DateField(label=_("Data della verifica"), widget=DATE_WIDGET)
    note = forms.CharField(label=_("Com'è andata"), widget=forms.Textarea(attrs={"rows": 4}))
    prossima = forms.DateField(label=_("Prossima verifica"), widget=DATE_WIDGET, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("data", timezone.localdate())


class CloseForm(forms.Form):
    data = forms.DateField(label=_("Concluso il"), widget=DATE_WIDGET)
    esito = forms.CharField(label=_("Esito"), widget=forms.Textarea(attrs={"rows": 4}))
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("data", timezone.localdate())


class ActivityForm(TokenMixin, forms.Form):
    data = forms.DateField(label=_("Data"), widget=DATE_WIDGET)
    durata_minuti = forms.IntegerField(label=_("Durata (minuti)"), min_value=1, max_value=720)
    tipo = forms.ChoiceField(label=_("Tipo di aiuto"), choices=Aiuto.choices)
    descrizione = forms.CharField(label=_("Che cosa avete fatto"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("data", timezone.localdate())
            self.initial.setdefault("durata_minuti", 120)
