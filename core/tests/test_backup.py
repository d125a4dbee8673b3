"""The restore drill: back up, wipe, restore, compare."""

import io
import tarfile
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from audit.chain import verify
from core.testing import submit_mdb
from families.models import Family, Person


@pytest.mark.django_db(transaction=True)
def test_backup_wipe_restore_gives_back_the_same_data(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "consensi").mkdir(parents=True)
    (tmp_path / "media" / "consensi" / "firmato.pdf").write_bytes(b"%PDF-1.4 firmato")
    call_command("seed_demo", families=6, seed=2, anchor=date(2026, 11, 22), password="demo-password-1")
    family = Family.objects.get(codice="SER-00001")
    submit_mdb(family, family.persone.filter(target=True).first(), User.objects.get(username="casemanager"),
               time_point="data")
    before_people = sorted(Person.objects.values_list("pk", "nome", "cognome", "codice_fiscale", "data_nascita"))
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive)

    call_command("flush", interactive=False, verbosity=0)
    (tmp_path / "media" / "consensi" / "firmato.pdf").unlink()
    assert not Family.objects.exists()

    call_command("restore", str(archive))
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
    call_command("backup", output=archive)
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
