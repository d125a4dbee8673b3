"""The forms of the bodies' pages: a new meeting, the minutes, a follow-up action."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from common.forms import DATE_WIDGET, DATETIME_WIDGET, TokenMixin
from organisation.models import Membership

from .models import Body


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Membership) -> str:
        name = obj.user.get_full_name() or obj.user.username
        return f"{name} — {obj.ente.nome}" if obj.ente_id else name


class BodyForm(forms.Form):
    tipo = forms.ChoiceField(label=_("Tipo"), choices=[("", "—"), *Body.Tipo.choices])
    nome = forms.CharField(label=_("Nome"), max_length=200)
    descrizione = forms.CharField(label=_("Compiti"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    componenti = MemberChoiceField(label=_("Componenti con un accesso a Trama"), required=False,
                                   queryset=Membership.objects.none(), widget=forms.CheckboxSelectMultiple)
    esterni = forms.CharField(
        label=_("Altri componenti"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Uno per riga: nome; ente; ruolo nell'organismo (ente e ruolo si possono omettere)."))

    def __init__(self, *args, ambito, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["componenti"].queryset = (
            Membership.objects.filter(ambito=ambito, active=True, user__is_active=True)
            .select_related("user", "ente").order_by("user__last_name", "user__first_name", "pk"))

    def clean_esterni(self) -> list[tuple[str, str, str]]:
        rows = []
        for line in self.cleaned_data["esterni"].splitlines():
            parts = [p.strip() for p in line.split(";")]
            if not parts[0]:
                continue
            if len(parts) > 3:
                raise forms.ValidationError(_("Riga «%(riga)s»: al massimo nome; ente; ruolo.") % {"riga": line.strip()})
            if len(parts[0]) > 200:
                raise forms.ValidationError(_("Riga «%(riga)s»: il nome è troppo lungo.") % {"riga": parts[0][:40]})
            rows.append((parts[0], *(parts[1:] + ["", ""])[:2]))
        return rows


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
