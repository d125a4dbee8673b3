"""What the governance forms share: the date widget, and placing a service's errors on a form."""

from django import forms
from django.core.exceptions import ValidationError

DATE_WIDGET = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


def apply_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form's fields it names (the rest on the whole form)."""
    if hasattr(error, "error_dict"):
        for field, msgs in error.message_dict.items():
            form.add_error(field if field in form.fields else None, msgs)
    else:
        form.add_error(None, error)
