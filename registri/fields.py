"""The fields a register's columns can be mapped to, with the Italian headers each is usually found under.

The header variants come from the registers the comuni keep (seed 001 and the issue): "Cognome e nome", "C.F.",
"Cod. fiscale", "Data nascita", "Nato a", "Comune di residenza", "N. cartella", "Nucleo"... A header is compared
after `normalise_header` (lower case, no accents, no punctuation), so "C.F." and "c f" are the same."""

import re
import unicodedata
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Field:
    code: str
    label: Promise
    help: Promise
    variants: tuple[str, ...]
    example: str = ""


FIELDS: tuple[Field, ...] = (
    Field("nucleo", _("Nucleo (id della famiglia nel registro)"),
          _("Lo stesso valore su tutte le righe della stessa famiglia: il numero di cartella o del nucleo. Se manca, "
            "Trama raggruppa per indirizzo e cognome."),
          ("nucleo", "id nucleo", "n nucleo", "numero nucleo", "cod nucleo", "codice nucleo", "n cartella",
           "numero cartella", "cartella", "id famiglia", "codice famiglia", "famiglia n", "n famiglia",
           "id cartella", "fascicolo", "n fascicolo"), "C-0012"),
    Field("id_persona", _("Id della persona nel registro"),
          _("Il codice con cui il registro identifica la persona: serve a riconoscerla alla seconda importazione "
            "quando manca il codice fiscale."),
          ("id", "id persona", "codice persona", "matricola", "id utente", "codice utente", "n scheda",
           "progressivo", "id assistito", "codice assistito"), "P-0031"),
    Field("cognome_nome", _("Cognome e nome (in una colonna)"),
          _("Prima il cognome, poi il nome: «Rossi Maria». Usa questa colonna solo se il registro non li separa."),
          ("cognome e nome", "cognome nome", "nominativo", "nome e cognome", "assistito", "utente", "beneficiario",
           "nome completo"), ""),
    Field("cognome", _("Cognome"), _("Obbligatorio (o «Cognome e nome»)."), ("cognome", "cognome assistito"), "Rossi"),
    Field("nome", _("Nome"), _("Obbligatorio (o «Cognome e nome»)."), ("nome", "nome assistito", "nome proprio"),
          "Maria"),
    Field("sesso", _("Sesso"), _("F o M; se manca lo ricava dal codice fiscale."), ("sesso", "genere", "m f", "s"),
          "F"),
    Field("data_nascita", _("Data di nascita"),
          _("Come data di Excel o come testo: 03/05/2015, 3-5-2015, 2015-05-03, 3.5.15."),
          ("data nascita", "data di nascita", "nato il", "nata il", "nato a il", "dn", "d nascita", "nascita",
           "data nasc"), "03/05/2015"),
    Field("luogo_nascita", _("Luogo di nascita"), _("Il comune o lo Stato di nascita."),
          ("nato a", "nata a", "luogo nascita", "luogo di nascita", "comune di nascita", "comune nascita",
           "nato in", "stato di nascita"), "Monza"),
    Field("codice_fiscale", _("Codice fiscale"),
          _("Anche in minuscolo o con spazi; Trama lo controlla con la data di nascita e il sesso."),
          ("codice fiscale", "cf", "c f", "cod fiscale", "c fiscale", "cod fisc", "codfisc", "codicefiscale"),
          "RSSMRA15E43F704X"),
    Field("cittadinanza", _("Cittadinanza"), _("Per esempio «italiana», «marocchina»."),
          ("cittadinanza", "nazionalita", "stato di cittadinanza"), "italiana"),
    Field("lingue", _("Lingue parlate"), _("Separate da virgole."),
          ("lingue", "lingua", "lingue parlate", "lingua parlata", "lingua madre"), "italiano, arabo"),
    Field("ruolo", _("Ruolo nella famiglia"),
          _("Madre, padre, figlio/a (minore o maggiorenne), nonno/a o altro caregiver, altro familiare."),
          ("ruolo", "ruolo nel nucleo", "ruolo in famiglia", "parentela", "relazione di parentela", "relazione",
           "grado di parentela", "rapporto"), "madre"),
    Field("target", _("Bambino/a target"), _("«sì» per i bambini per cui la famiglia è nel programma."),
          ("target", "bambino target", "minore target", "target pippi", "beneficiario pippi"), "no"),
    Field("comune", _("Comune di residenza"), _("Un comune dell'ambito, come è scritto in Trama."),
          ("comune di residenza", "comune residenza", "comune", "residenza comune", "residente a"), "Seregno"),
    Field("indirizzo", _("Indirizzo"), _("Via e numero; con il cognome raggruppa la famiglia quando manca il nucleo."),
          ("indirizzo", "via", "indirizzo di residenza", "residenza", "domicilio", "indirizzo residenza"),
          "Via Roma 12"),
    Field("servizio", _("Servizio di riferimento"), _("Un ente dell'ambito, come è scritto in Trama."),
          ("servizio di riferimento", "servizio", "servizio inviante", "ente di riferimento", "servizio titolare"),
          "Servizio Minori e Famiglia"),
    Field("equipe", _("Équipe"), _("Il nome dell'équipe in Trama."), ("equipe", "equipe multidimensionale", "em"),
          "Équipe Nord"),
    Field("case_manager", _("Case manager"),
          _("Il nome e cognome (o il nome utente) del case manager in Trama: se manca l'équipe, Trama sceglie la "
            "sua."),
          ("case manager", "assistente sociale", "as referente", "operatore referente", "referente del caso",
           "responsabile del caso", "titolare del caso"), "Anna Verdi"),
    Field("data_presa_in_carico", _("Data di presa in carico"), _("La data della segnalazione o della presa in carico."),
          ("data presa in carico", "presa in carico", "in carico dal", "data segnalazione", "data di segnalazione",
           "data apertura", "data apertura cartella", "data inizio"), "15/01/2025"),
    Field("fase", _("Fase del percorso"),
          _("Segnalata, pre-assessment, inclusa, assessment T0, progettazione, in corso, T1, T2, chiusa."),
          ("fase", "fase del percorso", "stato", "stato del percorso", "step", "tappa", "fase pippi"), "in corso"),
    Field("consenso_trattamento", _("Consenso al trattamento dei dati (data)"),
          _("La data in cui la persona di questa riga (maggiorenne) ha firmato."),
          ("consenso privacy", "consenso trattamento dati", "consenso trattamento", "data consenso privacy",
           "privacy", "consenso dati", "data consenso"), "15/01/2025"),
    Field("consenso_partecipazione", _("Consenso alla partecipazione (data)"),
          _("La data in cui la persona di questa riga (maggiorenne) ha firmato."),
          ("consenso partecipazione", "consenso pippi", "consenso al programma", "data consenso partecipazione",
           "adesione"), "15/01/2025"),
    Field("consenso_rete", _("Consenso alla condivisione con la rete (data)"),
          _("La data in cui la persona di questa riga (maggiorenne) ha firmato."),
          ("consenso rete", "consenso scuola", "consenso condivisione", "consenso servizi"), ""),
    Field("sedt_operatore", _("Educatore SEDT"),
          _("Nome e cognome (o nome utente) dell'educatore in Trama assegnato alla famiglia."),
          ("educatore", "educatore sedt", "operatore sedt", "educativa domiciliare", "sedt", "educatore domiciliare",
           "operatore"), "Luca Neri"),
    Field("sedt_ore", _("Ore settimanali SEDT"), _("Le ore settimanali previste per l'educativa (per esempio 4 o 2,5)."),
          ("ore settimanali", "ore sett", "ore sedt", "monte ore settimanale", "ore previste", "ore educativa",
           "ore a settimana"), "4"),
    Field("sedt_dal", _("SEDT dal"), _("Da quando è attiva l'educativa (se manca: la data di presa in carico)."),
          ("sedt dal", "educativa dal", "inizio sedt", "data inizio sedt", "inizio educativa"), "01/02/2025"),
    Field("visita_data", _("Data dell'ultima visita"), _("Una visita già fatta, con le sue ore nella colonna seguente."),
          ("data visita", "ultima visita", "data ultima visita", "visita del", "data colloquio", "data incontro"),
          "10/03/2025"),
    Field("visita_ore", _("Ore della visita"), _("La durata della visita in ore (per esempio 1,5)."),
          ("ore visita", "durata visita", "ore intervento", "durata", "ore"), "1,5"),
)

FIELD_BY_CODE = {f.code: f for f in FIELDS}
CONSENT_FIELDS = {"consenso_trattamento": "trattamento", "consenso_partecipazione": "partecipazione",
                  "consenso_rete": "rete"}


def normalise_header(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    text = text.replace(".", " ").replace("°", " ").replace("º", " ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


_VARIANTS = {normalise_header(v): f.code for f in FIELDS for v in f.variants}
_VARIANTS.update({normalise_header(str(f.label)): f.code for f in FIELDS})


def guess_field(header: str) -> str | None:
    """The field a header names: an exact variant, else a variant the header begins with ("Data nascita (gg/mm)")."""
    key = normalise_header(header)
    if not key:
        return None
    if key in _VARIANTS:
        return _VARIANTS[key]
    # Longest variant first, so that "data nascita madre" is a birth date, not a "data".
    for variant in sorted(_VARIANTS, key=len, reverse=True):
        if len(variant) > 3 and key.startswith(variant + " "):
            return _VARIANTS[variant]
    return None


def guess_mapping(headers: list[str], saved: dict[str, str] | None = None) -> list[str]:
    """Each column's field ("" for a column not imported): the saved mapping of the comune first, then the guess.
    A field goes to one column only, the first that names it."""
    saved_norm = {normalise_header(k): v for k, v in (saved or {}).items() if v in FIELD_BY_CODE or v == ""}
    taken: set[str] = set()
    result = []
    for header in headers:
        key = normalise_header(header)
        code = saved_norm[key] if key in saved_norm else (guess_field(header) or "")
        if code and code in taken:
            code = ""
        taken.add(code)
        result.append(code)
    return result


def check_mapping(mapping: list[str]) -> list[str]:
    """What a mapping lacks to be imported, as Italian messages."""
    problems = []
    codes = [c for c in mapping if c]
    if len(codes) != len(set(codes)):
        problems.append(str(_("Ogni campo può essere scelto per una sola colonna.")))
    unknown = [c for c in codes if c not in FIELD_BY_CODE]
    if unknown:
        problems.append(str(_("Campo sconosciuto: %(c)s.") % {"c": ", ".join(unknown)}))
    has_names = "cognome_nome" in codes or {"cognome", "nome"} <= set(codes)
    if not has_names:
        problems.append(str(_("Indica la colonna del cognome e quella del nome (o «Cognome e nome»).")))
    return problems
