from django import forms
from django.utils.translation import gettext_lazy as _

from .fields import FIELDS
from .reader import MAX_BYTES

FIELD_CHOICES = [("", _("— non importare —")), *((f.code, f.label) for f in FIELDS)]


class UploadForm(forms.Form):
    ambito = forms.ModelChoiceField(label=_("Ambito"), queryset=None, empty_label=None)
    comune = forms.ModelChoiceField(
        label=_("Comune del registro"), queryset=None, required=False,
        help_text=_("Il comune che tiene il registro: Trama ripropone le colonne salvate per lui e lo usa per le "
                    "righe senza comune."))
    equipe = forms.ModelChoiceField(label=_("Équipe delle famiglie"), queryset=None, required=False,
                                    help_text=_("Per le righe che non indicano né l'équipe né il case manager."))
    file = forms.FileField(label=_("Registro (Excel .xlsx o CSV)"),
                           help_text=_("Al massimo 50 MB. Un foglio, una riga per persona, le intestazioni in alto."))

    def __init__(self, *args, ambiti, comuni, equipe, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ambito"].queryset = ambiti
        self.fields["comune"].queryset = comuni
        self.fields["equipe"].queryset = equipe
        if ambiti.count() == 1:
            self.fields["ambito"].widget = forms.HiddenInput()
            self.fields["ambito"].initial = ambiti.first()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size >= MAX_BYTES:
            raise forms.ValidationError(_("Il file è troppo grande (50 MB o più): dividilo in file più piccoli, per "
                                          "esempio uno per comune."))
        return upload


class MappingForm(forms.Form):
    salva = forms.BooleanField(label=_("Salva queste colonne per i prossimi file di questo comune"), required=False)

    def __init__(self, *args, headers, mapping, **kwargs):
        super().__init__(*args, **kwargs)
        self.headers = headers
        for index, header in enumerate(headers):
            self.fields[f"col_{index}"] = forms.ChoiceField(
                label=header or _("(colonna %(n)s senza intestazione)") % {"n": index + 1}, choices=FIELD_CHOICES,
                required=False, initial=mapping[index] if index < len(mapping) else "")

    def columns(self):
        return [self[f"col_{i}"] for i in range(len(self.headers))]

    def mapping(self) -> list[str]:
        return [self.cleaned_data.get(f"col_{i}", "") for i in range(len(self.headers))]


class ConfirmForm(forms.Form):
    senza_errori = forms.BooleanField(
        label=_("Importa solo le famiglie senza errori: le righe con errori (e le loro famiglie) restano fuori"),
        required=False)
