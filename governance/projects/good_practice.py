"""The Format Buone Prassi (seed 000): every heading of the document, with its character limits."""

import io
from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    code: str
    heading: str
    limit: int
    section: str


SECTIONS = ["INFORMAZIONI GENERALI", "PROGETTAZIONE", "VALUTAZIONE"]

FIELDS = [
    Field("titolo", "Titolo della Buona Pratica", 200, "INFORMAZIONI GENERALI"),
    Field("ente", "Ente", 300, "INFORMAZIONI GENERALI"),
    Field("referente", "Referente/mail per informazioni", 300, "INFORMAZIONI GENERALI"),
    Field("descrizione", "Breve descrizione della Buona Prassi", 1000, "INFORMAZIONI GENERALI"),
    Field("obiettivo", "Obiettivo", 2000, "PROGETTAZIONE"),
    Field("settore", "Settore di intervento", 500, "PROGETTAZIONE"),
    Field("tipologia", "Tipologia", 500, "PROGETTAZIONE"),
    Field("valenza", "Valenza territoriale (ASST-Ambito-n. Comuni)", 500, "PROGETTAZIONE"),
    Field("ambito_applicazione", "Ambito di applicazione", 1000, "PROGETTAZIONE"),
    Field("enti", "Enti pubblici e privati coinvolti (partner, destinatari, aderenti)", 2000, "PROGETTAZIONE"),
    Field("periodo", "Periodo di attuazione", 300, "PROGETTAZIONE"),
    Field("destinatari", "Destinatari della prassi", 1500, "PROGETTAZIONE"),
    Field("contesto", "Analisi del contesto (risorse/vincoli, determinanti e priorità, setting)", 4000, "PROGETTAZIONE"),
    Field("modelli", "Modelli teorici di riferimento e coerenza con essi", 3000, "PROGETTAZIONE"),
    Field("metodi", "Descrizione di metodi e strumenti per realizzare interventi ed azioni e relativo cronoprogramma",
          5000, "PROGETTAZIONE"),
    Field("risorse", "Risorse presenti e coerenza con gli obiettivi", 3000, "PROGETTAZIONE"),
    Field("risorse_umane", "Risorse Umane: Personale coinvolto e tipologia", 3000, "PROGETTAZIONE"),
    Field("disuguaglianze", "Ritieni che questa prassi possa contribuire alla riduzione delle disuguaglianze? "
          "Se sì, in quali ambiti?", 3000, "VALUTAZIONE"),
    Field("empowerment", "Ambiti di empowerment generato", 3000, "VALUTAZIONE"),
    Field("punti_forza", "Aspetti positivi/punti di forza", 3000, "VALUTAZIONE"),
    Field("punti_attenzione", "Punti di attenzione/possibili azioni migliorative", 3000, "VALUTAZIONE"),
    Field("sostenibilita", "Sostenibilità", 3000, "VALUTAZIONE"),
    Field("trasferibilita", "Trasferibilità", 3000, "VALUTAZIONE"),
    Field("collaborazioni", "Collaborazioni ed alleanze", 3000, "VALUTAZIONE"),
]
BY_CODE = {f.code: f for f in FIELDS}


def prefill(project) -> dict[str, str]:
    """What the project already knows, so nobody types it twice."""
    partners = project.partner.all()
    roles = {"capofila": "soggetto capofila", "partner": "partner", "aderente": "aderente"}
    months = [a for a in project.macro_azioni.all()]
    return {
        "titolo": project.titolo,
        "ente": project.capofila,
        "enti": "\n".join(f"{p.nome} ({roles.get(p.ruolo, p.ruolo)})" for p in partners),
        "periodo": f"{project.dal:%m/%Y} – {project.al:%m/%Y}",
        "metodi": "\n".join(f"{a.titolo}: mesi {a.mese_inizio}-{a.mese_fine}" for a in months),
        "risorse_umane": "\n".join(f"{a.titolo}: {a.personale}" for a in months if a.personale),
    }


def check(values: dict[str, str]) -> dict[str, str]:
    """Fields over their limit, with an Italian message each."""
    errors = {}
    for code, text in values.items():
        field = BY_CODE.get(code)
        if field and len(text or "") > field.limit:
            errors[code] = (f"«{field.heading}»: al massimo {field.limit} caratteri "
                            f"(ora sono {len(text)}).")
    return errors


def to_docx(values: dict[str, str]) -> bytes:
    from docx import Document  # noqa: PLC0415 - python-docx (and lxml) loaded only when a .docx is asked for

    document = Document()
    document.add_heading("FORMAT BUONE PRASSI", level=0)
    for section in SECTIONS:
        document.add_heading(section, level=1)
        for field in (f for f in FIELDS if f.section == section):
            document.add_heading(field.heading, level=2)
            for paragraph in (values.get(field.code) or "").splitlines() or [""]:
                document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
