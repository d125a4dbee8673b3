"""Form pieces shared by the apps."""

from django import forms
from django.forms.models import ModelChoiceIterator


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
