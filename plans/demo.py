"""Demo Progetti Quadro for `manage.py seed_demo` (deterministic: every choice comes from the builder's rng).

Written through plans.services, as the case manager would, so the demo data obey the same rules.
"""

import random
from datetime import date, timedelta

from django.utils import timezone

from families.models import Family, Person

from . import services
from .models import Accordo, Azione, Dispositivo, EsitoVerifica, ProgettoQuadro
from .selectors import adults_of, current_plan, equipe_users

# sub-dimension → (expected outcome, analysis, actions as (who, what, dispositivi)); {c} is the child, {p} the parent.
GOALS = {
    "apprendimento": (
        "{c} va a scuola tutti i giorni e porta i compiti fatti almeno quattro volte su cinque.",
        "{c} salta spesso la scuola il lunedì; a casa non c'è un momento fisso per i compiti.",
        [("operatore", "Due pomeriggi a settimana l'educatrice fa i compiti con {c} e {p}.", ["educativa"]),
         ("insegnante", "Colloquio mensile tra l'insegnante, {p} e l'educatrice sull'andamento di {c}.", ["scuola"]),
         ("familiare", "{p} controlla ogni sera lo zaino e il diario con {c}.", [])],
    ),
    "cura_base": (
        "{c} ha orari regolari per i pasti e il sonno, e {p} li segue senza aiuto entro tre mesi.",
        "La sera i ritmi sono irregolari: {c} va a letto tardi ed è stanco a scuola.",
        [("operatore", "Visite domiciliari per costruire con {p} la routine della sera.", ["educativa"]),
         ("familiare", "{p} segna sul calendario di casa gli orari della cena e della nanna.", [])],
    ),
    "calore": (
        "{p} e {c} hanno ogni settimana un momento di gioco insieme che entrambi raccontano come bello.",
        "{p} si sente sola e sopraffatta; con {c} i momenti sereni sono pochi.",
        [("operatore", "{p} partecipa al gruppo dei genitori del giovedì.", ["gruppi"]),
         ("appoggio", "La famiglia d'appoggio accompagna {p} e {c} al parco il sabato.", ["vicinanza"])],
    ),
    "sostegno_sociale": (
        "{p} ha almeno due persone da chiamare in caso di bisogno, oltre ai servizi.",
        "La famiglia è arrivata da poco nel quartiere e non conosce nessuno.",
        [("appoggio", "Incontri con la famiglia d'appoggio ogni quindici giorni.", ["vicinanza"]),
         ("operatore", "Presentazione di {p} al centro per le famiglie del comune.", ["mediazione"])],
    ),
    "gioco": (
        "{c} frequenta un'attività sportiva o ricreativa una volta a settimana.",
        "{c} passa i pomeriggi davanti alla televisione.",
        [("operatore", "Iscrizione di {c} all'oratorio estivo e al calcio con il contributo del comune.",
          ["educativa", "altro"])],
    ),
}

SUPPORT_FAMILIES = ["Famiglia Colombo (vicinanza solidale)", "Famiglia Galli (vicinanza solidale)",
                    "Associazione Il Melograno, volontaria Anna"]


def add_demo_plans(family: Family, by, rng: random.Random, *, on: date | None = None,
                   agreed: bool = True) -> ProgettoQuadro | None:
    """A plausible Progetto Quadro for `family`, written by `by` (its case manager or the RT) on `on`:
    2-3 expected outcomes on Il Mondo del Bambino sub-dimensions, each with its actions, and (if `agreed`)
    the mother's agreement. Does nothing when the family already has a plan or no équipe."""
    if family.equipe_id is None or current_plan(family) is not None:
        return None
    on = min(on or timezone.localdate(), timezone.localdate())
    adults = adults_of(family)
    if not adults:
        return None
    parent = next((p for p in adults if p.ruolo == Person.Ruolo.MADRE), adults[0])
    child = family.persone.filter(target=True).order_by("data_nascita", "pk").first() or parent
    operators = equipe_users(family, teachers=False)
    teachers = equipe_users(family, teachers=True)

    plan = services.progetto_create(
        family=family, by=by, data_inizio=on, data_fine=on + timedelta(days=540),
        analisi=(f"{parent.nome} racconta la fatica di tenere insieme lavoro, casa e figli. "
                 f"Con l'équipe riconosce i punti di forza: l'affetto per {child.nome} e la voglia di farcela. "
                 f"Dal Mondo del Bambino a T0 emergono come aspetti su cui lavorare insieme quelli qui sotto."))
    for code in rng.sample(sorted(GOALS), rng.choice([2, 3])):
        text, analysis, actions = GOALS[code]
        fill = {"c": child.nome, "p": parent.nome}
        plan.refresh_from_db()
        goal = services.risultato_add(progetto=plan, by=by, version=plan.version, sottodimensione=code,
                                      descrizione=text.format(**fill), analisi=analysis.format(**fill),
                                      data_prevista=on + timedelta(days=rng.choice([90, 180, 270])))
        for kind, what, dispositivi in actions:
            data = services.ActionData(descrizione=what.format(**fill), responsabile_tipo=kind,
                                       data_inizio=on + timedelta(days=rng.randint(0, 14)),
                                       data_fine=on + timedelta(days=rng.choice([90, 180, 360])),
                                       dispositivi=tuple(dispositivi))
            if kind == Azione.Responsabile.OPERATORE:
                data.responsabile_user = rng.choice(operators) if operators else family.equipe.case_manager
            elif kind == Azione.Responsabile.INSEGNANTE:
                if not teachers:
                    data.responsabile_tipo = Azione.Responsabile.OPERATORE
                    data.responsabile_user = family.equipe.case_manager
                    data.dispositivi = tuple(dict.fromkeys([*dispositivi, Dispositivo.SCUOLA]))
                else:
                    data.responsabile_user = rng.choice(teachers)
            elif kind == Azione.Responsabile.FAMILIARE:
                data.responsabile_persona = parent
            else:
                data.responsabile_testo = rng.choice(SUPPORT_FAMILIES)
            plan.refresh_from_db()
            services.azione_add(risultato=goal, by=by, version=plan.version, data=data)
    if agreed:
        plan.refresh_from_db()
        services.accordo_record(progetto=plan, by=by, version=plan.version, persona=parent, data=on,
                                esito=Accordo.Esito.CONCORDA,
                                commento=rng.choice(["Ci proviamo insieme.", "Va bene, soprattutto la parte della scuola.",
                                                     "Sono d'accordo, chiedo di fare le visite il pomeriggio."]))
    plan.refresh_from_db()
    return plan


def add_demo_review(family: Family, by, rng: random.Random, *, momento: str = "T1",
                    on: date | None = None) -> None:
    """A review of the family's agreed plan at `momento` (T1, T2) on `on`: each outcome reached, partly or not."""
    plan = current_plan(family)
    if plan is None or plan.stato != ProgettoQuadro.Stato.CONCORDATO:
        return
    on = min(on or timezone.localdate(), timezone.localdate())
    if plan.concordato_il and on < plan.concordato_il:
        on = plan.concordato_il
    outcomes = [services.OutcomeData(goal.pk, rng.choice([EsitoVerifica.Esito.RAGGIUNTO,
                                                          EsitoVerifica.Esito.PARZIALE,
                                                          EsitoVerifica.Esito.PARZIALE,
                                                          EsitoVerifica.Esito.NON_RAGGIUNTO]))
                for goal in plan.risultati.order_by("pk")]
    services.verifica_record(progetto=plan, by=by, version=plan.version, momento=momento, data=on, esiti=outcomes,
                             note="Verifica fatta a casa con la famiglia.")


# The family's version of the demo goals and actions in Arabic (written with the cultural mediator), by
# sub-dimension: (goal, [actions in the order of GOALS]). Goals are worded with verbal nouns, so that they read
# right whatever the child's gender; {p} is the mother.
GOALS_AR = {
    "apprendimento": (
        "ذهاب {c} إلى المدرسة كل يوم، وإحضار الواجبات منجزةً أربع مرات على الأقل من كل خمس.",
        ["تُنجز المربية الواجبات المدرسية مع {c} و{p} في عصر يومين من كل أسبوع.",
         "لقاء شهري بين المعلّم و{p} والمربية لمتابعة تقدّم {c}.",
         "تراجع {p} كل مساء الحقيبة المدرسية والمفكرة مع {c}."],
    ),
    "cura_base": (
        "أن تكون لدى {c} مواعيد منتظمة للوجبات والنوم، وأن تحافظ {p} عليها دون مساعدة خلال ثلاثة أشهر.",
        ["زيارات منزلية لبناء روتين المساء مع {p}.",
         "تكتب {p} على تقويم البيت مواعيد العشاء والنوم."],
    ),
    "calore": (
        "أن تقضي {p} و{c} كل أسبوع وقتًا في اللعب معًا، يصفانه كلاهما بأنه جميل.",
        ["تشارك {p} في مجموعة الأهالي يوم الخميس.",
         "ترافق الأسرة الداعمة {p} و{c} إلى الحديقة يوم السبت."],
    ),
    "sostegno_sociale": (
        "أن يكون لدى {p} شخصان على الأقل يمكنها الاتصال بهما عند الحاجة، إضافةً إلى الخدمات.",
        ["لقاءات مع الأسرة الداعمة كل خمسة عشر يومًا.",
         "تعريف {p} بمركز الأسر التابع للبلدية."],
    ),
    "gioco": (
        "مشاركة {c} في نشاط رياضي أو ترفيهي مرة واحدة في الأسبوع.",
        ["تسجيل {c} في المركز الصيفي التابع للرعية وفي نادي كرة القدم، بمساهمة من البلدية."],
    ),
}
# The demo's names of Egyptian families (core.demo.ORIGINS), as an Arabic text writes them.
NAMES_AR = {"Mona": "منى", "Heba": "هبة", "Yasmin": "ياسمين", "Rania": "رانيا", "Ahmed": "أحمد", "Mahmoud": "محمود",
            "Mostafa": "مصطفى", "Tarek": "طارق"}
DEMO_MEDIATOR = "Samira Mansour, mediatrice culturale"


def add_demo_family_version(parent_user) -> int:
    """The Arabic version of the plan of the demo parent's family (the Hassan family, SER-00001), written by its
    case manager with the cultural mediator. Returns how many goals and actions were translated."""
    person = Person.objects.filter(user=parent_user).select_related("family__equipe__case_manager").first()
    if person is None or person.family.equipe_id is None:
        return 0
    family = person.family
    plan = current_plan(family)
    adults = adults_of(family)
    if plan is None or not adults:
        return 0
    mother = next((p for p in adults if p.ruolo == Person.Ruolo.MADRE), adults[0])
    child = family.persone.filter(target=True).order_by("data_nascita", "pk").first() or mother
    fill = {"c": child.nome, "p": mother.nome}
    fill_ar = {key: NAMES_AR.get(name, name) for key, name in fill.items()}
    by = family.equipe.case_manager
    done = 0
    for goal in plan.risultati.prefetch_related("azioni").order_by("pk"):
        if goal.sottodimensione not in GOALS_AR:
            continue
        goal_ar, actions_ar = GOALS_AR[goal.sottodimensione]
        if goal.descrizione == GOALS[goal.sottodimensione][0].format(**fill):
            services.translation_save(item=goal, lingua="ar", testo=goal_ar.format(**fill_ar), by=by,
                                      mediatore=DEMO_MEDIATOR)
            done += 1
        italian = {what.format(**fill): arabic for (_kind, what, _d), arabic
                   in zip(GOALS[goal.sottodimensione][2], actions_ar, strict=True)}
        for action in goal.azioni.all():
            if action.descrizione in italian:
                services.translation_save(item=action, lingua="ar", testo=italian[action.descrizione].format(**fill_ar),
                                          by=by, mediatore=DEMO_MEDIATOR)
                done += 1
    return done
