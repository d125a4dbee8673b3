import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User

DATETIME_WIDGET = forms.DateTimeInput(format="%Y-%m-%dT%H:%M", attrs={"type": "datetime-local"})
DATE_WIDGET = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class MeetingForm(forms.Form):
    form_token = forms.UUIDField(widget=forms.HiddenInput, required=False)
    inizio = forms.DateTimeField(label=_("Data e ora"), widget=DATETIME_WIDGET,
                                 input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    luogo = forms.CharField(label=_("Luogo"), max_length=200, required=False)
    ordine_del_giorno = forms.CharField(label=_("Ordine del giorno"), widget=forms.Textarea(attrs={"rows": 4}))
    svolta = forms.BooleanField(label=_("Si è già svolta (la registro dopo)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("form_token", uuid.uuid4())


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


class ComplaintForm(forms.Form):
    form_token = forms.UUIDField(widget=forms.HiddenInput, required=False)
    ricevuto_il = forms.DateField(label=_("Ricevuto il"), widget=DATE_WIDGET)
    canale = forms.ChoiceField(label=_("Canale"), choices=[("", "—")], required=False)
    categoria = forms.ChoiceField(label=_("Categoria"), choices=[])
    servizio = forms.CharField(label=_("Servizio interessato"), max_length=200, required=False)
    descrizione = forms.CharField(label=_("Descrizione"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, **kwargs):
        from .models import Complaint

        super().__init__(*args, **kwargs)
        self.fields["canale"].choices = [("", "—"), *Complaint.Canale.choices]
        self.fields["categoria"].choices = Complaint.Categoria.choices
        if not self.is_bound:
            self.initial.setdefault("form_token", uuid.uuid4())


class ComplaintStepForm(forms.Form):
    data = forms.DateField(label=_("Data"), widget=DATE_WIDGET)
    testo = forms.CharField(label=_("Che cosa è stato fatto"), widget=forms.Textarea(attrs={"rows": 2}))


class ComplaintAnswerForm(forms.Form):
    risposto_il = forms.DateField(label=_("Risposto il"), widget=DATE_WIDGET)
    esito = forms.ChoiceField(label=_("Esito"), choices=[])
    risposta = forms.CharField(label=_("Risposta"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        from .models import Complaint

        super().__init__(*args, **kwargs)
        self.fields["esito"].choices = [("", "—"), *Complaint.Esito.choices]


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
