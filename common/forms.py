"""Form pieces shared by the apps: widgets, the one-time token, and how a service's errors reach a form."""

import uuid
from collections.abc import Sequence
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from .exceptions import StaleEdit

DATE_WIDGET = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
TIME_WIDGET = forms.TimeInput(format="%H:%M", attrs={"type": "time"})
DATETIME_WIDGET = forms.DateTimeInput(format="%Y-%m-%dT%H:%M", attrs={"type": "datetime-local"})

# Dates a person may mean: outside, the arithmetic on them (a day more, the start of the day in UTC) overflows.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2199, 12, 31)


class PlausibleDateField(forms.DateField):
    """A date between 1900 and 2199: 0001-01-01 or 9999-12-31 get an Italian message, never a server error."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.widget = DATE_WIDGET

    def validate(self, value):
        super().validate(value)
        if value and not (EARLIEST_DATE <= value <= LATEST_DATE):
            raise ValidationError(_("Indica una data tra il %(min)s e il %(max)s.")
                                  % {"min": EARLIEST_DATE.strftime("%d/%m/%Y"),
                                     "max": LATEST_DATE.strftime("%d/%m/%Y")}, code="out_of_range")


STALE_MESSAGE = _("Nel frattempo qualcun altro ha modificato questi dati. I tuoi sono qui sotto: controlla e salva "
                  "di nuovo.")


class TokenMixin(forms.Form):
    """A hidden one-time token: the same form posted twice creates one record, not two."""

    form_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("form_token", uuid.uuid4())


def apply_service_errors(error: ValidationError, *, form: forms.Form,
                         person_forms: Sequence[forms.Form] = ()) -> None:
    """Place a service's ValidationError on the form fields it names ("2:codice_fiscale" = 3rd person)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for key, messages in error.message_dict.items():
        if ":" in key:
            index, field = key.split(":", 1)
            target = person_forms[int(index)] if int(index) < len(person_forms) else form
            target.add_error(field if field in target.fields else None, messages)
        else:
            form.add_error(key if key in form.fields else None, messages)


def keep_input_after_stale_edit(form: forms.Form, stale: StaleEdit, message=STALE_MESSAGE) -> None:
    """Someone saved meanwhile: say so, keep what the user typed and let the next save go on the new version."""
    form.add_error(None, message)
    form.data = form.data.copy()
    form.data["version"] = stale.current.version


class ListedChoiceIterator(ModelChoiceIterator):
    """The options of a dropdown from one ordinary query. Django's iterator streams them with
    QuerySet.iterator(), which on PostgreSQL outside a transaction opens a server-side cursor
    (DECLARE, FETCH, CLOSE: three round trips per field) for what are a few dozen rows."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class ListedModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField for short lists (comuni, équipe, implementazioni) on pages opened all day."""

    iterator = ListedChoiceIterator
