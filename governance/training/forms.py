"""The forms of training and of the staff register."""

from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import DATE_WIDGET
from common.uploads import check_upload
from organisation.models import Professione
from quality.models import Survey

from .models import TrainingEvent


class TrainingEventForm(forms.Form):
    tipo = forms.ChoiceField(label=_("Tipo"), choices=[])
    titolo = forms.CharField(label=_("Titolo"), max_length=200)
    bisogni = forms.CharField(label=_("Bisogni formativi rilevati"), widget=forms.Textarea(attrs={"rows": 3}),
                              required=False)
    docenti = forms.CharField(label=_("Docenti / conduttori"), max_length=300, required=False)
    questionario = forms.ModelChoiceField(label=_("Questionario di gradimento (facoltativo)"), queryset=None,
                                          required=False, empty_label="—")

    def __init__(self, *args, ambiti=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tipo"].choices = TrainingEvent.Tipo.choices
        self.fields["questionario"].queryset = Survey.objects.filter(ambito_id__in=ambiti, destinatari="operatori")


class SessionForm(forms.Form):
    data = forms.DateField(label=_("Data"), widget=DATE_WIDGET)
    ore = forms.DecimalField(label=_("Ore"), max_digits=4, decimal_places=1)
    luogo = forms.CharField(label=_("Luogo"), max_length=200, required=False)


class ParticipantForm(forms.Form):
    nome = forms.CharField(label=_("Nome e cognome"), max_length=200)
    ente = forms.CharField(label=_("Ente"), max_length=200, required=False)
    esterno = forms.BooleanField(label=_("Partecipante esterno"), required=False)


class StaffForm(forms.Form):
    ente = forms.ModelChoiceField(label=_("Organizzazione"), queryset=None, empty_label="—")
    nome = forms.CharField(label=_("Nome e cognome"), max_length=200)
    ruolo = forms.ChoiceField(label=_("Ruolo"), choices=[])
    qualifiche = forms.CharField(label=_("Titoli e qualifiche"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    formazione = forms.CharField(label=_("Formazione svolta"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    referente_tecnico = forms.BooleanField(label=_("Referente tecnico del partner"), required=False)
    in_servizio_dal = forms.DateField(label=_("In servizio dal"), widget=DATE_WIDGET)
    cv = forms.FileField(label=_("Curriculum (PDF, al massimo 5 MB)"), required=False)

    def __init__(self, *args, entities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ente"].queryset = entities
        self.fields["ruolo"].choices = Professione.choices

    def clean_cv(self):
        cv = self.cleaned_data.get("cv")
        if cv:
            check_upload(cv, kinds=("pdf",))  # a PDF that pypdf opens, not only its first bytes
        return cv
