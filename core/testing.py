"""Test data: factory_boy factories and the personas every access test uses.

Personas (healthchecks' hc/test.py style): a case manager, a colleague in the same équipe, a teacher
of that équipe, an operator of another équipe, the RT and the amministrativo of the ambito, a coach,
a tutor, an ETS coordinator, a volunteer, a parent, and the RT of another ambito.
"""

import io
from dataclasses import dataclass
from datetime import date

import factory
from codicefiscale import codicefiscale
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader, PdfWriter

from accounts.models import User
from assessments import services
from assessments.selectors import current_instrument_version
from families.models import Consent, Family, PathEvent, Person, Stato
from organisation.models import (
    Ambito,
    Ente,
    Equipe,
    EquipeMember,
    Implementazione,
    Membership,
    Professione,
    Role,
)

PASSWORD = "una-password-di-prova-2026"

# --- The role × URL matrix (families/tests/test_access_matrix.py; other apps add <app>/tests/access_rows.py)
PERSONAS = ["casemanager", "educatore", "insegnante", "casemanager2", "educatore2", "rt", "amministrativo",
            "coach", "tutor", "ets", "volontario", "governance", "genitore", "rt_altro"]

# Who may do what on `world.family` (équipe Uno, ambito SER).
READERS = {"casemanager", "educatore", "insegnante", "rt", "coach"}
CHANGERS = {"casemanager", "rt"}
CREATORS = {"casemanager", "casemanager2", "rt", "tutor", "rt_altro"}


def expect_for_family(allowed: set[str], ok: int = 200) -> dict[str, int]:
    """200 for `allowed`, 403 for those who can see the family but not act, 404 for everyone else."""
    return {p: ok if p in allowed else 403 if p in READERS else 404 for p in PERSONAS}


def expect_for_role(allowed: set[str], ok: int = 200) -> dict[str, int]:
    return {p: ok if p in allowed else 403 for p in PERSONAS}



class AmbitoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ambito

    codice = factory.Sequence(lambda n: f"A{n:02d}")
    nome = factory.Sequence(lambda n: f"Ambito di prova {n}")


class EnteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ente

    ambito = factory.SubFactory(AmbitoFactory)
    tipo = Ente.Tipo.COMUNE
    nome = factory.Sequence(lambda n: f"Comune {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"utente{n}")
    # Fixed, neutral staff names: a random one ("Mariana") could contain a family member's name ("Maria")
    # and make a "no names on this page" test fail by chance.
    first_name = factory.Sequence(lambda n: f"Operatore{n}")
    last_name = "Utentetest"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):  # noqa: N805 - factory_boy passes the object first
        if create:
            obj.save()


def member(ambito: Ambito, role: str, *, username: str, professione: str = "", ente: Ente | None = None) -> User:
    user = UserFactory(username=username)
    Membership.objects.create(user=user, ambito=ambito, role=role, professione=professione, ente=ente)
    return user


class ImplementazioneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Implementazione

    ambito = factory.SubFactory(AmbitoFactory)
    nome = factory.Sequence(lambda n: f"Implementazione {n}")
    data_inizio = date(2026, 3, 1)


class FamilyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Family

    ambito = factory.SubFactory(AmbitoFactory)
    codice = factory.Sequence(lambda n: f"F-{n:05d}")
    nome = factory.Sequence(lambda n: f"Famiglia Prova{n}")
    comune = factory.LazyAttribute(lambda o: EnteFactory(ambito=o.ambito))
    motivo_segnalazione = "Narrazione riservata del caso."
    stato = Stato.SEGNALATA


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    family = factory.SubFactory(FamilyFactory)
    ambito = factory.LazyAttribute(lambda o: o.family.ambito)
    cognome = "Rossi"
    nome = factory.Sequence(lambda n: f"Nome{n}")
    sesso = "F"
    ruolo = Person.Ruolo.MADRE
    data_nascita = date(1990, 5, 17)


def cf_for(cognome: str, nome: str, sesso: str, born: date, place: str = "Seregno") -> str:
    return codicefiscale.encode(lastname=cognome, firstname=nome, gender=sesso,
                                birthdate=born.strftime("%d/%m/%Y"), birthplace=place)


@dataclass
class World:
    ambito: Ambito
    other_ambito: Ambito
    comune: Ente
    equipe: Equipe
    other_equipe: Equipe
    cohort: Implementazione
    family: Family
    other_equipe_family: Family
    other_ambito_family: Family
    tutor_family: Family
    consent: Consent
    users: dict[str, User]

    def __getattr__(self, name):
        users = self.__dict__.get("users", {})
        if name in users:
            return users[name]
        raise AttributeError(name)


def build_world() -> World:
    ambito = AmbitoFactory(codice="SER", nome="Ambito di Seregno")
    other = AmbitoFactory(codice="MON", nome="Ambito di Monza")
    comune = EnteFactory(ambito=ambito, nome="Comune di Seregno")
    school = EnteFactory(ambito=ambito, tipo=Ente.Tipo.SCUOLA, nome="IC Seregno")
    u = {
        "casemanager": member(ambito, Role.CASE_MANAGER, username="casemanager", professione=Professione.ASSISTENTE_SOCIALE),
        "educatore": member(ambito, Role.OPERATORE, username="educatore", professione=Professione.EDUCATORE),
        "insegnante": member(ambito, Role.OPERATORE, username="insegnante", professione=Professione.INSEGNANTE, ente=school),
        "casemanager2": member(ambito, Role.CASE_MANAGER, username="casemanager2"),
        "educatore2": member(ambito, Role.OPERATORE, username="educatore2", professione=Professione.EDUCATORE),
        "rt": member(ambito, Role.RT, username="rt"),
        "amministrativo": member(ambito, Role.AMMINISTRATIVO, username="amministrativo"),
        "coach": member(ambito, Role.COACH, username="coach"),
        "tutor": member(ambito, Role.TUTOR, username="tutor"),
        "ets": member(ambito, Role.COORDINATORE_ETS, username="ets"),
        "volontario": member(ambito, Role.VOLONTARIO, username="volontario"),
        "governance": member(ambito, Role.GOVERNANCE, username="governance"),
        "genitore": member(ambito, Role.FAMIGLIA, username="genitore"),
        "rt_altro": member(other, Role.RT, username="rt_altro"),
    }
    equipe = Equipe.objects.create(ambito=ambito, nome="Équipe Uno", case_manager=u["casemanager"], coach=u["coach"])
    for name, prof in (("casemanager", Professione.ASSISTENTE_SOCIALE), ("educatore", Professione.EDUCATORE),
                       ("insegnante", Professione.INSEGNANTE)):
        EquipeMember.objects.create(equipe=equipe, user=u[name], professione=prof)
    other_equipe = Equipe.objects.create(ambito=ambito, nome="Équipe Due", case_manager=u["casemanager2"])
    EquipeMember.objects.create(equipe=other_equipe, user=u["educatore2"], professione=Professione.EDUCATORE)
    cohort = ImplementazioneFactory(ambito=ambito, nome="Seconda implementazione")

    family = FamilyFactory(ambito=ambito, comune=comune, equipe=equipe, nome="Famiglia Bianchi", codice="SER-00001")
    mother = PersonFactory(family=family, cognome="Bianchi", nome="Maria", user=u["genitore"])
    PersonFactory(family=family, cognome="Bianchi", nome="Luca", sesso="M", ruolo=Person.Ruolo.MINORE,
                  data_nascita=date(2019, 4, 2), target=True)
    PathEvent.objects.create(family=family, to_state=Stato.SEGNALATA, by=u["casemanager"])
    consent = Consent.objects.create(family=family, person=mother, finalita=Consent.Finalita.TRATTAMENTO,
                                     data=date(2026, 1, 10), documento="consensi/prova.pdf")
    other_family = FamilyFactory(ambito=ambito, comune=comune, equipe=other_equipe, nome="Famiglia Verdi",
                                 codice="SER-00002")
    PersonFactory(family=other_family, cognome="Verdi", nome="Giada")
    tutor_family = FamilyFactory(ambito=ambito, comune=comune, nome="Famiglia Neri", codice="SER-00003",
                                 segnalata_da=u["tutor"])
    other_ambito_family = FamilyFactory(ambito=other, comune=EnteFactory(ambito=other, nome="Comune di Monza"),
                                        nome="Famiglia Gialli", codice="MON-00001")
    PersonFactory(family=other_ambito_family, cognome="Gialli", nome="Rita")
    return World(ambito=ambito, other_ambito=other, comune=comune, equipe=equipe, other_equipe=other_equipe,
                 cohort=cohort, family=family, other_equipe_family=other_family,
                 other_ambito_family=other_ambito_family, tutor_family=tutor_family, consent=consent, users=u)


def queries_on(client, path: str) -> int:
    """The SQL queries of one GET of `path` (200 expected), after a first GET that warms what is done once:
    per-process caches, and the count of families opened, run at a family's first opening in the audit window."""
    client.get(path)
    with CaptureQueriesContext(connection) as ctx:
        status = client.get(path).status_code
    if status != 200:
        raise AssertionError(f"{path}: HTTP {status}")
    return len(ctx.captured_queries)


def archival_pdf(content: bytes, *, title: str, author: str) -> list[str]:
    """Check a PDF Trama wrote as an archive would (PDF/A-3b), and return the text of its pages.

    Read with pypdf, not with the library that wrote it: the PDF/A identification in the XMP metadata, the
    output intent, every font embedded, no encryption, tags for screen readers, title and author (the ente),
    the language, and "Pagina n di m" on every page."""
    reader = PdfReader(io.BytesIO(content))
    assert not reader.is_encrypted
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert (str(xmp.pdfaid_part), xmp.pdfaid_conformance) == ("3", "B")
    assert title in (xmp.dc_title or {}).get("x-default", ""), xmp.dc_title
    assert author in (xmp.dc_creator or []), xmp.dc_creator
    root = reader.trailer["/Root"]
    intents = root["/OutputIntents"]
    assert [i.get_object()["/S"] for i in intents] == ["/GTS_PDFA1"]
    assert intents[0].get_object()["/DestOutputProfile"].get_object().get_data()  # the ICC profile is there
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    assert str(root["/Lang"]).startswith(("it", "ar", "en", "fr", "es", "ro", "sq", "uk", "zh"))
    texts = []
    for number, page in enumerate(reader.pages, start=1):
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descriptor = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font).get(
                "/FontDescriptor")
            assert descriptor is not None and any(k in descriptor.get_object() for k in
                                                  ("/FontFile", "/FontFile2", "/FontFile3")), font.get("/BaseFont")
        text = page.extract_text()
        assert f"Pagina {number} di {len(reader.pages)}" in text, text[-200:]
        texts.append(text)
    return texts


def pdf_bytes(pages: int = 1) -> bytes:
    """A real PDF (blank A4 pages), for uploads that are parsed as PDF."""
    writer, out = PdfWriter(), io.BytesIO()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    writer.write(out)
    return out.getvalue()


def image_bytes(kind: str = "PNG") -> bytes:
    """A real image (PNG or JPEG), for uploads that are verified as images."""
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, kind)
    return out.getvalue()


def today() -> date:
    return timezone.localdate()


def submit_preassessment(family: Family, by: User, esito: str = "inclusa") -> "object":
    """A complete, submitted pre-assessment with the given outcome (through the services)."""
    response = services.response_start(version=current_instrument_version("preassessment"), family=family, by=by,
                                       time_point="data", perspective="operatore")
    values = {"fasce_eta": ["4_6"], "vulnerabilita": "negligenza", "orientamento": "casa", "fiducia": "3",
              "esito": esito, "motivazione": "Criteri rispettati." if esito == "inclusa" else "Maltrattamento grave."}
    response = services.response_save(response=response, by=by, version=response.version, values=values)
    return services.response_submit(response=response, by=by)


def submit_mdb(family: Family, person: Person, by: User, time_point: str = "T0", score: int = 3,
               perspective: str = "operatore") -> "object":
    """A submitted Il Mondo del Bambino with the same score on every sub-dimension."""
    version = current_instrument_version("mondo_del_bambino")
    response = services.response_start(version=version, family=family, by=by, time_point=time_point,
                                       perspective=perspective, person=person)
    values = {item.code: str(score) for item in version.parsed.items}
    response = services.response_save(response=response, by=by, version=response.version, values=values,
                                      notes={item.code: f"Narrazione {item.code}" for item in version.parsed.items})
    return services.response_submit(response=response, by=by)


def main_of(html: str) -> str:
    """The page's <main>: what a test looks for there is not the header's (its menu icons are SVG too)."""
    return html[html.index("<main"):html.index("</main>")]
