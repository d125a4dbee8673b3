"""Background exports in the role × URL matrix: everyone has their own list; a download is its owner's only."""

from django.core.files.base import ContentFile

from core.testing import PERSONAS
from exports.models import ExportJob


def _rt_job(w):
    job, _ = ExportJob.objects.get_or_create(user=w.rt, kind="ricerca", defaults={
        "titolo": "Esportazione per la valutazione", "stato": "pronta", "filename": "prova.zip",
        "content_type": "application/zip"})
    if not job.file:
        job.file.save("prova.zip", ContentFile(b"PK\x05\x06" + b"\x00" * 18))
    return f"/esportazioni/{job.pk}/scarica/"


ROWS = {
    "export_list": ("get", lambda w: "/esportazioni/", {p: 200 for p in PERSONAS}),
    "export_download": ("get", _rt_job, {p: 200 if p == "rt" else 404 for p in PERSONAS}),
}
