from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.forms import DATE_WIDGET, TIME_WIDGET, TokenMixin

from .services import current_school_year


class FrequenzaForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Bambino o ragazzo"), queryset=None, empty_label=None)
    scuola = forms.ModelChoiceField(label=_("Scuola"), queryset=None, empty_label="—")
    anno_scolastico = forms.CharField(label=_("Anno scolastico"), max_length=9)
    classe = forms.CharField(label=_("Classe e sezione"), max_length=30)
    insegnante = forms.ModelChoiceField(label=_("Insegnante di riferimento (utente di Trama)"), queryset=None,
                                        required=False, empty_label="—")
    insegnante_nome = forms.CharField(label=_("oppure nome dell'insegnante, se non usa Trama"), max_length=200,
                                      required=False)
    add_teacher_to_equipe = forms.BooleanField(
        label=_("Inserisci l'insegnante nell'équipe della famiglia (vista riservata: niente note del caso, "
                "sanitarie o giudiziarie)"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, children, schools, teachers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = children
        self.fields["person"].label_from_instance = lambda p: f"{p.nome} {p.cognome}"
        self.fields["scuola"].queryset = schools
        self.fields["insegnante"].queryset = teachers
        self.fields["insegnante"].label_from_instance = lambda u: u.get_full_name() or u.username
        if not self.is_bound:
            self.initial.setdefault("anno_scolastico", current_school_year(timezone.localdate()))


class IncontroScuolaForm(TokenMixin, forms.Form):
    scuola = forms.ModelChoiceField(label=_("Scuola"), queryset=None, empty_label="—")
    data = forms.DateField(label=_("Data"), widget=DATE_WIDGET)
    ora_inizio = forms.TimeField(label=_("Dalle"), widget=TIME_WIDGET)
    ora_fine = forms.TimeField(label=_("Alle"), widget=TIME_WIDGET)
    tema = forms.CharField(label=_("Tema"), max_length=200)
    partecipanti = forms.CharField(label=_("Chi partecipa"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 2}))
    esito = forms.CharField(label=_("Esito (se l'incontro si è già svolto)"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))
    prossimi_passi = forms.CharField(label=_("Prossimi passi"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scuola"].queryset = schools
        if not self.is_bound and schools.count() == 1:
            self.initial.setdefault("scuola", schools.first())


class EsitoForm(forms.Form):
    esito = forms.CharField(label=_("Esito"), widget=forms.Textarea(attrs={"rows": 4}))
    prossimi_passi = forms.CharField(label=_("Prossimi passi"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput)
