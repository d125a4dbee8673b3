"""Test support: every page a family meets, with data on it, in any language (tests and screenshots use it)."""

import re
import subprocess
from dataclasses import dataclass
from datetime import time, timedelta
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings
from django.test import Client

from accounts.models import User
from assessments.services import response_share
from core.testing import PersonFactory, submit_mdb, today
from families.models import Family, Person
from interventions.models import Intervento
from interventions.testing import parents_group, start_path
from organisation.models import Ambito
from plans.testing import draft_plan
from portal import services
from quality import services as quality
from quality.tests.factories import survey
from scuola.tests.helpers import meeting

BASE = Path(settings.BASE_DIR)
CATALOGUES = [BASE / "portal" / "locale", BASE / "quality" / "locale"]


@dataclass
class FamilyPages:
    """The portal of world.genitore's family, filled: a plan, a shared assessment, messages, a meeting tomorrow,
    an open questionnaire, an invitation for the father and an anonymous questionnaire link."""

    world: object
    invitation_token: str
    survey_token: str
    assessment_pk: int

    def requests(self) -> list[tuple[str, bool, str, str, dict | None]]:
        """(name, as the member?, method, path, data): GETs, and POSTs that answer with their errors."""
        return [
            ("login", False, "get", "/famiglia/accesso/", None),
            ("login refused", False, "post", "/famiglia/accesso/", {"username": "nessuno", "password": "sbagliata"}),
            ("invitation", False, "get", f"/famiglia/invito/{self.invitation_token}/", None),
            ("invitation refused", False, "post", f"/famiglia/invito/{self.invitation_token}/",
             {"password1": "corta", "password2": "altra"}),
            ("unknown invitation", False, "get", "/famiglia/invito/inesistente/", None),
            ("language", False, "get", "/famiglia/lingua/", None),
            ("home", True, "get", "/famiglia/", None),
            ("plan", True, "get", "/famiglia/progetto/", None),
            ("plan answer refused", True, "post", "/famiglia/progetto/risposta/", {"esito": "modifiche"}),
            ("appointments", True, "get", "/famiglia/appuntamenti/", None),
            ("family view", True, "get", "/famiglia/il-nostro-punto-di-vista/", None),
            ("family view refused", True, "post", "/famiglia/il-nostro-punto-di-vista/", {}),
            ("messages", True, "get", "/famiglia/messaggi/", None),
            ("message refused", True, "post", "/famiglia/messaggi/", {"text": "x" * 2500}),
            ("assessments", True, "get", "/famiglia/valutazioni/", None),
            ("assessment", True, "get", f"/famiglia/valutazioni/{self.assessment_pk}/", None),
            ("questionnaire", True, "get", "/famiglia/questionario/", None),
            ("questionnaire refused", True, "post", "/famiglia/questionario/", {"gruppi": "4"}),
            ("anonymous questionnaire", False, "get", f"/q/{self.survey_token}/", None),
            ("anonymous questionnaire refused", False, "post", f"/q/{self.survey_token}/", {"gruppi": "4"}),
            ("anonymous questionnaire closed", False, "get", "/q/inesistente/", None),
        ]

    def client(self, member: bool, language: str) -> Client:
        client = Client()
        if member:
            services.language_set(user=self.world.genitore, language=language)
            client.force_login(self.world.genitore)
        else:
            client.cookies["trama_portale_lingua"] = language
        return client

    def get(self, name_or_path: str, language: str):
        """One page's response in `language`."""
        for name, member, method, path, data in self.requests():
            if name_or_path in (name, path):
                client = self.client(member, language)
                query = f"?lang={language}" if path.startswith("/q/") else ""
                return getattr(client, method)(path + query, data or {})
        raise KeyError(name_or_path)


def world_in_db() -> SimpleNamespace:
    """The personas and families of core.testing.build_world(), found again (the browser's `page` fixture builds
    the world without handing it over)."""
    users = {u.username: u for u in User.objects.filter(username__in=["casemanager", "educatore", "genitore", "rt"])}
    return SimpleNamespace(family=Family.objects.get(codice="SER-00001"), ambito=Ambito.objects.get(codice="SER"),
                           **users)


def fill_family_pages(world) -> FamilyPages:
    family = start_path(world.family, included=today() - timedelta(days=60))
    draft_plan(family, world.casemanager, goals=2)
    mdb = submit_mdb(family, family.persone.get(nome="Luca"), world.casemanager, score=5)
    response_share(response=mdb, by=world.casemanager, shared=True)
    services.message_send(family=family, by=world.genitore, text="Possiamo spostare la visita di giovedì?")
    services.message_send(family=family, by=world.casemanager, text="Certo, ci sentiamo domani.")
    Intervento.objects.create(family=family, ambito=family.ambito, operatore=world.educatore,
                              data=today() + timedelta(days=1), ora_inizio=time(15, 0), ora_fine=time(16, 0),
                              durata_minuti=60, servizio="educativa", ruolo="educatore", luogo="casa")
    parents_group(world, start=today() + timedelta(days=2))
    school = meeting(world)
    type(school).objects.filter(pk=school.pk).update(data=today() + timedelta(days=4))
    father = PersonFactory(family=family, cognome="Bianchi", nome="Paolo", sesso="M", ruolo=Person.Ruolo.PADRE,
                           data_nascita=today() - timedelta(days=40 * 365))
    _invitation, token = services.invitation_create(family=family, person=father, by=world.casemanager)
    s = survey(world)
    link = quality.links_generate(survey=s, by=world.rt, count=1)[0]
    return FamilyPages(world=world, invitation_token=token, survey_token=link, assessment_pk=mdb.pk)


# --- What the catalogues say in Italian, to find it untranslated on a page

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]")


@cache
def italian_strings() -> frozenset[str]:
    """Every msgid of the family catalogues and of the project's Python code (xgettext)."""
    msgids: set[str] = set()
    for root in CATALOGUES:
        for po in root.glob("*/LC_MESSAGES/django.po"):
            msgids |= _msgids(po.read_text())
    sources = [str(p) for p in BASE.glob("*/**/*.py") if ".venv" not in p.parts and "tests" not in p.parts
               and "migrations" not in p.parts and "node_modules" not in p.parts]
    # gettext's own extractor, with fixed arguments: the same msgids as makemessages for the Python sources.
    pot = subprocess.run([  # noqa: S603, S607
                          "xgettext", "--language=Python", "--from-code=UTF-8", "--no-wrap", "-o", "-",
                          "--keyword=_", "--keyword=gettext", "--keyword=gettext_lazy", "--keyword=gettext_noop",
                          "--keyword=ngettext:1,2", "--keyword=ngettext_lazy:1,2", "--keyword=pgettext:2",
                          "--keyword=pgettext_lazy:2", *sources], capture_output=True, text=True, check=True).stdout
    return frozenset(msgids | _msgids(pot))


# Catalogue strings that are also plain words of another language, and mean no missing translation there: the
# English "data" and "note", the French "note" and "équipe", the Spanish "Entra", the Romanian "Casa", the
# Albanian "telefono" (call!), and "case manager", which the French and Spanish translations keep as the role's name.
ALSO_WORDS_OF = {"en": {"data", "note", "Note"}, "fr": {"note", "équipe", "case manager"},
                 "es": {"Entra", "case manager"}, "ro": {"Casa"}, "sq": {"telefono"}}


@cache
def identical_in(language: str) -> frozenset[str]:
    """The msgids that a catalogue translates as themselves ("Password" in English): not a missing translation."""
    same: set[str] = set(ALSO_WORDS_OF.get(language, ()))
    for root in CATALOGUES:
        po = root / language.replace("zh-hans", "zh_Hans") / "LC_MESSAGES" / "django.po"
        if po.exists():
            for msgid, msgstr in re.findall(r'^msgid "(.+)"\nmsgstr "(.+)"$', _normalised(po), re.M):
                if msgid == msgstr:
                    same.add(_unquote(msgid))
    return frozenset(same)


def _normalised(po: Path) -> str:
    return subprocess.run(["msgcat", "--no-wrap", str(po)],  # noqa: S603, S607 - gettext's tool, fixed arguments
                          capture_output=True, text=True, check=True).stdout


def _unquote(raw: str) -> str:
    return raw.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


def _msgids(text: str) -> set[str]:
    joined = re.sub(r'"\n"', "", text)  # wrapped lines are one string
    return {_unquote(m) for m in re.findall(r'^msgid(?:_plural)? "(.+)"$', joined, re.M)}


class _Text(HTMLParser):
    """A page's words (text, and the attributes read aloud), leaving out what is marked as another language."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    SPOKEN = ("title", "aria-label", "placeholder", "alt")

    def __init__(self, page_lang: str):
        super().__init__(convert_charrefs=True)
        self.page_lang, self.stack, self.parts = page_lang, [], []

    def _foreign(self) -> bool:
        return any(self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = attrs.get("lang")
        foreign = tag in ("script", "style") or (lang is not None and tag != "html" and lang != self.page_lang)
        if not foreign and not self._foreign():
            self.parts += [attrs[a] for a in self.SPOKEN if attrs.get(a)]
            if tag == "input" and attrs.get("type") in ("submit", "button"):
                self.parts.append(attrs.get("value") or "")
        if tag not in self.VOID:
            self.stack.append(foreign)

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not self._foreign():
            self.parts.append(data)


def page_words(html: str, lang: str) -> str:
    parser = _Text(lang)
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def _pattern(msgid: str) -> re.Pattern | None:
    pieces = PLACEHOLDER.split(msgid)
    literal = "".join(pieces[::2])
    if sum(ch.isalpha() for ch in literal) < 3:  # "v.", "%(n)s pagine"... too short to tell
        return None
    regex = ".+?".join(re.escape(" ".join(p.split())) for p in PLACEHOLDER.sub("\0", msgid).split("\0"))
    return re.compile(rf"(?<!\w){regex}(?!\w)")


@cache
def _patterns() -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((m, p) for m in sorted(italian_strings()) if (p := _pattern(m)) is not None)


def untranslated(html: str, lang: str) -> list[str]:
    """The Italian catalogue's strings that appear as they are on a page in `lang`."""
    words = page_words(html, lang)
    allowed = identical_in(lang)
    return [msgid for msgid, pattern in _patterns() if msgid not in allowed and pattern.search(words)]


class _Isolation(HTMLParser):
    """Where `needle` appears in a text node, is it inside an element that sets its own direction?"""

    def __init__(self, needle: str):
        super().__init__(convert_charrefs=True)
        self.needle, self.stack, self.found = needle, [], []

    def handle_starttag(self, tag, attrs):
        if tag not in _Text.VOID:
            self.stack.append(tag == "bdi" or (tag != "html" and "dir" in dict(attrs)))

    def handle_endtag(self, tag):
        if tag not in _Text.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if self.needle in data:
            self.found.append(any(self.stack))


def isolation_of(html: str, text: str) -> list[bool]:
    """For each occurrence of `text` on the page: whether it is isolated (<bdi>, or an element with dir)."""
    parser = _Isolation(text)
    parser.feed(html)
    return parser.found
