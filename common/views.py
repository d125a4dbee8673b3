"""The one way a write view runs a service: the service validates and writes, this maps what it raises."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .exceptions import DuplicateSubmission, StaleEdit
from .forms import STALE_MESSAGE, apply_service_errors, keep_input_after_stale_edit

DUPLICATE_MESSAGE = _("Il modulo era già stato inviato: è registrato una volta sola.")


@dataclass(frozen=True)
class ServiceCall:
    """What happened when a form's service ran."""

    done: bool = False  # the service wrote; `result` is what it returned
    result: Any = None
    duplicate: Any = None  # the form had been sent already: what its first submission created
    stale: StaleEdit | None = None  # someone saved meanwhile: the form keeps the input, the answer is a 409

    @property
    def finished(self) -> bool:
        """Saved now or before: the view moves on (usually to `record`)."""
        return self.done or self.duplicate is not None

    @property
    def record(self) -> Any:
        return self.result if self.done else self.duplicate

    @property
    def status(self) -> int:
        return 409 if self.stale is not None else 200


def run_service(request: HttpRequest, form: forms.Form, call: Callable[[], Any], *, success: str = "",
                duplicate: str = DUPLICATE_MESSAGE, person_forms: Sequence[forms.Form] = (),
                stale_message: str = STALE_MESSAGE,
                stale_message_for: Callable[[StaleEdit], str] | None = None,
                form_errors: tuple[type[Exception], ...] = (), error_field: str | None = None) -> ServiceCall:
    """Run `call` (a service, with the form's cleaned data) and map its exceptions once for every view:

    - `ValidationError` → the messages on the form fields they name (`apply_service_errors`); one that names no
      field goes on `error_field` when given (a password's rules under the password), else on the whole form;
    - `StaleEdit` → the user's input kept, the new version taken, `status` 409 (`stale_message_for(stale)`, when
      given, words the message from the record as it is now, e.g. who saved it);
    - `DuplicateSubmission` → the `duplicate` message, `record` is what the first submission created;
    - any of `form_errors` (exceptions other than `ValidationError`, e.g. a parse error) → its text on the form;
    - success → the `success` message (when given), `record` is what the service returned.
    `PermissionDenied` is not caught: it is the 403 page.
    """
    try:
        result = call()
    except DuplicateSubmission as repeat:
        if duplicate:
            messages.info(request, duplicate)
        return ServiceCall(duplicate=repeat.existing)
    except StaleEdit as stale:
        keep_input_after_stale_edit(form, stale, stale_message_for(stale) if stale_message_for else stale_message)
        return ServiceCall(stale=stale)
    except ValidationError as error:
        if error_field and not hasattr(error, "error_dict"):
            form.add_error(error_field, error.messages)
        else:
            apply_service_errors(error, form=form, person_forms=person_forms)
        return ServiceCall()
    except form_errors as error:
        form.add_error(None, str(error))
        return ServiceCall()
    if success:
        messages.success(request, success)
    return ServiceCall(done=True, result=result)


def run_action(request: HttpRequest, call: Callable[[], Any], *, success: str = "",
               each_message: bool = False) -> ServiceCall:
    """`run_service` for a form-less POST (a button: revoke, share, correct): a `ValidationError` becomes one error
    message on the next page (`each_message`: one per error); success → the `success` message (when given).
    `PermissionDenied` is the 403 page."""
    try:
        result = call()
    except ValidationError as error:
        for text in error.messages if each_message else [" ".join(error.messages)]:
            messages.error(request, text)
        return ServiceCall()
    if success:
        messages.success(request, success)
    return ServiceCall(done=True, result=result)
