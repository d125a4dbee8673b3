"""The API's errors, answered in one place (REST_FRAMEWORK["EXCEPTION_HANDLER"]).

The views call the services and let their exceptions through; here they become responses:

- django.core.exceptions.ValidationError → 400 {"errors": {field: [messages]}} (non_field_errors for a
  message that names no field);
- django.core.exceptions.PermissionDenied → 403 {"detail": its Italian message};
- families.services.StaleEdit → 409 {"errors": {"version": [message with the current version]}};
- families.services.DuplicateSubmission (a repeated creation_token) → 200 with what the first request created.

A view adapts these with optional hooks:

- ``existing_data(self, existing) -> dict``: the body answered for a repeated creation_token; a view without it
  never expects a DuplicateSubmission (it stays a server error);
- ``stale_message``: the 409's message, with ``%(v)s`` for the current version;
- ``error_field(key) -> str``: the field name to show for a key of the service's ValidationError.

Everything else goes through DRF's handler; its 401, 404 and 405 say the same in Italian whatever the cause (a 404
never says whether the object exists elsewhere). Every 400 has the same shape as the services' ones: DRF's own
(a serializer's errors, nested ones as "persone.0.nome"; a body that is not JSON) become {"errors": {...}} too. The
schema declares these shapes for every operation (api/schema.py).
"""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from common.exceptions import DuplicateSubmission, StaleEdit

MESSAGES = {
    401: _("Autenticazione richiesta: usa l'intestazione «Authorization: Token <chiave>»."),
    404: _("Non trovato."),
    405: _("Metodo non consentito."),
}
STALE_MESSAGE = gettext_lazy("Nel frattempo qualcuno ha salvato delle modifiche: rileggi (versione %(v)s) e riprova.")


def validation_payload(error: ValidationError, *, field: Callable[[str], str] = str) -> dict:
    """The 400's body: the messages by field, each key passed through `field`."""
    errors = error.message_dict if hasattr(error, "error_dict") else {"non_field_errors": error.messages}
    return {"errors": {field(key): messages for key, messages in errors.items()}}


def italian_exception_handler(exc, context):
    """Errors as JSON with a clear message; a 404 never says whether the object exists elsewhere."""
    view = context.get("view")
    if isinstance(exc, DuplicateSubmission) and hasattr(view, "existing_data"):
        return Response(view.existing_data(exc.existing), status=status.HTTP_200_OK)
    if isinstance(exc, StaleEdit):
        message = getattr(view, "stale_message", STALE_MESSAGE) % {"v": exc.current.version}
        return Response({"errors": {"version": [message]}}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, ValidationError):
        return Response(validation_payload(exc, field=getattr(view, "error_field", str)),
                        status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)  # the service's message, as DRF's own handler would keep it
    response = exception_handler(exc, context)
    if response is None:
        return None
    if response.status_code == status.HTTP_400_BAD_REQUEST:
        response.data = {"errors": flatten_errors(response.data)}
        return response
    if response.status_code in MESSAGES and isinstance(response.data, dict) and set(response.data) <= {"detail"}:
        response.data = {"detail": MESSAGES[response.status_code]}
    return response


def flatten_errors(data, prefix: str = "") -> dict[str, list[str]]:
    """DRF's errors (a dict, nested for nested serializers, lists for many=True) as {"a.0.b": [messages]}."""
    if isinstance(data, dict):
        if set(data) == {"detail"} and not prefix:
            return {"non_field_errors": [str(data["detail"])]}
        flat: dict[str, list[str]] = {}
        for key, value in data.items():
            for name, messages in flatten_errors(value, f"{prefix}.{key}" if prefix else str(key)).items():
                flat.setdefault(name, []).extend(messages)
        return flat
    if isinstance(data, list) and not all(isinstance(item, str) for item in data):
        flat = {}
        for index, item in enumerate(data):
            if item:
                flat.update(flatten_errors(item, f"{prefix}.{index}" if prefix else str(index)))
        return flat
    messages = [str(item) for item in data] if isinstance(data, list) else [str(data)]
    return {prefix or "non_field_errors": messages}


@csrf_exempt  # it changes nothing: a POST gets the same JSON 404, not the CSRF page
def not_found(request, *args, **kwargs) -> JsonResponse:
    """An address under /api/v1/ that names no operation: the API's 404, in JSON."""
    return JsonResponse({"detail": str(MESSAGES[404])}, status=404)
