"""The forms of the bodies' pages: a new meeting, the minutes, a follow-up action."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from common.forms import DATE_WIDGET, DATETIME_WIDGET, TokenMixin


class MeetingForm(TokenMixin, forms.Form):
    inizio = forms.DateTimeField(label=_("Data e ora"), widget=DATETIME_WIDGET,
                                 input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    luogo = forms.CharField(label=_("Luogo"), max_length=200, required=False)
    ordine_del_giorno = forms.CharField(label=_("Ordine del giorno"), widget=forms.Textarea(attrs={"rows": 4}))
    svolta = forms.BooleanField(label=_("Si è già svolta (la registro dopo)"), required=False)


class MinutesForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    verbale = forms.CharField(label=_("Verbale"), widget=forms.Textarea(attrs={"rows": 6}), required=False)
    decisioni = forms.CharField(label=_("Decisioni (una per riga)"), widget=forms.Textarea(attrs={"rows": 4}),
                                required=False)


class FollowUpForm(forms.Form):
    descrizione = forms.CharField(label=_("Che cosa va fatto"), widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.ModelChoiceField(label=_("Chi se ne occupa"), queryset=User.objects.none(), empty_label="—")
    scadenza = forms.DateField(label=_("Entro il"), widget=DATE_WIDGET)

    def __init__(self, *args, ambito, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(memberships__ambito=ambito, memberships__active=True,
                                                            is_active=True).distinct().order_by("last_name")
