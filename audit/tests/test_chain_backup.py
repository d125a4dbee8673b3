"""The restore drill keeps every chain verifiable: the chains of the ambiti, of the entries with no ambito, the
legacy chain, and the archives made before the chains were per ambito."""

import hashlib
import io
import json
import tarfile

import pytest
from django.core.management import call_command

from audit.chain import LEGACY, NO_AMBITO, verify, verify_chains
from audit.models import AuditEntry, ChainHead
from audit.services import log_list_view, log_view
from audit.tests.test_chain import _as_before_the_split, chains_of
from core.testing import build_world
from organisation.models import Ambito

pytestmark = pytest.mark.django_db(transaction=True)


def _state():
    heads = sorted(ChainHead.objects.values_list("pk", "chain", "last_hash", "count"), key=str)
    return heads, sorted(AuditEntry.objects.values_list("pk", "chain", "prev_hash", "hash"))


def _write_in_every_chain(world):
    log_view(user=world.casemanager, obj=world.family)
    log_view(user=world.rt_altro, obj=world.other_ambito_family)
    log_list_view(user=world.casemanager, model=Ambito, object_ids=[world.ambito.pk], description="ambiti")


def _restore(archive):
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEntry.objects.exists()
    call_command("restore", str(archive), stdout=io.StringIO())


def test_every_chain_survives_the_drill_and_keeps_growing(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    world = build_world()
    chains_of(world, n=1)
    legacy = _as_before_the_split()  # the entries written so far: the legacy chain
    chains_of(world, n=2)
    before = _state()
    assert {LEGACY, NO_AMBITO, world.ambito.pk, world.other_ambito.pk} <= set(verify_chains())
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive, unencrypted=True, stdout=io.StringIO())

    _restore(archive)
    assert _state() == before
    reports = verify_chains()
    assert reports[LEGACY].entries == legacy and all(r.intact for r in reports.values())
    # New entries continue each chain from its restored head.
    _write_in_every_chain(world)
    assert list(verify()) == []
    assert AuditEntry.objects.filter(chain=LEGACY).count() == legacy


def test_an_archive_made_before_the_chains_were_per_ambito_restores_as_the_legacy_chain(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    world = build_world()
    chains_of(world, n=2)
    legacy = _as_before_the_split()
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive, unencrypted=True, stdout=io.StringIO())
    old = tmp_path / "old.tar.gz"  # the same archive as the code before the split wrote it: no `chain` at all
    with tarfile.open(archive) as source, tarfile.open(old, "w:gz") as target:
        data = json.loads(source.extractfile("data.json").read())
        for row in data:
            if row["model"] in ("audit.auditentry", "audit.chainhead"):
                del row["fields"]["chain"]
        payloads = {"data.json": json.dumps(data).encode()}
        manifest = json.loads(source.extractfile("manifest.json").read())
        manifest["sha256"] = hashlib.sha256(payloads["data.json"]).hexdigest()
        payloads["manifest.json"] = json.dumps(manifest).encode()
        for member in source.getmembers():
            payload = payloads.get(member.name) or (source.extractfile(member).read() if member.isfile() else None)
            member.size = len(payload) if payload is not None else 0
            target.addfile(member, io.BytesIO(payload) if payload is not None else None)

    _restore(old)
    assert ChainHead.objects.get().chain is LEGACY
    assert AuditEntry.objects.filter(chain=LEGACY).count() == legacy == AuditEntry.objects.count()
    _write_in_every_chain(world)
    reports = verify_chains()
    assert reports[LEGACY].entries == legacy and all(r.intact for r in reports.values())
    assert len(reports) == 4
