"""Checks of uploaded documents (signed consents, protocols, CVs): the name says PDF, JPG or PNG, and the content
must be one, read by a parser — not only its first bytes, which anyone can type in front of an HTML page."""

import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext as _
from PIL import Image
from pypdf import PdfReader
from pypdf.errors import PyPdfError

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
DOCUMENTS = ("pdf", "jpg", "jpeg", "png")
IMAGE_FORMATS = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG"}
MAGIC = {"pdf": b"%PDF-", "png": b"\x89PNG\r\n\x1a\n", "jpg": b"\xff\xd8\xff", "jpeg": b"\xff\xd8\xff"}

# pypdf warns on its logger about what it repairs; a refused upload is reported to the user instead.
logging.getLogger("pypdf").setLevel(logging.ERROR)


def check_upload(document: File[Any], *, kinds: tuple[str, ...] = DOCUMENTS,
                 max_bytes: int = MAX_UPLOAD_BYTES) -> None:
    """Raise ValidationError (a message in Italian) unless `document` is a PDF, JPG or PNG (of `kinds`) that its
    parser opens, at most `max_bytes`. The file is left at its start."""
    if document.size is not None and document.size > max_bytes:
        raise ValidationError(_("Il file è troppo grande: al massimo %(mb)s MB.") % {"mb": max_bytes // (1024 * 1024)})
    name = (document.name or "").lower()
    kind = name.rsplit(".", 1)[-1] if "." in name else ""
    if kind not in kinds:
        raise ValidationError(_kinds_message(kinds))
    document.seek(0)
    try:
        if not document.read(len(MAGIC[kind])).startswith(MAGIC[kind]):
            raise ValidationError(_kinds_message(kinds))
        document.seek(0)
        if kind == "pdf":
            _check_pdf(document)
        else:
            _check_image(document, IMAGE_FORMATS[kind])
    finally:
        document.seek(0)


def _kinds_message(kinds: tuple[str, ...]) -> str:
    return _("Carica il file in PDF.") if kinds == ("pdf",) else _("Carica un file PDF, JPG o PNG.")


def _check_pdf(document: File[Any]) -> None:
    try:
        reader = PdfReader(document)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValidationError(_("Il PDF è protetto da password: caricane una copia senza password."))
        if len(reader.pages) == 0:
            raise ValidationError(_("Il PDF non ha pagine: controlla il file e caricalo di nuovo."))
    except ValidationError:
        raise
    except (PyPdfError, ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError,
            NotImplementedError):
        raise ValidationError(_("Il file non è un PDF leggibile: aprilo sul computer per controllarlo, "
                                "salvalo di nuovo in PDF e ricaricalo.")) from None


def _check_image(document: File[Any], expected: str) -> None:
    try:
        with Image.open(document) as image:
            found = image.format
            image.verify()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        found = None
    if found != expected:
        raise ValidationError(_("Il file non è un'immagine JPG o PNG leggibile: fotografa o scansiona di nuovo "
                                "il documento e ricaricalo."))
