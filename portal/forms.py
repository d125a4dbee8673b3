from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from families.models import Person

from .models import MESSAGE_MAX_LENGTH, PORTAL_LANGUAGES

SIDES = [
    ("bambino", _("Il bambino o la bambina: crescere")),
    ("risposte", _("Noi genitori: come ci prendiamo cura")),
    ("ambiente", _("La casa, il lavoro, le persone intorno a noi")),
]


class LanguageForm(forms.Form):
    language = forms.CharField(max_length=10)
    next = forms.CharField(required=False, max_length=200)


class PasswordForm(forms.Form):
    password1 = forms.CharField(label=_("Scegli una password"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                                help_text="")
    password2 = forms.CharField(label=_("Scrivi di nuovo la password"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password1"].help_text = _("Almeno %(n)s caratteri, non solo numeri.") % {
            "n": getattr(settings, "TRAMA_PASSWORD_MIN_LENGTH", 10)}


class MessageForm(forms.Form):
    # No maxlength on the widget: a longer text reaches the service, which says how long it is.
    text = forms.CharField(label=_("Il tuo messaggio"), widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Formatted per request, in the member's language: `%` on a lazy string at class level would freeze it
        # in the language active at import (Italian) for everyone.
        self.fields["text"].help_text = _("Solo testo, al massimo %(max)s caratteri.") % {"max": MESSAGE_MAX_LENGTH}


class AnswerForm(forms.Form):
    esito = forms.ChoiceField(choices=[("concorda", _("Sono d'accordo")), ("modifiche", _("Chiedo delle modifiche"))],
                              widget=forms.RadioSelect, label=_("La tua risposta"))
    commento = forms.CharField(label=_("Che cosa vorresti cambiare? (oppure un commento)"), required=False,
                               widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class FamilyViewForm(forms.Form):
    def __init__(self, *args, initial_values=None, **kwargs):
        super().__init__(*args, **kwargs)
        for code, _label in SIDES:
            for kind, label in (("bene", _("Che cosa va bene")), ("preoccupa", _("Che cosa ci preoccupa"))):
                self.fields[f"{code}_{kind}"] = forms.CharField(
                    label=label, required=False, widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
                    initial=(initial_values or {}).get(f"{code}_{kind}", ""))

    def sides(self):
        return [{"code": code, "label": label, "bene": self[f"{code}_bene"], "preoccupa": self[f"{code}_preoccupa"]}
                for code, label in SIDES]


# --- Staff side (Italian)

class InviteForm(forms.Form):
    person = forms.ModelChoiceField(queryset=None, label=_("Chi inviti"), empty_label=None)
    language = forms.ChoiceField(choices=PORTAL_LANGUAGES, label=_("Lingua del messaggio di invito"), initial="it")

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(pk__in=[p.pk for p in people])


class StaffMessageForm(forms.Form):
    text = forms.CharField(label=_("Risposta alla famiglia"), widget=forms.Textarea(attrs={"rows": 3}))


class SummaryForm(forms.Form):
    def __init__(self, *args, summaries=None, **kwargs):
        super().__init__(*args, **kwargs)
        for code, name in PORTAL_LANGUAGES:
            self.fields[f"text_{code}"] = forms.CharField(
                label=name, required=False, widget=forms.Textarea(attrs={"rows": 4, "lang": code,
                                                                          "dir": "rtl" if code == "ar" else "ltr"}),
                initial=(summaries or {}).get(code, ""))
