from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Nome utente o password non corretti. Controlla e riprova (maiuscole e minuscole contano)."),
        "inactive": _("Questo account è disattivato. Rivolgiti al Referente Territoriale del tuo ambito."),
    }


class CodeForm(forms.Form):
    """A six-digit code from the authenticator app, or a recovery code."""

    codice = forms.CharField(
        label=_("Codice"), max_length=32, strip=True,
        help_text=_("Le sei cifre che mostra l'app di autenticazione in questo momento, oppure uno dei codici di recupero."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false",
                                      "autocapitalize": "off"}),
    )


class EnrolForm(forms.Form):
    codice = forms.CharField(
        label=_("Codice mostrato dall'app"), max_length=12, strip=True,
        help_text=_("Dopo aver inquadrato il QR, scrivi le sei cifre che l'app mostra ora."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
