"""The forms of the complaints register: a new complaint, a step of its handling, the answer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import DATE_WIDGET, TokenMixin

from .models import Complaint


class ComplaintForm(TokenMixin, forms.Form):
    ricevuto_il = forms.DateField(label=_("Ricevuto il"), widget=DATE_WIDGET)
    canale = forms.ChoiceField(label=_("Canale"), choices=[("", "—")], required=False)
    categoria = forms.ChoiceField(label=_("Categoria"), choices=[])
    servizio = forms.CharField(label=_("Servizio interessato"), max_length=200, required=False)
    descrizione = forms.CharField(label=_("Descrizione"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["canale"].choices = [("", "—"), *Complaint.Canale.choices]
        self.fields["categoria"].choices = Complaint.Categoria.choices


class ComplaintStepForm(forms.Form):
    data = forms.DateField(label=_("Data"), widget=DATE_WIDGET)
    testo = forms.CharField(label=_("Che cosa è stato fatto"), widget=forms.Textarea(attrs={"rows": 2}))


class ComplaintAnswerForm(forms.Form):
    risposto_il = forms.DateField(label=_("Risposto il"), widget=DATE_WIDGET)
    esito = forms.ChoiceField(label=_("Esito"), choices=[])
    risposta = forms.CharField(label=_("Risposta"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["esito"].choices = [("", "—"), *Complaint.Esito.choices]
