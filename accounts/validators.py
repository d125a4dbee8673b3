"""Password rules beyond Django's: a breached-password list shipped with Trama (no network)."""

import gzip
from functools import cache
from pathlib import Path

import django.contrib.auth
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

LIST = Path(__file__).resolve().parent / "data" / "breached-passwords.txt.gz"
DJANGO_LIST = Path(django.contrib.auth.__file__).resolve().parent / "common-passwords.txt.gz"


@cache
def breached_passwords() -> frozenset[str]:
    """About 74,000 passwords: Django's 20,000 common ones, and the Xato corpus' most common and
    Italian ones shipped in accounts/data/ (built by scripts/build_password_list.py)."""
    entries: set[str] = set()
    for path in (LIST, DJANGO_LIST):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            entries.update(line.strip() for line in fh if line.strip())
    return frozenset(entries)


class BreachedPasswordValidator:
    """Refuse a password that appears in lists of leaked passwords, whatever its case and spaces.

    Django's CommonPasswordValidator checks its own 20,000; this one checks the list shipped in
    accounts/data/ and the password with its trailing digits and punctuation stripped off the same
    list ("Juventus1897!" → "juventus").
    """

    def validate(self, password: str, user=None) -> None:
        candidate = "".join(password.split()).lower()
        stem = candidate.rstrip("0123456789!?.,;:-_*#@$%&")
        known = breached_passwords()
        if candidate in known or (len(stem) >= 4 and stem in known and stem != candidate):
            raise ValidationError(
                _("Questa password compare negli elenchi di password rubate e pubblicate online: "
                  "chi attacca la prova per prima. Scegline un'altra, ad esempio una frase di più parole."),
                code="password_breached",
            )

    def get_help_text(self) -> str:
        return _("La password non può essere una di quelle già rubate e pubblicate online.")


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's, with the refusal in Italian (Django 5.2's Italian catalogue lacks this message)."""

    def get_error_message(self) -> str:
        return ngettext(
            "Questa password è troppo corta: deve avere almeno %(min_length)d carattere.",
            "Questa password è troppo corta: deve avere almeno %(min_length)d caratteri. Una frase di "
            "alcune parole è più facile da ricordare e più difficile da indovinare.",
            self.min_length,
        ) % {"min_length": self.min_length}
