"""PDFs a public administration can file: PDF/A-3b, tagged for screen readers, with their metadata.

Every PDF of Trama is an HTML page extending `pdf/base.html` (letterhead, "Pagina n di m", place and date,
signature blocks) turned into PDF/A here. WeasyPrint reads the XMP metadata from the page's head: `<title>`,
`<meta name="author">` (the ente), `<meta name="dcterms.created">` and `<html lang>`; it embeds the fonts
(subsets) and writes the sRGB output intent that PDF/A asks for.
"""

from dataclasses import dataclass
from datetime import datetime

from django.http import HttpResponse
from django.utils import timezone

PDF_VARIANT = "pdf/a-3b"  # 3 rather than 2: a later version may attach the JSON of a data-subject export


@dataclass(frozen=True)
class Letterhead:
    """Who writes the document and when: shown on every page and written into the PDF's metadata."""

    ambito: str
    ente: str
    place: str
    created: datetime

    @property
    def author(self) -> str:
        return self.ente or self.ambito or "Trama"

    @property
    def created_w3c(self) -> str:
        return timezone.localtime(self.created).isoformat(timespec="seconds")


def write_pdf(html: str) -> bytes:
    # WeasyPrint is heavy (and pulls in Pango): loaded only when a PDF is asked for.
    from weasyprint import HTML  # noqa: PLC0415

    return HTML(string=html).write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)


def pdf_response(html: str, filename: str) -> HttpResponse:
    response = HttpResponse(write_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
