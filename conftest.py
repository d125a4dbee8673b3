import pytest
from django.test import Client

from accounts.models import User
from core.testing import build_world


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Hashing strength is not under test; PBKDF2 would make every persona's login slow.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "consensi").mkdir(parents=True)
    (tmp_path / "media" / "consensi" / "prova.pdf").write_bytes(b"%PDF-1.4 prova")
    return build_world()


@pytest.fixture
def login():
    """login("casemanager") → a test client logged in as that persona."""

    def _login(username: str) -> Client:
        client = Client()
        client.force_login(User.objects.get(username=username))
        return client

    return _login
