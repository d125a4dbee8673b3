from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisation.models import Implementazione

from .rendicontazione import semester_of


class ResearchExportForm(forms.Form):
    key = forms.CharField(
        label=_("Chiave di esportazione"), min_length=12, max_length=200, widget=forms.PasswordInput(render_value=False),
        help_text=_("Almeno 12 caratteri. Con la stessa chiave gli pseudonimi restano gli stessi tra un'esportazione e "
                    "l'altra; conservala al sicuro e non darla all'università."),
        error_messages={"min_length": _("La chiave deve avere almeno 12 caratteri.")})
    implementazione = forms.ModelChoiceField(label=_("Implementazione"), queryset=Implementazione.objects.none(),
                                             required=False, empty_label=_("Tutte"))

    def __init__(self, *args, ambiti, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["implementazione"].queryset = Implementazione.objects.filter(ambito_id__in=ambiti)


class PeriodForm(forms.Form):
    """A period of one ambito, or of all the user's ambiti (a region's officer); by default the current semester."""

    ambito = forms.ModelChoiceField(label=_("Ambito"), queryset=None, empty_label=None)
    dal = forms.DateField(label=_("Dal"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))
    al = forms.DateField(label=_("Al"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))

    def __init__(self, *args, ambiti, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ambito"].queryset = ambiti
        count = ambiti.count()
        if count == 1:
            self.fields["ambito"].widget = forms.HiddenInput()
        else:
            # The empty choice is "all of them": a report of several ambiti is prepared in the background.
            field = self.fields["ambito"]
            field.required = False
            field.empty_label = _("Tutti i miei ambiti (%(n)d)") % {"n": count}
            field.widget.choices = field.choices
        start, end = semester_of(timezone.localdate())
        self.initial.update(ambito=ambiti.first().pk if ambiti.exists() else None, dal=start, al=end)

    def clean(self):
        data = super().clean()
        if data.get("dal") and data.get("al"):
            if data["al"] < data["dal"]:
                self.add_error("al", _("La fine del periodo non può essere prima dell'inizio."))
            elif (data["al"] - data["dal"]).days > 3 * 366:
                self.add_error("al", _("Scegli un periodo di al massimo tre anni."))
        if not self.errors:
            chosen = data.get("ambito")
            data["ambiti"] = [chosen] if chosen else list(self.fields["ambito"].queryset)
        return data
