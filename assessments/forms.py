from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.forms import DATE_WIDGET
from families.models import Family

from .definition import Definition
from .models import Answer, Perspective, TimePoint


class StartForm(forms.Form):
    instrument = forms.ModelChoiceField(label=_("Strumento"), queryset=None, empty_label="—")
    person = forms.ModelChoiceField(label=_("Bambino/a (per gli strumenti sul singolo bambino)"), queryset=None,
                                    required=False, empty_label="—")
    time_point = forms.ChoiceField(label=_("Momento"), choices=TimePoint.choices,
                                   help_text=_("Per il pre-assessment il momento non conta: è la valutazione "
                                               "che precede l'inclusione."))
    perspective = forms.ChoiceField(label=_("Punto di vista"), choices=Perspective.choices)
    date = forms.DateField(label=_("Data"), widget=DATE_WIDGET, initial=timezone.localdate)

    def __init__(self, *args, family: Family, instruments, perspectives=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instrument"].queryset = instruments
        self.fields["instrument"].label_from_instance = lambda v: f"{v.instrument.title} (v{v.version})"
        self.fields["person"].queryset = family.persone.filter(target=True)
        if perspectives is not None:
            self.fields["perspective"].choices = [c for c in Perspective.choices if c[0] in perspectives]


def note_field_name(code: str) -> str:
    return f"nota__{code}"


class ResponseForm(forms.Form):
    """Built from an instrument definition: one field per item, plus a narrative where the item has one.

    Every field is optional here (a draft may be incomplete); required items are checked on submit.
    """

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, definition: Definition, answers: dict[str, Answer] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.definition = definition
        answers = answers or {}
        for item in definition.items:
            answer = answers.get(item.code)
            label = item.label
            if item.type == "scale":
                choices = [(str(n), f"{n}" + (f" — {item.labels[n]}" if n in item.labels else ""))
                           for n in range(item.min, item.max + 1)]
                field = forms.ChoiceField(
                    label=label, choices=choices, required=False, widget=forms.RadioSelect,
                    error_messages={"invalid_choice": _("«%(l)s»: il punteggio deve essere tra %(a)s e %(b)s.")
                                    % {"l": label, "a": item.min, "b": item.max}})
                initial = str(int(answer.number)) if answer and answer.number is not None else None
            elif item.type == "single":
                field = forms.ChoiceField(label=label, choices=list(item.choices), required=False,
                                          widget=forms.RadioSelect,
                                          error_messages={"invalid_choice": _("«%(l)s»: scegli una delle opzioni.")
                                                          % {"l": label}})
                initial = answer.text if answer else None
            elif item.type == "multiple":
                field = forms.MultipleChoiceField(label=label, choices=list(item.choices), required=False,
                                                  widget=forms.CheckboxSelectMultiple,
                                                  error_messages={"invalid_choice": _("«%(l)s»: scegli tra le opzioni proposte.")
                                                                  % {"l": label}})
                initial = answer.choices if answer else []
            elif item.type == "number":
                field = forms.DecimalField(label=label, required=False)
                initial = answer.number if answer else None
            elif item.type == "date":
                field = forms.DateField(label=label, required=False, widget=DATE_WIDGET)
                initial = answer.date if answer else None
            else:
                field = forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": 3}))
                initial = answer.text if answer else ""
            field.item = item
            self.fields[item.code] = field
            self.initial.setdefault(item.code, initial)
            if item.narrative:
                self.fields[note_field_name(item.code)] = forms.CharField(
                    label=_("Narrazione: %(l)s") % {"l": label}, required=False,
                    widget=forms.Textarea(attrs={"rows": 2}))
                self.initial.setdefault(note_field_name(item.code), answer.note if answer else "")

    def values(self) -> dict:
        return {item.code: self.cleaned_data.get(item.code) for item in self.definition.items}

    def notes(self) -> dict:
        return {item.code: self.cleaned_data.get(note_field_name(item.code), "") for item in self.definition.items
                if item.narrative}

    def sections(self):
        """(section, [(field, note field or None)]) for the template."""
        for section in self.definition.sections:
            rows = []
            for item in section.items:
                note = self[note_field_name(item.code)] if item.narrative else None
                rows.append((self[item.code], note))
            yield section, rows


class InstrumentUploadForm(forms.Form):
    definition = forms.CharField(
        label=_("Definizione dello strumento (TOML)"), widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "false"}),
        required=False, help_text=_("Incolla il testo, oppure carica il file qui sotto. Vedi gli strumenti già presenti come esempio."))
    file = forms.FileField(label=_("File .toml"), required=False)

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload:
            if upload.size > 200_000:
                raise forms.ValidationError(_("Il file è troppo grande: al massimo 200 KB."))
            try:
                data["definition"] = upload.read().decode("utf-8")
            except UnicodeDecodeError as error:
                raise forms.ValidationError(_("Il file deve essere testo in UTF-8.")) from error
        if not (data.get("definition") or "").strip():
            raise forms.ValidationError(_("Incolla la definizione o carica un file."))
        return data
