"""The path of a family as an explicit state machine.

Only `families.services.family_transition` moves a family; it asks this module which moves exist
and which rules hold. Rules whose data arrive later (pre-assessment form, T0 assessments, the
agreed plan) join `transition_problems` when those records exist.
"""

from django.utils.translation import gettext as _

from .models import Consent, EsitoChiusura, Family, Stato

ACTIVE_STATES = (Stato.INCLUSA, Stato.ASSESSMENT_T0, Stato.PROGETTAZIONE, Stato.IN_CORSO, Stato.T1, Stato.T2)

# The next steps of each state, in the order the UI offers them.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Stato.SEGNALATA: (Stato.PREASSESSMENT,),
    Stato.PREASSESSMENT: (Stato.INCLUSA, Stato.NON_INCLUSA),
    Stato.INCLUSA: (Stato.ASSESSMENT_T0, Stato.CHIUSA),
    Stato.ASSESSMENT_T0: (Stato.PROGETTAZIONE, Stato.CHIUSA),
    Stato.PROGETTAZIONE: (Stato.IN_CORSO, Stato.CHIUSA),
    Stato.IN_CORSO: (Stato.T1, Stato.CHIUSA),
    Stato.T1: (Stato.T2, Stato.CHIUSA),
    Stato.T2: (Stato.CHIUSA,),
    Stato.NON_INCLUSA: (),
    Stato.CHIUSA: (),
}

# Moves that need a written reason (the others may have one).
REASON_REQUIRED = {Stato.NON_INCLUSA, Stato.CHIUSA}


def allowed_targets(state: str) -> tuple[str, ...]:
    return TRANSITIONS.get(state, ())


def transition_problems(family: Family, target: str, *, esito_chiusura: str = "", motivazione: str = "",
                        continuita: str = "") -> list[str]:
    """Why `family` cannot move to `target` now, in Italian; empty when it can."""
    if target not in allowed_targets(family.stato):
        return [
            _("Una famiglia nello stato «%(da)s» non può passare a «%(a)s».")
            % {"da": Stato(family.stato).label, "a": Stato(target).label if target in Stato.values else target}
        ]
    problems: list[str] = []
    if target in REASON_REQUIRED and not motivazione.strip():
        problems.append(_("Scrivi la motivazione: per questo passaggio è obbligatoria."))
    if target == Stato.PREASSESSMENT and family.equipe_id is None:
        problems.append(_("Assegna un'équipe alla famiglia: è l'équipe a compilare il pre-assessment."))
    if target == Stato.INCLUSA:
        if family.implementazione_id is None:
            problems.append(_("Indica l'implementazione in cui la famiglia è inclusa."))
        if not family.persone.filter(target=True).exists():
            problems.append(_("Indica almeno un bambino o una bambina target del programma."))
        if not family.consensi.filter(finalita=Consent.Finalita.PARTECIPAZIONE, revocato_il__isnull=True).exists():
            problems.append(_("Registra il consenso della famiglia alla partecipazione al programma."))
    if target in (Stato.INCLUSA, Stato.NON_INCLUSA):
        from assessments.selectors import latest_preassessment_outcome

        outcome = latest_preassessment_outcome(family)
        wanted = "inclusa" if target == Stato.INCLUSA else "non_inclusa"
        if outcome is None:
            problems.append(_("Compila e invia il pre-assessment: l'inclusione si decide lì."))
        elif outcome != wanted:
            problems.append(_("L'esito del pre-assessment inviato è «%(esito)s»: correggilo se la decisione è cambiata.")
                            % {"esito": _("inclusa") if outcome == "inclusa" else _("non inclusa")})
    if target == Stato.PROGETTAZIONE:
        from assessments.selectors import target_children_without_t0

        missing = target_children_without_t0(family)
        if missing:
            problems.append(_("Completa e invia la valutazione T0 del Mondo del Bambino per: %(nomi)s.")
                            % {"nomi": ", ".join(p.nome for p in missing)})
    if target == Stato.IN_CORSO:
        from plans.selectors import has_agreed_plan

        if not has_agreed_plan(family):
            problems.append(_("Il Progetto Quadro deve essere concordato con la famiglia prima dell'avvio "
                              "dell'intervento."))
    if target == Stato.CHIUSA and esito_chiusura == EsitoChiusura.PROSEGUE and not continuita.strip():
        problems.append(_("Scrivi che cosa prosegue con il servizio di riferimento."))
    if target == Stato.CHIUSA and family.stato == Stato.T2:
        from assessments.selectors import target_children_without

        missing = target_children_without(family, "T2")
        if missing:
            problems.append(_("Completa la valutazione finale T2 del Mondo del Bambino per: %(nomi)s.")
                            % {"nomi": ", ".join(p.nome for p in missing)})
    if target == Stato.CHIUSA and not esito_chiusura:
        problems.append(_("Indica l'esito della chiusura."))
    return problems


# What the équipe should do next in each state, and within how many days of entering it.
# In corso and T1 follow the cohort's calendar instead (T1 at the mid point, T2 at the end).
NEXT_STEP: dict[str, tuple[str, int]] = {
    Stato.SEGNALATA: ("Avviare il pre-assessment", 30),
    Stato.PREASSESSMENT: ("Decidere l'inclusione con la famiglia", 30),
    Stato.INCLUSA: ("Avviare l'assessment T0", 30),
    Stato.ASSESSMENT_T0: ("Completare l'assessment T0", 60),
    Stato.PROGETTAZIONE: ("Concordare il Progetto Quadro con la famiglia", 30),
    Stato.IN_CORSO: ("Valutazione intermedia T1", 0),
    Stato.T1: ("Valutazione finale T2", 0),
    Stato.T2: ("Chiudere il percorso con la famiglia", 30),
}
