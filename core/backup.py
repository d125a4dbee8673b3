"""Backup and restore of the whole database and the uploaded documents, for SQLite and PostgreSQL alike.

A backup is one .tar.gz: `data.json` (Django's serialisation with natural keys), `media/` (uploaded
documents) and `manifest.json` (when, row counts per model, checksum of the data). In production the
database's own tools (pg_dump) are faster; this format is portable and verifiable, and it is what the
restore drill in the tests exercises.
"""

import hashlib
import io
import json
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from assessments.models import Instrument, InstrumentVersion
from families.models import Family

EXCLUDE = ["contenttypes", "auth.permission", "sessions", "admin.logentry"]
FORMAT_VERSION = 1


def _counts() -> dict[str, int]:
    counts = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.proxy or not model._meta.managed or any(label.startswith(e) for e in EXCLUDE):
            continue
        counts[label] = model._base_manager.count()
    return counts


def make_backup(path: Path) -> dict:
    buffer = io.StringIO()
    call_command("dumpdata", exclude=EXCLUDE, natural_foreign=True, natural_primary=False, indent=None,
                 stdout=buffer)
    data = buffer.getvalue().encode()
    manifest = {"format": FORMAT_VERSION, "created": timezone.now().isoformat(),
                "sha256": hashlib.sha256(data).hexdigest(), "counts": _counts()}
    media = Path(settings.MEDIA_ROOT)
    with tarfile.open(path, "w:gz") as tar:
        for name, payload in (("data.json", data), ("manifest.json", json.dumps(manifest, indent=2).encode())):
            info = tarfile.TarInfo(name)
            info.size = len(payload)
            tar.addfile(info, io.BytesIO(payload))
        if media.exists():
            tar.add(media, arcname="media")
    return manifest


class RestoreError(Exception):
    pass


def restore_backup(path: Path, *, force: bool = False) -> dict:
    if Family.objects.exists() and not force:
        raise RestoreError("Il database contiene già dati: usa --force per sostituirli con il backup.")
    with tarfile.open(path, "r:gz") as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        data = tar.extractfile("data.json").read()
        if manifest.get("format") != FORMAT_VERSION:
            raise RestoreError("Formato del backup non riconosciuto.")
        if hashlib.sha256(data).hexdigest() != manifest["sha256"]:
            raise RestoreError("Il backup è danneggiato: il checksum dei dati non corrisponde.")
        with tempfile.TemporaryDirectory() as tmp:
            members = [m for m in tar.getmembers() if m.name.startswith("media/") and m.isfile()
                       and ".." not in Path(m.name).parts]
            tar.extractall(tmp, members=members, filter="data")
            dump = Path(tmp) / "data.json"
            dump.write_bytes(data)
            with transaction.atomic():
                call_command("flush", interactive=False, verbosity=0)
                ContentType.objects.clear_cache()  # the content types were recreated with new ids
                # flush re-runs post_migrate, which publishes the shipped instruments again: the backup's
                # own rows (same content, their own keys) replace them.
                InstrumentVersion.objects.all().delete()
                Instrument.objects.all().delete()
                call_command("loaddata", str(dump), verbosity=0)
            media_src = Path(tmp) / "media"
            if media_src.exists():
                target = Path(settings.MEDIA_ROOT)
                for source in media_src.rglob("*"):
                    if source.is_file():
                        destination = target / source.relative_to(media_src)
                        destination.parent.mkdir(parents=True, exist_ok=True)
                        destination.write_bytes(source.read_bytes())
    ContentType.objects.clear_cache()
    counts = _counts()
    differing = {k: (v, counts.get(k)) for k, v in manifest["counts"].items() if counts.get(k) != v}
    if differing:
        raise RestoreError(f"Il ripristino non corrisponde al backup: {differing}")
    return manifest
