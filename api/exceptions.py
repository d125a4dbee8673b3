from django.utils.translation import gettext as _
from rest_framework.views import exception_handler

MESSAGES = {
    401: _("Autenticazione richiesta: usa l'intestazione «Authorization: Token <chiave>»."),
    404: _("Non trovato."),
    405: _("Metodo non consentito."),
}


def italian_exception_handler(exc, context):
    """Errors as JSON with a clear message; a 404 never says whether the object exists elsewhere."""
    response = exception_handler(exc, context)
    if response is None:
        return None
    if response.status_code in MESSAGES and isinstance(response.data, dict) and set(response.data) <= {"detail"}:
        response.data = {"detail": MESSAGES[response.status_code]}
    return response
