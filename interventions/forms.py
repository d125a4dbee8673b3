from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.forms import DATE_WIDGET, TIME_WIDGET, TokenMixin

from .models import PNRR_MEASURE, Gruppo, Luogo, Ruolo, Servizio


def default_times() -> tuple:
    """Start now (rounded down to 5 minutes), one hour long."""
    now = timezone.localtime()
    start = now.replace(minute=now.minute - now.minute % 5, second=0, microsecond=0)
    end = start + timedelta(hours=1)
    if end.date() != start.date():
        start, end = start.replace(hour=22, minute=0), start.replace(hour=23, minute=0)
    return start.time(), end.time()


class QuickVisitForm(TokenMixin, forms.Form):
    """The short form an educator fills on the phone: family, when, where, what."""

    family = forms.ModelChoiceField(label=_("Famiglia"), queryset=None, empty_label=None)
    data = forms.DateField(label=_("Data"), widget=DATE_WIDGET)
    ora_inizio = forms.TimeField(label=_("Dalle"), widget=TIME_WIDGET)
    ora_fine = forms.TimeField(label=_("Alle"), widget=TIME_WIDGET)
    luogo = forms.ChoiceField(label=_("Luogo"), choices=Luogo.choices, widget=forms.RadioSelect)
    servizio = forms.ChoiceField(label=_("Servizio"), choices=Servizio.choices)
    attivita = forms.CharField(label=_("Che cosa avete fatto"), required=False,
                               widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, families, last_family=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["family"].queryset = families
        self.fields["family"].label_from_instance = lambda f: f"{f.codice} — {f.nome}"
        if not self.is_bound:
            start, end = default_times()
            self.initial.setdefault("data", timezone.localdate())
            self.initial.setdefault("ora_inizio", start)
            self.initial.setdefault("ora_fine", end)
            self.initial.setdefault("luogo", Luogo.CASA)
            self.initial.setdefault("servizio", Servizio.EDUCATIVA)
            if last_family:
                self.initial.setdefault("family", last_family)


class VisitForm(TokenMixin, forms.Form):
    """The full diary entry, from the family's page."""

    operatore = forms.ModelChoiceField(label=_("Operatore"), queryset=None, required=False, empty_label=None)
    servizio = forms.ChoiceField(label=_("Servizio"), choices=Servizio.choices)
    ruolo = forms.ChoiceField(label=_("Ruolo professionale"), choices=[("", _("Quello dell'operatore")),
                                                                      *Ruolo.choices], required=False)
    data = forms.DateField(label=_("Data"), widget=DATE_WIDGET)
    ora_inizio = forms.TimeField(label=_("Dalle"), widget=TIME_WIDGET)
    ora_fine = forms.TimeField(label=_("Alle"), widget=TIME_WIDGET)
    luogo = forms.ChoiceField(label=_("Luogo"), choices=Luogo.choices, widget=forms.RadioSelect)
    presenti = forms.ModelMultipleChoiceField(label=_("Chi era presente"), queryset=None, required=False,
                                              widget=forms.CheckboxSelectMultiple)
    persona = forms.ModelChoiceField(label=_("Per chi è la mediazione"), queryset=None, required=False,
                                     empty_label="—", help_text=_("Solo per la mediazione culturale."))
    attivita = forms.CharField(label=_("Che cosa si è fatto"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    azioni = forms.ModelMultipleChoiceField(label=_("Azioni del Progetto Quadro"), queryset=None, required=False,
                                            widget=forms.CheckboxSelectMultiple)
    note_equipe = forms.CharField(label=_("Note per l'équipe"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, people, actions, operators=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presenti"].queryset = people
        self.fields["persona"].queryset = people
        self.fields["azioni"].queryset = actions
        self.fields["azioni"].label_from_instance = lambda a: a.descrizione[:120]
        if operators is None:
            del self.fields["operatore"]
        else:
            self.fields["operatore"].queryset = operators
        if not self.is_bound:
            start, end = default_times()
            self.initial.setdefault("data", timezone.localdate())
            self.initial.setdefault("ora_inizio", start)
            self.initial.setdefault("ora_fine", end)
            self.initial.setdefault("luogo", Luogo.CASA)


class AssignmentForm(TokenMixin, forms.Form):
    operatore = forms.ModelChoiceField(label=_("Operatore"), queryset=None, empty_label="—")
    servizio = forms.ChoiceField(label=_("Servizio"), choices=Servizio.choices)
    ruolo = forms.ChoiceField(label=_("Ruolo professionale"), choices=Ruolo.choices)
    ore_settimanali = forms.DecimalField(label=_("Ore settimanali previste"), min_value=0, max_digits=4,
                                         decimal_places=1, help_text=_("Il programma chiede almeno 8 ore a "
                                                                       "settimana per famiglia, di più all'inizio."))
    data_inizio = forms.DateField(label=_("Dal"), widget=DATE_WIDGET)
    data_fine = forms.DateField(label=_("Al"), widget=DATE_WIDGET, required=False)

    def __init__(self, *args, operators, labels: dict[int, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["operatore"].queryset = operators
        if labels:
            self.fields["operatore"].label_from_instance = lambda user: labels.get(user.pk, str(user))
        if not self.is_bound:
            self.initial.setdefault("data_inizio", timezone.localdate())
            self.initial.setdefault("ore_settimanali", 8)


class GroupForm(TokenMixin, forms.Form):
    nome = forms.CharField(label=_("Nome del gruppo"), max_length=200)
    tipo = forms.ChoiceField(label=_("Tipo"), choices=Gruppo.Tipo.choices)
    sede = forms.CharField(label=_("Sede"), max_length=200,
                           help_text=_("Biblioteca, scuola, centro per le famiglie, ludoteca..."))
    frequenza = forms.ChoiceField(label=_("Frequenza"), choices=Gruppo.Frequenza.choices)
    n_incontri = forms.IntegerField(label=_("Numero di incontri del modulo"), min_value=1, max_value=20, initial=6)
    data_inizio = forms.DateField(label=_("Primo incontro"), widget=DATE_WIDGET)
    ora_inizio = forms.TimeField(label=_("Dalle"), widget=TIME_WIDGET)
    ora_fine = forms.TimeField(label=_("Alle"), widget=TIME_WIDGET)
    facilitatori = forms.ModelMultipleChoiceField(label=_("Facilitatori"), queryset=None,
                                                  widget=forms.CheckboxSelectMultiple,
                                                  help_text=_("Preferibilmente componenti delle équipe delle "
                                                              "famiglie partecipanti."))
    supporti = forms.MultipleChoiceField(label=_("Supporti offerti"), choices=Gruppo.Supporto.choices,
                                         required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitatori"].queryset = staff


class MeetingForm(forms.Form):
    data = forms.DateField(label=_("Data"), widget=DATE_WIDGET)
    ora_inizio = forms.TimeField(label=_("Dalle"), widget=TIME_WIDGET)
    ora_fine = forms.TimeField(label=_("Alle"), widget=TIME_WIDGET)
    sede = forms.CharField(label=_("Sede"), max_length=200, required=False)
    svolto = forms.BooleanField(label=_("L'incontro si è svolto"), required=False)
    presenti = forms.ModelMultipleChoiceField(label=_("Presenti"), queryset=None, required=False,
                                              widget=forms.CheckboxSelectMultiple)
    note = forms.CharField(label=_("Note dell'incontro"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    apprendimenti = forms.CharField(label=_("Elementi da riportare alle équipe"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, enrolled, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presenti"].queryset = enrolled
        self.fields["presenti"].label_from_instance = lambda i: f"{i.persona.nome} {i.persona.cognome} ({i.family.codice})"


class EnrolForm(forms.Form):
    persona = forms.ModelChoiceField(label=_("Partecipante"), queryset=None, empty_label="—")

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persona"].queryset = people
        self.fields["persona"].label_from_instance = lambda p: f"{p.nome} {p.cognome} ({p.family.codice})"




class BudgetForm(forms.Form):
    """The budget and, for each professional role, the hours planned and their hourly cost."""

    ambito = forms.ModelChoiceField(label=_("Ambito"), queryset=None, empty_label=None)
    nome = forms.CharField(label=_("Nome"), max_length=200)
    data_inizio = forms.DateField(label=_("Dal"), widget=DATE_WIDGET)
    data_fine = forms.DateField(label=_("Al"), widget=DATE_WIDGET)
    importo = forms.DecimalField(label=_("Importo disponibile (€)"), max_digits=12, decimal_places=2, min_value=0)
    cup = forms.CharField(label=_("CUP"), max_length=40, required=False,
                          help_text=_("Codice Unico di Progetto: 15 caratteri, lettere e cifre."))
    misura = forms.CharField(label=_("Misura PNRR"), max_length=200, required=False, initial=PNRR_MEASURE)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, ambiti, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ambito"].queryset = ambiti
        if ambiti.count() == 1:
            self.fields["ambito"].widget = forms.HiddenInput()
            self.initial.setdefault("ambito", ambiti.first().pk)
        for value, label in Ruolo.choices:
            self.fields[f"ore_{value}"] = forms.DecimalField(
                label=_("Ore previste: %(r)s") % {"r": label}, max_digits=8, decimal_places=1, required=False,
                min_value=0)
            self.fields[f"costo_{value}"] = forms.DecimalField(
                label=_("€/ora: %(r)s") % {"r": label}, max_digits=7, decimal_places=2, required=False, min_value=0)

    def clean_misura(self) -> str:
        # A form sent without the field (a script, an old page) keeps the PNRR measure; cleared on purpose, none.
        return self.cleaned_data["misura"] if "misura" in self.data else PNRR_MEASURE

    def role_rows(self):
        return [(label, self[f"ore_{value}"], self[f"costo_{value}"]) for value, label in Ruolo.choices]

    def righe(self) -> dict:
        return {value: (self.cleaned_data.get(f"ore_{value}"), self.cleaned_data.get(f"costo_{value}"))
                for value in Ruolo.values}
