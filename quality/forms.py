from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.models import InstrumentVersion
from common.forms import DATE_WIDGET

from .models import Survey


class SurveyForm(forms.Form):
    instrument = forms.ModelChoiceField(label=_("Questionario"), queryset=InstrumentVersion.objects.none(),
                                        empty_label="—")
    titolo = forms.CharField(label=_("Titolo"), max_length=200)
    destinatari = forms.ChoiceField(label=_("Destinatari"), choices=Survey.Audience.choices)
    apre_il = forms.DateField(label=_("Aperto dal"), widget=DATE_WIDGET)
    chiude_il = forms.DateField(label=_("Aperto fino al"), widget=DATE_WIDGET)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["instrument"].queryset = InstrumentVersion.objects.filter(
            instrument__kind="satisfaction").select_related("instrument")
        self.fields["instrument"].label_from_instance = lambda v: f"{v.instrument.title} (v{v.version})"


class LinksForm(forms.Form):
    count = forms.IntegerField(label=_("Quanti link"), min_value=1, max_value=500, initial=10)


def answer_form(definition, lang: str, data=None) -> forms.Form:
    """The public form, with labels in the chosen language."""
    text = definition.localized(lang)
    fields = {}
    for item in definition.items:
        label = text["items"][item.code]
        if item.type == "scale":
            anchors = {**item.labels, **text["scale"]}
            choices = [(str(v), f"{v} — {anchors[v]}" if v in anchors else str(v)) for v in range(item.min, item.max + 1)]
            fields[item.code] = forms.ChoiceField(label=label, choices=choices, required=False, widget=forms.RadioSelect)
        else:
            fields[item.code] = forms.CharField(label=label, required=False, max_length=2000,
                                                widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}))
        fields[item.code].item = item
    return type("AnswerForm", (forms.Form,), fields)(data)
