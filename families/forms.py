
from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.forms import DATE_WIDGET, ListedModelChoiceField, TokenMixin
from common.uploads import check_upload
from organisation.models import Ente, Equipe, Implementazione

from .models import Consent, EsitoChiusura, Family, Person, Stato
from .selectors import consent_givers
from .services import PERSON_FIELDS, PersonData


class FamilyForm(TokenMixin, forms.Form):
    nome = forms.CharField(label=_("Nome del nucleo"), max_length=200,
                           help_text=_("Come l'équipe chiama la famiglia, per esempio «Famiglia Rossi»."))
    comune = forms.ModelChoiceField(label=_("Comune di residenza"), queryset=Ente.objects.none(), empty_label="—")
    servizio_riferimento = forms.ModelChoiceField(label=_("Servizio di riferimento"), queryset=Ente.objects.none(),
                                                  required=False, empty_label="—")
    ente_segnalante = forms.ModelChoiceField(label=_("Servizio che segnala"), queryset=Ente.objects.none(),
                                             required=False, empty_label="—")
    equipe = forms.ModelChoiceField(label=_("Équipe"), queryset=Equipe.objects.none(), required=False,
                                    empty_label="—")
    implementazione = forms.ModelChoiceField(label=_("Implementazione"), queryset=Implementazione.objects.none(),
                                             required=False, empty_label="—")
    data_segnalazione = forms.DateField(label=_("Data della segnalazione"), widget=DATE_WIDGET, required=False)
    motivo_segnalazione = forms.CharField(label=_("Motivo della segnalazione"), required=False,
                                          widget=forms.Textarea(attrs={"rows": 3}))
    riunificazione = forms.BooleanField(label=_("Percorso di riunificazione familiare"), required=False)
    note_giudiziarie = forms.CharField(
        label=_("Provvedimenti dell'Autorità Giudiziaria e tutela (riservato)"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Lo vedono solo il case manager, i professionisti dell'équipe e il Referente Territoriale."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, ambito, equipe_queryset, **kwargs):
        super().__init__(*args, **kwargs)
        enti = Ente.objects.filter(ambito=ambito)
        self.fields["comune"].queryset = enti.filter(tipo=Ente.Tipo.COMUNE)
        self.fields["servizio_riferimento"].queryset = enti
        self.fields["ente_segnalante"].queryset = enti
        self.fields["equipe"].queryset = equipe_queryset
        self.fields["implementazione"].queryset = Implementazione.objects.filter(ambito=ambito)


class PersonForm(forms.Form):
    cognome = forms.CharField(label=_("Cognome"), max_length=100)
    nome = forms.CharField(label=_("Nome"), max_length=100)
    sesso = forms.ChoiceField(label=_("Sesso"), choices=[("", "—"), *Person.Sesso.choices])
    ruolo = forms.ChoiceField(label=_("Ruolo nella famiglia"), choices=[("", "—"), *Person.Ruolo.choices])
    data_nascita = forms.DateField(label=_("Data di nascita"), widget=DATE_WIDGET, required=False)
    codice_fiscale = forms.CharField(label=_("Codice fiscale"), max_length=16, required=False,
                                     widget=forms.TextInput(attrs={"autocapitalize": "characters", "spellcheck": "false"}))
    cittadinanza = forms.CharField(label=_("Cittadinanza"), max_length=100, required=False)
    lingue = forms.CharField(label=_("Lingue parlate"), max_length=200, required=False,
                             help_text=_("Separate da virgole, per esempio «arabo, francese»."))
    mediazione_culturale = forms.BooleanField(label=_("Serve la mediazione culturale"), required=False)
    target = forms.BooleanField(label=_("Bambino/a target del programma"), required=False)
    partecipa_equipe = forms.BooleanField(label=_("Partecipa all'équipe"), required=False)
    note_sanitarie = forms.CharField(
        label=_("Note sanitarie (riservato)"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Salute, disabilità, terapie. Mai visibile a insegnanti, volontari, coach e governance."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_codice_fiscale(self) -> str:
        return self.cleaned_data["codice_fiscale"].strip().upper().replace(" ", "")

    def to_data(self) -> PersonData:
        return PersonData(**{f: self.cleaned_data[f] for f in PERSON_FIELDS if f in self.cleaned_data})

    @classmethod
    def initial_from(cls, person: Person) -> dict:
        initial = {f: getattr(person, f) for f in PERSON_FIELDS}
        initial["version"] = person.version
        return initial


class PersonAddForm(TokenMixin, PersonForm):
    """A member added on their own (the new-family form's rows share the family form's token)."""


class BasePeopleFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        if not [f for f in self.forms if f.has_changed() and not self._should_delete_form(f)]:
            raise ValidationError(_("Indica almeno un componente della famiglia."))

    def filled_forms(self) -> list[PersonForm]:
        return [f for f in self.forms if f.has_changed() and f.cleaned_data]


class PeopleFormSet(BasePeopleFormSet):
    def _construct_form(self, i, **kwargs):
        # The new-family rows stay short: health notes are added on the member's own form.
        form = super()._construct_form(i, **kwargs)
        form.fields.pop("note_sanitarie", None)
        return form

    @property
    def empty_form(self):
        form = super().empty_form
        form.fields.pop("note_sanitarie", None)
        return form


def people_formset(*args, extra: int = 4, **kwargs):
    factory = formset_factory(PersonForm, formset=PeopleFormSet, extra=extra, max_num=20, validate_max=True)
    return factory(*args, prefix="persone", **kwargs)


class TransitionForm(forms.Form):
    target = forms.ChoiceField(label=_("Nuovo stato"), choices=Stato.choices)
    expected_state = forms.CharField(widget=forms.HiddenInput)
    motivazione = forms.CharField(label=_("Motivazione"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    esito_chiusura = forms.ChoiceField(label=_("Esito della chiusura"), required=False,
                                       choices=[("", "—"), *EsitoChiusura.choices])
    continuita = forms.CharField(label=_("Alla chiusura: cosa prosegue con il servizio di riferimento"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    obiettivi_aperti = forms.CharField(label=_("Alla chiusura: obiettivi rimasti aperti"), required=False,
                                       widget=forms.Textarea(attrs={"rows": 2}))
    confermato = forms.BooleanField(label=_("Ho visto che cosa resta aperto e confermo il passaggio"),
                                    required=False)

    def __init__(self, *args, targets: tuple[str, ...], **kwargs):
        super().__init__(*args, **kwargs)
        # Offered: the next steps. Accepted: any state, so that a page left open while someone else moved
        # the family gets the service's "nel frattempo" message rather than a bare "invalid choice".
        self.fields["target"].widget.choices = [(t, Stato(t).label) for t in targets]


class ConsentForm(TokenMixin, forms.Form):
    person = forms.ModelChoiceField(label=_("Chi dà il consenso"), queryset=Person.objects.none())
    finalita = forms.ChoiceField(label=_("Finalità"), choices=Consent.Finalita.choices)
    data = forms.DateField(label=_("Data"), widget=DATE_WIDGET)
    documento = forms.FileField(label=_("Documento firmato (PDF, JPG o PNG, al massimo 5 MB)"), required=False)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, family: Family, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = consent_givers(family, timezone.localdate())

    def clean_documento(self):
        document = self.cleaned_data.get("documento")
        if document:
            check_upload(document)  # a PDF that pypdf opens, or a JPG/PNG that Pillow verifies
        return document


class FamilyFilterForm(forms.Form):
    q = forms.CharField(label=_("Cerca per nome o codice fiscale"), required=False)
    stato = forms.ChoiceField(label=_("Stato"), required=False, choices=[("", _("Tutti")), *Stato.choices])
    comune = ListedModelChoiceField(label=_("Comune"), required=False, queryset=Ente.objects.none(),
                                    empty_label=_("Tutti"))
    implementazione = ListedModelChoiceField(label=_("Implementazione"), required=False,
                                             queryset=Implementazione.objects.none(), empty_label=_("Tutte"))
    equipe = ListedModelChoiceField(label=_("Équipe"), required=False, queryset=Equipe.objects.none(),
                                    empty_label=_("Tutte"))

    def __init__(self, *args, ambiti, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comune"].queryset = Ente.objects.filter(ambito_id__in=ambiti, tipo=Ente.Tipo.COMUNE)
        self.fields["implementazione"].queryset = Implementazione.objects.filter(ambito_id__in=ambiti)
        self.fields["equipe"].queryset = Equipe.objects.filter(ambito_id__in=ambiti)


def _shown(person: Person, field: str) -> str:
    """A value as the merge page shows it: choices by their label, yes/no, dates as dd/mm/yyyy, "—" for none."""
    value = getattr(person, field)
    if hasattr(person, f"get_{field}_display"):
        return str(getattr(person, f"get_{field}_display")() or "—")
    if isinstance(value, bool):
        return str(_("sì") if value else _("no"))
    if value is None or value == "":
        return "—"
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(value)


class MergeForm(forms.Form):
    """Which record to keep and, for each value where the two differ, which one is right."""

    tieni = forms.ChoiceField(label=_("Quale scheda tenere"), widget=forms.RadioSelect, initial="a",
                              help_text=_("La scheda tenuta conserva il suo indirizzo e la sua famiglia; "
                                          "l'altra viene unita a questa e non esiste più."))
    version_a = forms.IntegerField(widget=forms.HiddenInput)
    version_b = forms.IntegerField(widget=forms.HiddenInput)
    unisci_famiglie = forms.BooleanField(
        label=_("Unisci anche le famiglie"), required=False,
        help_text=_("I componenti, i consensi, le valutazioni, i progetti e gli interventi della famiglia "
                    "dell'altra scheda passano alla famiglia della scheda tenuta."))

    def __init__(self, *args: object, a: Person, b: Person, fields: tuple[str, ...], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.a, self.b = a, b
        self.fields["tieni"].choices = [("a", str(a)), ("b", str(b))]
        self.initial.setdefault("version_a", a.version)
        self.initial.setdefault("version_b", b.version)
        if a.family_id == b.family_id:
            del self.fields["unisci_famiglie"]
        self.rows: list[dict[str, object]] = []
        for name in fields:
            label = Person._meta.get_field(name).verbose_name
            row: dict[str, object] = {"name": name, "label": label, "a": _shown(a, name), "b": _shown(b, name)}
            if getattr(a, name) != getattr(b, name):
                empty_a = getattr(a, name) in (None, "")
                # Not required: a value left unchosen keeps the proposal (the filled-in one, else the first).
                self.fields[f"campo_{name}"] = forms.ChoiceField(
                    label=label, widget=forms.RadioSelect, initial="b" if empty_a else "a", required=False,
                    choices=[("a", row["a"]), ("b", row["b"])])
                row["field"] = f"campo_{name}"
            self.rows.append(row)

    def bound_rows(self) -> list[dict[str, object]]:
        return [{**row, "bound": self[str(row["field"])] if "field" in row else None} for row in self.rows]

    def kept_and_merged(self) -> tuple[Person, Person]:
        return (self.a, self.b) if self.cleaned_data["tieni"] == "a" else (self.b, self.a)

    def versions(self) -> tuple[int, int]:
        """The versions read of the record kept and of the one merged, in that order."""
        va, vb = self.cleaned_data["version_a"], self.cleaned_data["version_b"]
        return (va, vb) if self.cleaned_data["tieni"] == "a" else (vb, va)

    def from_merged(self) -> set[str]:
        """The fields whose value is taken from the record that goes."""
        keep = self.cleaned_data["tieni"]
        return {name[len("campo_"):] for name, field in self.fields.items()
                if name.startswith("campo_") and (self.cleaned_data.get(name) or field.initial) != keep}
