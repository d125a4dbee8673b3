"""Backup and restore of the whole database and the uploaded documents, for SQLite and PostgreSQL alike.

A backup is one .tar.gz: `data.json` (Django's serialisation with natural keys), `media/` (uploaded
documents) and `manifest.json` (when, row counts per model, checksum of the data). In production the
database's own tools (pg_dump) are faster; this format is portable and verifiable, and it is what the
restore drill in the tests exercises.

The archive holds health notes, password hashes and the research exports: it is encrypted with age
(age-encryption.org, through pyrage) for the public keys of TRAMA_BACKUP_RECIPIENTS, so that the server never
holds what decrypts it; `age -d -i key.txt` decrypts it as well as `manage.py restore --identity`.
"""

import hashlib
import io
import json
import tarfile
import tempfile
from pathlib import Path

import pyrage
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


AGE_HEADER = b"age-encryption.org/v1"


class BackupError(Exception):
    pass


class RestoreError(Exception):
    pass


def recipients_from(keys: list[str]) -> list[pyrage.x25519.Recipient]:
    try:
        return [pyrage.x25519.Recipient.from_str(key) for key in keys]
    except pyrage.RecipientError as error:
        raise BackupError("Chiave pubblica per la cifratura del backup non valida (attesa una chiave age «age1…»): "
                          f"{error}") from error


def make_backup(path: Path, *, recipients: list[str]) -> dict:
    """Write the backup to `path`, encrypted for `recipients` (age public keys); in clear when there are none."""
    keys = recipients_from(recipients)
    if not keys:
        return _write_archive(path)
    with tempfile.TemporaryDirectory() as tmp:
        clear = Path(tmp) / "backup.tar.gz"
        manifest = _write_archive(clear)
        try:
            pyrage.encrypt_file(str(clear), str(path), keys)
        except pyrage.EncryptError as error:
            raise BackupError(f"Cifratura del backup non riuscita: {error}") from error
    return manifest


def is_encrypted(path: Path) -> bool:
    with path.open("rb") as file:
        return file.read(len(AGE_HEADER)) == AGE_HEADER


def decrypt_backup(path: Path, identity_file: Path, target: Path) -> None:
    """Decrypt an encrypted backup into `target` with the private key(s) of an age identity file."""
    try:
        lines = identity_file.read_text().splitlines()
    except OSError as error:
        raise RestoreError(f"Non riesco a leggere la chiave privata {identity_file}: {error.strerror}.") from error
    try:
        identities = [pyrage.x25519.Identity.from_str(line.strip()) for line in lines
                      if line.strip() and not line.startswith("#")]
    except pyrage.IdentityError as error:
        raise RestoreError(f"Il file {identity_file} non contiene una chiave privata age valida.") from error
    try:
        pyrage.decrypt_file(str(path), str(target), identities)
    except pyrage.DecryptError as error:
        raise RestoreError("Il backup non si decifra con questa chiave privata (chiave sbagliata o file "
                           "danneggiato).") from error


def _write_archive(path: Path) -> dict:
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


def restore_backup(path: Path, *, force: bool = False, identity: Path | None = None) -> dict:
    if Family.objects.exists() and not force:
        raise RestoreError("Il database contiene già dati: usa --force per sostituirli con il backup.")
    if not is_encrypted(path):
        return _restore_archive(path)
    if identity is None:
        raise RestoreError("Il backup è cifrato: indica la chiave privata con --identity FILE.")
    with tempfile.TemporaryDirectory() as tmp:
        clear = Path(tmp) / "backup.tar.gz"
        decrypt_backup(path, identity, clear)
        return _restore_archive(clear)


def _restore_archive(path: Path) -> dict:
    try:
        tar = tarfile.open(path, "r:gz")
    except (tarfile.TarError, OSError) as error:
        raise RestoreError("Il file non è un backup di Trama leggibile.") from error
    with tar:
        try:
            manifest = json.load(tar.extractfile("manifest.json"))
            data = tar.extractfile("data.json").read()
        except (KeyError, AttributeError, ValueError) as error:
            raise RestoreError("Il file non è un backup di Trama: mancano il manifesto o i dati.") from error
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
