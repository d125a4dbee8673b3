from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from common.forms import DATE_WIDGET, TokenMixin
from families.models import Family

from .models import (
    TRANSLATION_LANGUAGES,
    Accordo,
    Azione,
    Dispositivo,
    EsitoVerifica,
    RisultatoAtteso,
    Traduzione,
    Verifica,
)
from .selectors import adults_of, equipe_users, sottodimensioni
from .services import ActionData, OutcomeData


class VersionMixin(forms.Form):
    """The plan's version the page was read at (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class PlanForm(TokenMixin, VersionMixin, forms.Form):
    analisi = forms.CharField(
        label=_("Analisi della situazione"), required=False, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Che cosa va bene e che cosa è difficile oggi, detto con le parole della famiglia."))
    data_inizio = forms.DateField(label=_("Inizio"), widget=DATE_WIDGET, required=False)
    data_fine = forms.DateField(label=_("Fine prevista"), widget=DATE_WIDGET, required=False)


def sottodimensione_choices() -> list:
    groups: dict[str, list] = {}
    for s in sottodimensioni():
        groups.setdefault(s.section, []).append((s.code, s.label))
    return [("", "—"), *groups.items()]


class GoalForm(TokenMixin, VersionMixin, forms.Form):
    sottodimensione = forms.ChoiceField(
        label=_("Sottodimensione del Mondo del Bambino"), choices=(),
        error_messages={"invalid_choice": _("Scegli una sottodimensione del Mondo del Bambino dall'elenco.")})
    descrizione = forms.CharField(
        label=_("Risultato atteso"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=RisultatoAtteso._meta.get_field("descrizione").help_text)
    data_prevista = forms.DateField(label=_("Entro il"), widget=DATE_WIDGET, required=False)
    analisi = forms.CharField(label=_("Analisi"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("Che cosa osserviamo oggi su questo aspetto, con la famiglia."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sottodimensione"].choices = sottodimensione_choices()

    @classmethod
    def initial_from(cls, goal: RisultatoAtteso, version: int) -> dict:
        return {"sottodimensione": goal.sottodimensione, "descrizione": goal.descrizione,
                "data_prevista": goal.data_prevista, "analisi": goal.analisi, "version": version}


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.username


class ActionForm(TokenMixin, VersionMixin, forms.Form):
    descrizione = forms.CharField(label=_("Che cosa si fa"), widget=forms.Textarea(attrs={"rows": 3}),
                                  help_text=_("Per esempio «L'educatrice accompagna Maria ai colloqui con la scuola»."))
    responsabile_tipo = forms.ChoiceField(label=_("Chi se ne occupa"), choices=Azione.Responsabile.choices,
                                          widget=forms.RadioSelect)
    responsabile_user = UserChoiceField(
        label=_("Operatore o insegnante dell'équipe"), queryset=None, required=False, empty_label="—",
        error_messages={"invalid_choice": _("Scegli un operatore o un insegnante dell'équipe della famiglia.")})
    responsabile_persona = forms.ModelChoiceField(
        label=_("Componente della famiglia"), queryset=None, required=False, empty_label="—",
        error_messages={"invalid_choice": _("Scegli un componente di questa famiglia.")})
    responsabile_testo = forms.CharField(label=_("Famiglia d'appoggio o volontario"), max_length=200,
                                         required=False)
    data_inizio = forms.DateField(label=_("Dal"), widget=DATE_WIDGET, required=False)
    data_fine = forms.DateField(label=_("Al"), widget=DATE_WIDGET, required=False)
    dispositivi = forms.MultipleChoiceField(
        label=_("Dispositivi"), choices=Dispositivo.choices, required=False, widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Scegli i dispositivi dall'elenco.")})
    stato = forms.ChoiceField(label=_("Stato"), choices=Azione.StatoAzione.choices,
                              initial=Azione.StatoAzione.PREVISTA)

    def __init__(self, *args, family: Family, **kwargs):
        super().__init__(*args, **kwargs)
        users = [*equipe_users(family, teachers=False), *equipe_users(family, teachers=True)]
        self.fields["responsabile_user"].queryset = User.objects.filter(pk__in=[u.pk for u in users]).order_by(
            "last_name", "first_name")
        self.fields["responsabile_persona"].queryset = family.persone.order_by("data_nascita", "pk")

    def to_data(self) -> ActionData:
        data = self.cleaned_data
        return ActionData(descrizione=data["descrizione"], responsabile_tipo=data["responsabile_tipo"],
                          responsabile_user=data["responsabile_user"],
                          responsabile_persona=data["responsabile_persona"],
                          responsabile_testo=data["responsabile_testo"], data_inizio=data["data_inizio"],
                          data_fine=data["data_fine"], dispositivi=tuple(data["dispositivi"]), stato=data["stato"])

    @classmethod
    def initial_from(cls, action: Azione, version: int) -> dict:
        return {"descrizione": action.descrizione, "responsabile_tipo": action.responsabile_tipo,
                "responsabile_user": action.responsabile_user_id,
                "responsabile_persona": action.responsabile_persona_id,
                "responsabile_testo": action.responsabile_testo, "data_inizio": action.data_inizio,
                "data_fine": action.data_fine, "dispositivi": list(action.dispositivi), "stato": action.stato,
                "version": version}


class AgreementForm(TokenMixin, VersionMixin, forms.Form):
    persona = forms.ModelChoiceField(
        label=_("Chi, della famiglia"), queryset=None, empty_label="—",
        error_messages={"invalid_choice": _("Scegli un adulto di questa famiglia: un genitore o un altro adulto "
                                            "del nucleo.")})
    esito = forms.ChoiceField(label=_("Che cosa dice del progetto"), choices=Accordo.Esito.choices,
                              widget=forms.RadioSelect)
    data = forms.DateField(label=_("Data"), widget=DATE_WIDGET)
    commento = forms.CharField(label=_("Commento della famiglia"), required=False,
                               widget=forms.Textarea(attrs={"rows": 3}),
                               help_text=_("Con le sue parole: che cosa la convince, che cosa vorrebbe cambiare."))

    def __init__(self, *args, family: Family, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persona"].queryset = family.persone.filter(pk__in=[p.pk for p in adults_of(family)])


class ReviewForm(TokenMixin, VersionMixin, forms.Form):
    momento = forms.ChoiceField(label=_("Momento"), choices=Verifica.Momento.choices)
    data = forms.DateField(label=_("Data della verifica"), widget=DATE_WIDGET)
    note = forms.CharField(label=_("Note generali"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, goals: list[RisultatoAtteso], **kwargs):
        super().__init__(*args, **kwargs)
        self.goals = goals
        for goal in goals:
            self.fields[f"esito_{goal.pk}"] = forms.ChoiceField(
                label=_("Esito"), choices=EsitoVerifica.Esito.choices, widget=forms.RadioSelect,
                error_messages={"required": _("Indica se questo risultato è raggiunto, raggiunto in parte o non "
                                              "raggiunto.")})
            self.fields[f"note_{goal.pk}"] = forms.CharField(label=_("Note"), required=False,
                                                             widget=forms.Textarea(attrs={"rows": 2}))

    def goal_rows(self) -> list[tuple]:
        return [(goal, self[f"esito_{goal.pk}"], self[f"note_{goal.pk}"]) for goal in self.goals]

    def outcomes(self) -> list[OutcomeData]:
        return [OutcomeData(goal.pk, self.cleaned_data[f"esito_{goal.pk}"], self.cleaned_data[f"note_{goal.pk}"])
                for goal in self.goals]


class ReplanForm(TokenMixin, VersionMixin, forms.Form):
    pass


class TranslationForm(TokenMixin, forms.Form):
    """The family's version of a goal or an action. `version` is the translation's (0: a new one); `italiano` the
    Italian text the writer read, so that a change of it meanwhile is not taken as checked."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    italiano = forms.CharField(widget=forms.HiddenInput, required=False, strip=False)
    lingua = forms.ChoiceField(
        label=_("Lingua della famiglia"), choices=[("", "—"), *TRANSLATION_LANGUAGES],
        error_messages={"invalid_choice": _("Scegli la lingua della famiglia dall'elenco."),
                        "required": _("Scegli la lingua della famiglia dall'elenco.")})
    testo = forms.CharField(
        label=_("Il testo nella lingua della famiglia"), strip=False,
        error_messages={"required": _("Scrivi il testo nella lingua della famiglia.")},
        # dir="auto": Arabic is typed and read right to left, whatever the page's direction.
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        help_text=_("Scrivi con il mediatore culturale, con parole semplici, lo stesso contenuto del testo italiano."))
    mediatore = forms.CharField(label=_("Tradotto con"), required=False,
                                help_text=Traduzione._meta.get_field("mediatore").help_text)

    @classmethod
    def initial_from(cls, item: RisultatoAtteso | Azione, lingua: str, existing: Traduzione | None) -> dict:
        values = {"lingua": lingua, "italiano": item.descrizione, "version": existing.version if existing else 0}
        if existing is not None:
            values |= {"testo": existing.testo, "mediatore": existing.mediatore}
        return values
