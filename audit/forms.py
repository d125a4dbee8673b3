from django import forms
from django.utils.translation import gettext_lazy as _

from common.forms import PlausibleDateField

from .models import AuditEntry


class AuditFilterForm(forms.Form):
    utente = forms.CharField(label=_("Utente"), required=False)
    azione = forms.TypedChoiceField(
        label=_("Azione"), required=False, coerce=int, empty_value=None,
        choices=[("", _("Tutte")), (AuditEntry.Action.ACCESS, _("Consultazione")),
                 (AuditEntry.Action.CREATE, _("Creazione")), (AuditEntry.Action.UPDATE, _("Modifica")),
                 (AuditEntry.Action.DELETE, _("Eliminazione"))],
    )
    famiglia = forms.CharField(label=_("Codice famiglia"), required=False)
    dal = PlausibleDateField(label=_("Dal"), required=False)
    al = PlausibleDateField(label=_("Al"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("dal") and data.get("al") and data["dal"] > data["al"]:
            raise forms.ValidationError(_("La data «dal» deve precedere la data «al»."))
        return data
