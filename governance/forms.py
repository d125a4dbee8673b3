
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DATE_WIDGET = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


def apply_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form's fields it names (the rest on the whole form)."""
    if hasattr(error, "error_dict"):
        for field, msgs in error.message_dict.items():
            form.add_error(field if field in form.fields else None, msgs)
    else:
        form.add_error(None, error)


class TrainingEventForm(forms.Form):
    tipo = forms.ChoiceField(label=_("Tipo"), choices=[])
    titolo = forms.CharField(label=_("Titolo"), max_length=200)
    bisogni = forms.CharField(label=_("Bisogni formativi rilevati"), widget=forms.Textarea(attrs={"rows": 3}),
                              required=False)
    docenti = forms.CharField(label=_("Docenti / conduttori"), max_length=300, required=False)
    questionario = forms.ModelChoiceField(label=_("Questionario di gradimento (facoltativo)"), queryset=None,
                                          required=False, empty_label="—")

    def __init__(self, *args, ambiti=(), **kwargs):
        from quality.models import Survey

        from .models import TrainingEvent

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
        from organisation.models import Professione

        super().__init__(*args, **kwargs)
        self.fields["ente"].queryset = entities
        self.fields["ruolo"].choices = Professione.choices

    def clean_cv(self):
        cv = self.cleaned_data.get("cv")
        if cv:
            if cv.size > 5 * 1024 * 1024:
                raise forms.ValidationError(_("Il file è troppo grande: al massimo 5 MB."))
            head = cv.read(4)
            cv.seek(0)
            if head != b"%PDF":
                raise forms.ValidationError(_("Carica il curriculum in PDF."))
        return cv


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
    from .good_practice import FIELDS

    fields = {"version": forms.IntegerField(widget=forms.HiddenInput)}
    for f in FIELDS:
        # No max_length here: the service refuses an over-long field with its own message, keeping the text.
        fields[f.code] = forms.CharField(label=f.heading, required=False, help_text=_("Al massimo %(n)s caratteri.")
                                         % {"n": f.limit}, widget=forms.Textarea(attrs={"rows": 3 if f.limit > 500 else 1,
                                                                                        "data-limit": f.limit}))
    return type("GoodPracticeForm", (forms.Form,), fields)(data, initial=initial)
