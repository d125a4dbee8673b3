"""The forms of the projects' pages, and the Format Buone Prassi built from its headings."""

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import DATE_WIDGET

from .good_practice import FIELDS


class ProjectForm(forms.Form):
    titolo = forms.CharField(label=_("Titolo"), max_length=200)
    capofila = forms.CharField(label=_("Ente capofila"), max_length=200)
    dal = forms.DateField(label=_("Dal"), widget=DATE_WIDGET)
    al = forms.DateField(label=_("Al"), widget=DATE_WIDGET)
    budget = forms.DecimalField(label=_("Budget totale (€)"), max_digits=12, decimal_places=2, min_value=0)


class PartnerForm(forms.Form):
    nome = forms.CharField(label=_("Ente"), max_length=200)
    ruolo = forms.ChoiceField(label=_("Ruolo"), choices=[("capofila", _("Capofila")), ("partner", _("Partner")),
                                                         ("aderente", _("Aderente"))])


class MacroForm(forms.Form):
    titolo = forms.CharField(label=_("Macro-azione"), max_length=200)
    budget = forms.DecimalField(label=_("Budget (€)"), max_digits=12, decimal_places=2, min_value=0)
    personale = forms.CharField(label=_("Personale"), max_length=300, required=False)
    mese_inizio = forms.IntegerField(label=_("Dal mese"), min_value=1)
    mese_fine = forms.IntegerField(label=_("Al mese"), min_value=1)


class IndicatorForm(forms.Form):
    nome = forms.CharField(label=_("Indicatore"), max_length=200)
    previsto = forms.IntegerField(label=_("Previsto"), min_value=0)
    raggiunto = forms.IntegerField(label=_("Raggiunto"), min_value=0)


def good_practice_form(data=None, initial=None):
    fields = {"version": forms.IntegerField(widget=forms.HiddenInput)}
    for f in FIELDS:
        # No max_length here: the service refuses an over-long field with its own message, keeping the text.
        fields[f.code] = forms.CharField(label=f.heading, required=False, help_text=_("Al massimo %(n)s caratteri.")
                                         % {"n": f.limit}, widget=forms.Textarea(attrs={"rows": 3 if f.limit > 500 else 1,
                                                                                        "data-limit": f.limit}))
    return type("GoodPracticeForm", (forms.Form,), fields)(data, initial=initial)
