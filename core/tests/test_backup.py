"""The restore drill: back up, wipe, restore, compare."""

import io
import shutil
import subprocess
import tarfile
from datetime import date

import pyrage
import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from audit.chain import verify
from core.testing import submit_mdb
from families.models import Family, Person


@pytest.fixture
def key(tmp_path, settings):
    """An age key pair: the public key in the settings, as on a server; the private one in a file, kept apart."""
    identity = pyrage.x25519.Identity.generate()
    settings.TRAMA_BACKUP_RECIPIENTS = [str(identity.to_public())]
    path = tmp_path / "chiave-privata.txt"
    path.write_text(f"# chiave dell'ente\n{identity}\n")
    return path


@pytest.mark.django_db(transaction=True)
def test_backup_wipe_restore_gives_back_the_same_data(tmp_path, settings, key):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "consensi").mkdir(parents=True)
    (tmp_path / "media" / "consensi" / "firmato.pdf").write_bytes(b"%PDF-1.4 firmato")
    call_command("seed_demo", families=6, seed=2, anchor=date(2026, 11, 22), password="demo-password-1")
    family = Family.objects.get(codice="SER-00001")
    submit_mdb(family, family.persone.filter(target=True).first(), User.objects.get(username="casemanager"),
               time_point="data")
    before_people = sorted(Person.objects.values_list("pk", "nome", "cognome", "codice_fiscale", "data_nascita"))
    archive = tmp_path / "backup.tar.gz.age"
    call_command("backup", output=archive)
    content = archive.read_bytes()
    assert content.startswith(b"age-encryption.org/v1") and b"Bianchi" not in content and b"pbkdf2" not in content

    call_command("flush", interactive=False, verbosity=0)
    (tmp_path / "media" / "consensi" / "firmato.pdf").unlink()
    assert not Family.objects.exists()

    with pytest.raises(CommandError, match="cifrato: indica la chiave privata"):
        call_command("restore", str(archive))
    call_command("restore", str(archive), identity=key)
    assert sorted(Person.objects.values_list("pk", "nome", "cognome", "codice_fiscale", "data_nascita")) == before_people
    assert User.objects.get(username="casemanager").check_password("demo-password-1")
    assert (tmp_path / "media" / "consensi" / "firmato.pdf").read_bytes() == b"%PDF-1.4 firmato"
    assert list(verify()) == []  # the audit chain survives the drill
    # The restored database keeps working: new rows get fresh keys.
    submit_mdb(family, family.persone.filter(target=True).first(), User.objects.get(username="casemanager"),
               time_point="data")


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_to_overwrite_without_force_and_a_damaged_archive(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", families=2, seed=2, anchor=date(2026, 11, 22))
    families = Family.objects.count()
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive, unencrypted=True)
    with pytest.raises(CommandError, match="--force"):
        call_command("restore", str(archive))
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            payload = source.extractfile(member).read() if member.isfile() else None
            if member.name == "data.json":
                payload = payload.replace(b"Famiglia", b"Famigl1a", 1)
                member.size = len(payload)
            target.addfile(member, io.BytesIO(payload) if payload is not None else None)
    with pytest.raises(CommandError, match="danneggiato"):
        call_command("restore", str(damaged), force=True)
    assert Family.objects.count() == families  # nothing was touched


@pytest.mark.django_db
def test_a_clear_backup_is_refused_in_production_unless_asked(tmp_path, settings):
    settings.DEBUG, settings.TRAMA_BACKUP_RECIPIENTS = False, []
    with pytest.raises(CommandError, match="TRAMA_BACKUP_RECIPIENTS"):
        call_command("backup", output=tmp_path / "b.tar.gz")
    assert not (tmp_path / "b.tar.gz").exists()
    call_command("backup", output=tmp_path / "b.tar.gz", unencrypted=True)
    assert tarfile.is_tarfile(tmp_path / "b.tar.gz")


@pytest.mark.django_db
def test_a_bad_public_key_is_refused_and_nothing_is_written(tmp_path, settings):
    settings.TRAMA_BACKUP_RECIPIENTS = ["age1nonvalida"]
    with pytest.raises(CommandError, match="chiave age"):
        call_command("backup", output=tmp_path / "b.age")
    assert not (tmp_path / "b.age").exists()


@pytest.mark.django_db
def test_the_wrong_private_key_a_missing_key_file_and_a_stranger_file_are_explained(tmp_path, settings, key):
    call_command("seed_demo", families=1, seed=2, anchor=date(2026, 11, 22))
    families = Family.objects.count()
    archive = tmp_path / "b.age"
    call_command("backup", output=archive)
    other = tmp_path / "altra.txt"
    other.write_text(str(pyrage.x25519.Identity.generate()))
    with pytest.raises(CommandError, match="non si decifra con questa chiave"):
        call_command("restore", str(archive), identity=other, force=True)
    with pytest.raises(CommandError, match="Non riesco a leggere la chiave privata"):
        call_command("restore", str(archive), identity=tmp_path / "manca.txt", force=True)
    junk = tmp_path / "foto.jpg"
    junk.write_bytes(b"\xff\xd8\xff not a backup")
    with pytest.raises(CommandError, match="non è un backup di Trama"):
        call_command("restore", str(junk), force=True)
    assert Family.objects.count() == families  # nothing was touched


@pytest.mark.django_db
@pytest.mark.skipif(shutil.which("age") is None, reason="Debian's age is installed by .ci/run")
def test_debians_age_decrypts_the_backup_with_the_entes_key(tmp_path, settings, key):
    """The format is age's own: the ente can open its backup with the standard tool, without Trama."""
    call_command("seed_demo", families=1, seed=2, anchor=date(2026, 11, 22))
    call_command("backup", output=tmp_path / "b.age")
    age = shutil.which("age")
    subprocess.run([age, "-d", "-i", str(key), "-o", str(tmp_path / "b.tar.gz"), str(tmp_path / "b.age")],  # noqa: S603 - our own files
                   check=True)
    with tarfile.open(tmp_path / "b.tar.gz") as tar:
        assert {"data.json", "manifest.json"} <= set(tar.getnames())
