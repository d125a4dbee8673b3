"""The languages in which Trama speaks to families (the portal and the anonymous questionnaires).

Staff pages are Italian; what a family reads is in one of these nine languages. The list lives here, at the
ground floor, because both the portal (an interface) and the questionnaires (quality, a domain app) need it.
"""

from collections.abc import Iterable

from django.utils.translation.trans_real import parse_accept_lang_header

# (code, the language's name written in that language). Italian first; Arabic is written right to left.
FAMILY_LANGUAGES = [
    ("it", "Italiano"),
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
    ("ar", "العربية"),
    ("ro", "Română"),
    ("sq", "Shqip"),
    ("uk", "Українська"),
    ("zh-hans", "中文"),
]
FAMILY_LANGUAGE_CODES = [code for code, _name in FAMILY_LANGUAGES]
LANGUAGE_NAMES = dict(FAMILY_LANGUAGES)
RTL_LANGUAGES = frozenset({"ar"})

# Browsers name Chinese in several ways; all of the simplified script's names lead to zh-hans.
ALIASES = {"zh": "zh-hans", "zh-cn": "zh-hans", "zh-sg": "zh-hans", "zh-hans-cn": "zh-hans", "zh-my": "zh-hans"}


def language_from_accept(header: str, allowed: Iterable[str] = FAMILY_LANGUAGE_CODES) -> str | None:
    """The first of the browser's languages (Accept-Language, by preference) that is one of `allowed`.

    The same matching as Django's LocaleMiddleware (a region falls back to its language: "ar-MA" is "ar"), limited
    to the families' languages, so that a browser set to German does not get German staff strings.
    """
    allowed = list(allowed)
    for code, _quality in parse_accept_lang_header(header or ""):
        code = code.lower()
        base = code.split("-")[0]
        # Traditional Chinese falls back to simplified too: closer to the reader than Italian.
        for candidate in (code, ALIASES.get(code, ""), base, ALIASES.get(base, "")):
            if candidate in allowed:
                return candidate
    return None


def direction(code: str) -> str:
    return "rtl" if code in RTL_LANGUAGES else "ltr"
