"""Demo governance of the Seregno ambito, from the seeds: the bodies of seed 001's governance levels (Cabina di
Regia, Coordinamento per lo Sviluppo della Sperimentazione) with the Gruppo Territoriale and seed 000's Tavolo
1000 giorni, their meetings and minutes; seed 000's project (NidoInsieme 0-6) with its macro-azioni, cronoprogramma
and Format Buone Prassi; training with attendance, the partner's staff register, satisfaction questionnaires with
answers above the 3-answer threshold, and complaints.

Everything goes through the governance and quality services, as a user would do it. Dates are relative to the
day the demo is built: what happened is in the past, follow-ups and answers are due ahead, so nothing is late.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from assessments.models import InstrumentVersion
from governance.bodies import services as bodies
from governance.bodies.models import Body
from governance.complaints import services as complaints
from governance.complaints.models import Complaint
from governance.projects import services as projects
from governance.projects.models import ProjectPartner
from governance.training import services as training
from governance.training.models import TrainingEvent
from organisation.models import Professione, add_months
from quality import services as quality

# (tipo, nome, compiti, members with an account as (username, role in the body), others as (nome, ente, ruolo))
BODIES = [
    (Body.Tipo.CABINA, "Cabina di Regia",
     "Livello di garanzia: garantisce le condizioni necessarie all'efficacia del progetto sperimentale. "
     "La compongono il Referente dell'Ambito Territoriale e i ruoli istituzionali dell'Ufficio di Piano e del "
     "partner (seed 001).",
     [("rt", "Referente Territoriale"), ("amministrativo", "Ufficio di Piano")],
     [("Dott.ssa Marta Confalonieri", "Comune di Seregno (capofila)", "Assessora ai Servizi sociali, presidente"),
      ("Dott. Giorgio Ronchi", "ASST Brianza", "Direttore sociosanitario"),
      ("Dott.ssa Paola Brivio", "Cooperativa sociale Il Girasole", "Presidente del partner")]),
    (Body.Tipo.COORDINAMENTO, "Coordinamento per lo Sviluppo della Sperimentazione",
     "Livello gestionale: promuove lo sviluppo e la sistematizzazione di prassi trasversali all'ambito per il "
     "sostegno alle famiglie vulnerabili, a partire dai dispositivi P.I.P.P.I.; individua i criteri per scegliere le "
     "équipe della sperimentazione. Lo compongono il Referente Territoriale, i coach e le assistenti sociali "
     "comunali di rappresentanza (seed 001).",
     [("rt", "Referente Territoriale"), ("coach", "Coach"), ("casemanager", "Assistente sociale, Seregno"),
      ("casemanager2", "Assistente sociale, Giussano")],
     []),
    (Body.Tipo.GRUPPO_TERRITORIALE, "Gruppo Territoriale",
     "Il territorio intorno al programma: servizi, scuole, terzo settore e volontariato condividono le risorse "
     "per le famiglie e le occasioni di vicinanza solidale.",
     [("rt", "Referente Territoriale"), ("ets", "Coordinatore del partner"), ("tutor", "Tutor territoriale"),
      ("insegnante", "Scuola")],
     [("Don Luigi Mauri", "Parrocchia di Seregno", "Referente Caritas"),
      ("Sig.ra Rita Tagliabue", "Associazione Famiglie Insieme", "Volontaria")]),
    (Body.Tipo.TAVOLO_1000, "Tavolo 1000 giorni",
     "Rete degli operatori dei Consultori Familiari di diversi Comuni che si formano e si occupano in modo dedicato "
     "dei bambini nei primi 1000 giorni di vita e delle loro famiglie (la Buona Prassi del seed 000).",
     [("rt", "Referente Territoriale"), ("psicologo", "Psicologa, Consultorio di Seregno")],
     [("Dott.ssa Anna Viganò", "Consultorio familiare di Giussano", "Ostetrica"),
      ("Dott.ssa Carla Silva", "Consultorio familiare di Meda", "Assistente sociale"),
      ("Dott. Paolo Dell'Orto", "Pediatria di libera scelta", "Pediatra"),
      ("Sig.ra Lucia Villa", "Servizi educativi 0-6 di Seregno", "Coordinatrice")]),
]

# Per body: (days before today, agenda, minutes, decisions, follow-ups as (text, owner, days ahead))
MEETINGS = {
    "Cabina di Regia": (
        40, "1. Avvio della seconda implementazione\n2. Piano finanziario e rendicontazione semestrale\n3. Varie",
        "La Cabina approva l'avvio della seconda implementazione con dieci famiglie e il piano finanziario. "
        "L'Ufficio di Piano presenta lo stato della rendicontazione semestrale.",
        ["Avvio della seconda implementazione con 10 famiglie", "Approvazione del piano finanziario"],
        [("Inviare la rendicontazione semestrale alla Regione", "amministrativo", 20)]),
    "Coordinamento per lo Sviluppo della Sperimentazione": (
        25, "1. Criteri per le équipe della sperimentazione\n2. Calendario dei gruppi dei genitori",
        "Il Coordinamento conferma le due équipe (Seregno – Seveso, Giussano – Meda) e concorda il calendario dei "
        "gruppi dei genitori. I coach riferiscono sull'uso di RPMonline.",
        ["Confermate le équipe Seregno – Seveso e Giussano – Meda", "Gruppi dei genitori ogni due settimane"],
        [("Preparare il calendario dei gruppi del prossimo trimestre", "coach", 15),
         ("Raccogliere i bisogni formativi delle équipe", "casemanager", 30)]),
    "Gruppo Territoriale": (
        18, "1. Mappa delle risorse del territorio\n2. Famiglie d'appoggio e vicinanza solidale",
        "Il Gruppo aggiorna la mappa delle risorse e propone due nuove famiglie d'appoggio.",
        ["Aggiornata la mappa delle risorse", "Proposte due famiglie d'appoggio"],
        [("Presentare le famiglie d'appoggio al coordinatore del partner", "ets", 21)]),
    "Tavolo 1000 giorni": (
        12, "1. Mappatura delle offerte per i primi 1000 giorni\n2. Protocollo condiviso tra i consultori",
        "I consultori confrontano le offerte per la gravidanza e il primo anno e avviano la stesura di un protocollo "
        "condiviso; si propone di invitare stabilmente i pediatri e i servizi educativi 0-6.",
        ["Avviata la stesura del protocollo condiviso", "Invitare stabilmente pediatri e servizi 0-6"],
        [("Mandare la bozza del protocollo ai consultori", "psicologo", 25)]),
}

# Seed 000's Format Buone Prassi, in its own words (shortened where the format's limits ask).
GOOD_PRACTICE = {
    "titolo": "Quando la formazione diventa incontro: dalla formazione trasversale alla costituzione di reti "
              "(Tavolo 1000 giorni)",
    "ente": "Terre des hommes Italia ETS",
    "referente": "info@tdhitaly.org",
    "descrizione": "A inizio progetto è stato sottoscritto un protocollo tra gli attori della cordata per la definizione "
                   "di un modello operativo condiviso in cui siano delineati ruoli e competenze di ciascuno e i relativi "
                   "livelli di collaborazione. A conclusione del progetto emerge questa Buona Prassi: il lavoro "
                   "trasversale con Consultori Familiari dello stesso Ambito Territoriale, ma di diversi Comuni, che "
                   "ha permesso una formazione di base condivisa e un confronto tra équipe multiprofessionali e ha "
                   "portato alla costituzione di un Tavolo 1000 giorni.",
    "obiettivo": "Favorire la costituzione di una rete di operatori appartenenti a servizi di diversi territori con "
                 "equipe multiprofessionali per formarsi e occuparsi in maniera maggiormente dedicata dei bambini nei "
                 "primi 1000 giorni di vita e delle loro famiglie.",
    "settore": "Costruzione della rete e formazione degli operatori coinvolti",
    "tipologia": "Metodologia (istituzione di gruppi di confronto in modo da creare una comunità di pratiche interna "
                 "attraverso i momenti formativi partecipati)",
    "valenza": "ASST Melegnano Martesana (Consultori Familiari presenti in 8 Comuni)",
    "ambito_applicazione": "Consultori Familiari dell'ASST Melegnano Martesana",
    "destinatari": "In prima istanza gli operatori stessi dei Consultori Familiari; a un secondo livello i "
                   "beneficiari dei servizi.",
    "contesto": "L'ASST Melegnano e della Martesana copre un territorio vasto e differenziato, con Comuni della "
                "cintura milanese, aree periurbane e piccoli centri, e bisogni sociosanitari eterogenei. Risorse: la "
                "rete di consultori familiari, servizi sociali comunali, pediatri di libera scelta, servizi minori e "
                "famiglia in forma associata; la buona collaborazione con il partner aderente. Vincoli: la "
                "frammentazione territoriale, le differenze di risorse tra comuni, i bisogni \"sommersi\".",
    "modelli": "Modello bio-psico-sociale dello sviluppo e della salute; teoria dei primi 1000 giorni di vita; "
               "prospettiva life-course; modello ecologico di Bronfenbrenner; teorie dell'attaccamento e della "
               "relazione precoce; approccio di sanità pubblica e whole-of-government.",
    "metodi": "a. Incontro di pre-assessment del contesto e dei bisogni formativi dell'ente beneficiario;\n"
              "b. incontri in presenza con una metodologia formativa partecipata;\n"
              "c. più incontri secondo le dimensioni del gruppo e i bisogni emersi;\n"
              "d. incontri individuali o per équipe di consulenza su casi;\n"
              "e. questionari di gradimento finali.\n"
              "Cronoprogramma: pianificazione e costituzione dell'équipe, formazioni, consulenze, supervisione, "
              "Tavolo 1000 giorni (vedi le macro-azioni del progetto).",
    "risorse": "Esperienza e professionalità delle équipe; costruzione e cura dei rapporti con gli attori dei "
               "territori; interesse degli stakeholder pubblici locali e investimento per proseguire alcuni "
               "interventi dopo il progetto.",
    "disuguaglianze": "Sì: accesso ai servizi e fruizione delle opportunità per le famiglie più vulnerabili e "
                      "\"invisibili\"; riduzione delle disuguaglianze di salute nei primi 1000 giorni con interventi "
                      "precoci e integrati; equità nell'organizzazione dei servizi grazie a protocolli condivisi e "
                      "mappatura delle offerte.",
    "empowerment": "Responsabilità nella cura e sviluppo del bambino; autonomia decisionale e accesso ai servizi.",
    "punti_forza": "Il confronto tra operatori della stessa ASST, con gli stessi profili professionali ma operanti su "
                   "territori diversi, è stato particolarmente generativo e ha avviato attività e pensiero "
                   "sovracomunali.",
    "punti_attenzione": "Estendere il Tavolo a pediatri di libera scelta, servizi educativi 0-6, servizi sociali "
                        "comunali e terzo settore; rafforzare la partecipazione delle famiglie con momenti "
                        "strutturati di ascolto.",
    "sostenibilita": "Il Tavolo 1000 giorni tra i Consultori dell'ASST continua l'esperienza del progetto e lascia "
                     "un'eredità sul territorio.",
    "trasferibilita": "La metodologia dei percorsi di formazione e consulenza è applicabile ad altri territori, "
                      "partendo dalla conoscenza del contesto, del servizio e dei bisogni dei beneficiari.",
    "collaborazioni": "Gli enti pubblici coinvolti investiranno risorse proprie per mantenere attive azioni quali il "
                      "Tavolo 1000 giorni.",
}

# (title, budget, staff, first month, last month): seed 000's four macro-azioni.
MACRO_ACTIONS = [
    ("Coordinamento generale e azioni trasversali", "38000", "Coordinatrice di progetto, amministrativa", 1, 24),
    ("Formazione e consulenza a Consultori Familiari, Nidi e Scuole dell'infanzia", "86000",
     "Pedagogisti, psicologi, formatori", 2, 22),
    ("Attività di gruppo rivolte ai genitori", "61000", "Educatori, esperti, videomaker", 4, 22),
    ("Monitoraggio, valutazione e diffusione delle Buone Prassi", "25000", "Coordinatrice di progetto", 1, 24),
]


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def add_demo_governance(builder) -> None:
    """The governance of builder.ambito, through the services, as its RT, Ufficio di Piano and partner would."""
    today = timezone.localdate()
    past = min(builder.anchor, today)  # what happened: before both the anchor and today
    ahead = max(builder.anchor, today)  # what is due: after both
    users = builder.users
    rt = users["rt"]
    _bodies(builder, rt, past, ahead)
    _project(builder, rt, past, ahead)
    survey = _surveys(builder, rt, past, ahead)
    _training(builder, rt, past, survey)
    _staff(builder, past)
    _complaints(builder, past)


def _bodies(builder, rt, past: date, ahead: date) -> None:
    users = builder.users
    for tipo, nome, compiti, members, externals in BODIES:
        body = bodies.body_create(
            ambito=builder.ambito, by=rt, tipo=tipo, nome=nome, descrizione=compiti,
            members=[(users[u], _ente_of(users[u], builder.ambito), ruolo) for u, ruolo in members],
            externals=externals)
        days, agenda, minutes, decisions, followups = MEETINGS[nome]
        held = bodies.meeting_schedule(body=body, by=rt, inizio=_at(past - timedelta(days=days)),
                                       luogo="Sala consiliare, Comune di Seregno", ordine_del_giorno=agenda,
                                       svolta=True)
        member_rows = list(body.componenti.order_by("pk"))
        present = [m.pk for i, m in enumerate(member_rows) if i != len(member_rows) - 1 or len(member_rows) < 3]
        bodies.attendance_record(meeting=held, by=rt, present_member_ids=present,
                                 externals=[("Dott.ssa Elisa Cazzaniga", "Ufficio di Piano")] if tipo == Body.Tipo.CABINA
                                 else ())
        held = bodies.minutes_save(meeting=held, by=rt, version=held.version, verbale=minutes, decisioni=decisions)
        for text, owner, days_ahead in followups:
            bodies.followup_add(meeting=held, by=rt, descrizione=text, owner=users[owner],
                                scadenza=ahead + timedelta(days=days_ahead))
        bodies.meeting_schedule(body=body, by=rt, inizio=_at(ahead + timedelta(days=days + 10), 15),
                                luogo="Sala consiliare, Comune di Seregno",
                                ordine_del_giorno="1. Lettura e approvazione del verbale precedente\n"
                                                  "2. Stato di avanzamento del programma")


def _ente_of(user, ambito) -> str:
    membership = user.memberships.filter(ambito=ambito).select_related("ente").first()
    return membership.ente.nome if membership and membership.ente_id else ""


def _project(builder, rt, past: date, ahead: date) -> None:
    dal = add_months(past.replace(day=1), -20)  # the project began twenty months ago and lasts 24
    al = add_months(dal, 24) - timedelta(days=1)
    project = projects.project_create(
        ambito=builder.ambito, by=rt, titolo="NidoInsieme 0-6 – Nido+: una rete integrata per il benessere della "
                                             "prima infanzia", capofila="Terre des hommes Italia ETS",
        dal=dal, al=al, budget=Decimal("210000"))
    for nome, ruolo in (("Fondazione Terre des hommes Italia ETS", ProjectPartner.Ruolo.CAPOFILA),
                        ("ASST Brianza – Consultori familiari", ProjectPartner.Ruolo.ADERENTE),
                        ("Cooperativa sociale Il Girasole", ProjectPartner.Ruolo.PARTNER)):
        projects.partner_add(project=project, by=rt, nome=nome, ruolo=ruolo)
    for titolo, budget, personale, first, last in MACRO_ACTIONS:
        projects.macro_add(project=project, by=rt, titolo=titolo, budget=Decimal(budget), personale=personale,
                           mese_inizio=first, mese_fine=last)
    for nome, previsto, raggiunto in (("Enti coinvolti", 8, 11), ("Interventi formativi realizzati", 20, 26),
                                      ("Operatori raggiunti", 120, 143)):
        projects.indicator_set(project=project, by=rt, nome=nome, previsto=previsto, raggiunto=raggiunto)
    project.refresh_from_db()
    projects.good_practice_save(project=project, by=rt, version=project.version,
                                values={**GOOD_PRACTICE, "periodo": f"{dal:%m/%Y} – {al:%m/%Y}",
                                        "enti": "Fondazione Terre des hommes Italia ETS (soggetto capofila); "
                                                "ASST Brianza, Consultori familiari (partner aderente e "
                                                "beneficiario); Cooperativa sociale Il Girasole (partner)",
                                        "risorse_umane": "\n".join(f"{t}: {p}" for t, _b, p, _f, _l in MACRO_ACTIONS)})


def _surveys(builder, rt, past: date, ahead: date):
    """Two questionnaires, open around today, with answers above the threshold under which results stay hidden."""
    families = InstrumentVersion.objects.filter(instrument__code="soddisfazione_famiglie").order_by("-version").first()
    staff = InstrumentVersion.objects.filter(instrument__code="soddisfazione_operatori").order_by("-version").first()
    today = timezone.localdate()
    opens, closes = min(past, today) - timedelta(days=30), max(ahead, today) + timedelta(days=30)
    survey = quality.survey_create(ambito=builder.ambito, by=rt, version=families, titolo="Soddisfazione delle "
                                   "famiglie – seconda implementazione", destinatari="famiglie", apre_il=opens,
                                   chiude_il=closes)
    # Answered in the families' languages, so that the results count them per language (the parent's portal
    # questionnaire stays open: the demo's `genitore` has not answered it).
    for ascolto, decisioni, aiuto, gruppi, testo, lingua in (
            (4, 3, 4, 4, "Più incontri di gruppo nel pomeriggio.", "it"), (3, 3, 3, "", "", "ar"),
            (4, 4, 4, 3, "", "it"), (4, 2, 3, 4, "Avrei voluto parlare di più del progetto con la scuola.", "it"),
            (3, 4, 4, "", "", "ar"), (4, 4, 3, 4, "شكرًا على المساعدة مع المدرسة.", "ar"), (3, 3, 4, "", "", "uk")):
        quality.record_answer(survey=survey, values={"ascolto": str(ascolto), "decisioni": str(decisioni),
                                                     "aiuto": str(aiuto), "gruppi": str(gruppi),
                                                     "suggerimenti": testo}, language=lingua)
    operators = quality.survey_create(ambito=builder.ambito, by=rt, version=staff, titolo="Gradimento della "
                                      "formazione sul metodo", destinatari="operatori", apre_il=opens,
                                      chiude_il=closes)
    for values in ((4, 4, 3, "Più casi pratici."), (3, 4, 4, ""), (4, 3, 4, ""), (4, 4, 4, "Utile la supervisione.")):
        quality.record_answer(survey=operators, values={"metodo": str(values[0]), "formazione": str(values[1]),
                                                        "equipe": str(values[2]), "suggerimenti": values[3]})
    return operators


def _training(builder, rt, past: date, survey) -> None:
    users = builder.users
    event = training.event_create(
        ambito=builder.ambito, by=rt, tipo=TrainingEvent.Tipo.FORMAZIONE,
        titolo="Il metodo P.I.P.P.I.: valutazione partecipativa e trasformativa, Il Mondo del Bambino",
        bisogni="Le équipe nuove chiedono di usare insieme Il Mondo del Bambino e di scrivere il Progetto Quadro con "
                "le famiglie.", docenti="Giulia Fumagalli (coach), Università di Padova (LabRIEF)", questionario=survey)
    sessions = [training.session_add(event=event, by=rt, data=past - timedelta(days=days), ore=Decimal(hours),
                                     luogo="Centro per la famiglia, Seregno")
                for days, hours in ((60, "4"), (46, "4"), (32, "3.5"))]
    participants = []
    for username in ("casemanager", "educatore", "psicologo", "insegnante", "casemanager2", "educatore2"):
        user = users[username]
        participants.append(training.participant_add(event=event, by=rt, nome=user.get_full_name(), user=user,
                                                     ente=_ente_of(user, builder.ambito)))
    participants.append(training.participant_add(event=event, by=rt, nome="Dott.ssa Anna Viganò", esterno=True,
                                                 ente="Consultorio familiare di Giussano"))
    for n, session in enumerate(sessions):
        training.attendance_set(session=session, by=rt,
                                participant_ids=[p.pk for i, p in enumerate(participants) if (i + n) % 5 != 4])
    supervision = training.event_create(ambito=builder.ambito, by=rt, tipo=TrainingEvent.Tipo.SUPERVISIONE,
                                        titolo="Supervisione sui casi delle équipe", docenti="Giulia Fumagalli (coach)")
    session = training.session_add(event=supervision, by=rt, data=past - timedelta(days=9), ore=Decimal("2"),
                                   luogo="Comune di Giussano")
    people = [training.participant_add(event=supervision, by=rt, nome=users[u].get_full_name(), user=users[u],
                                       ente=_ente_of(users[u], builder.ambito)) for u in ("casemanager2", "educatore2")]
    training.attendance_set(session=session, by=rt, participant_ids=[p.pk for p in people])


def _staff(builder, past: date) -> None:
    """The partner's staff register, kept by its coordinator."""
    ets = builder.users["ets"]
    for nome, ruolo, years, referente, qualifiche in (
            ("Davide Longoni", Professione.PEDAGOGISTA, 6, True, "Laurea magistrale in Scienze pedagogiche"),
            ("Giulia Fumagalli", Professione.PEDAGOGISTA, 5, False, "Laurea magistrale in Scienze pedagogiche; coach "
                                                                     "P.I.P.P.I."),
            ("Marco Sala", Professione.EDUCATORE, 4, False, "Laurea in Scienze dell'educazione"),
            ("Silvia Pozzi", Professione.EDUCATORE, 2, False, "Laurea in Scienze dell'educazione")):
        training.staff_add(by=ets, ente=builder.ets, nome=nome, ruolo=ruolo, referente_tecnico=referente,
                           in_servizio_dal=date(past.year - years, 9, 1), qualifiche=qualifiche,
                           formazione="MOOC sulla vicinanza solidale; formazione P.I.P.P.I. di base")


def _complaints(builder, past: date) -> None:
    """One complaint answered, one received a few days ago and still within its answer time."""
    office = builder.users["amministrativo"]
    answered = complaints.complaint_register(
        ambito=builder.ambito, by=office, ricevuto_il=past - timedelta(days=50), canale=Complaint.Canale.EMAIL,
        categoria=Complaint.Categoria.ACCESSO, servizio="Servizio sociale di base, Seregno",
        descrizione="La famiglia lamenta di aver atteso tre settimane per il primo colloquio.")
    complaints.complaint_step(complaint=answered, by=office, data=past - timedelta(days=45),
                              testo="Sentita l'assistente sociale: l'attesa è dovuta a un'assenza per malattia.")
    complaints.complaint_answer(complaint=answered, by=office, risposto_il=past - timedelta(days=38),
                                esito=Complaint.Esito.PARZIALE,
                                risposta="Ci scusiamo per l'attesa; da ora i primi colloqui hanno una sostituta.")
    complaints.complaint_register(
        ambito=builder.ambito, by=office, ricevuto_il=past - timedelta(days=4), canale=Complaint.Canale.MODULO,
        categoria=Complaint.Categoria.RELAZIONE, servizio="Educativa domiciliare",
        descrizione="Un genitore chiede di cambiare l'orario delle visite dell'educatrice.")
