from django import forms
from django.utils.translation import gettext_lazy as _

from organisation.models import Implementazione


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
