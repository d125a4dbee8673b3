from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Nome utente o password non corretti. Controlla e riprova (maiuscole e minuscole contano)."),
        "inactive": _("Questo account è disattivato. Rivolgiti al Referente Territoriale del tuo ambito."),
    }
