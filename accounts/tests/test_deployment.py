"""Production settings: `check --deploy` clean, security headers, no serving with the development key."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items()
            if k not in {"DEBUG", "TRAMA_DEMO_MODE", "TRAMA_SERVING", "SECRET_KEY", "HTTPS", "ALLOWED_HOSTS",
                         "SECURE_COOKIES", "TRAMA_REQUIRE_2FA", "SECURE_PROXY_SSL_HEADER",
                         "DJANGO_ALLOW_ASYNC_UNSAFE"}}  # set by the browser tests in this process
    return subprocess.run([sys.executable, *args], cwd=ROOT, env={**base, **env}, capture_output=True, text=True,  # noqa: S603
                          timeout=120, check=False)


PRODUCTION = {"DEBUG": "0", "HTTPS": "1", "SECRET_KEY": secrets.token_urlsafe(64), "ALLOWED_HOSTS": "trama.example.it"}

PRINT_SETTINGS = """
import django; django.setup()
from django.conf import settings as s
print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS,
      s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, s.SECURE_PROXY_SSL_HEADER, s.TRAMA_REQUIRE_2FA)
"""


def test_check_deploy_is_clean_with_production_settings():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_turn_on_https_protections_and_2fa():
    result = run(["-c", PRINT_SETTINGS], DJANGO_SETTINGS_MODULE="trama.settings",
                 SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True", "31536000", "True", "False",
                                     "('HTTP_X_FORWARDED_PROTO',", "'https')", "True"]


def test_the_demo_turns_2fa_off():
    result = run(["-c", PRINT_SETTINGS], DJANGO_SETTINGS_MODULE="trama.settings", TRAMA_DEMO_MODE="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "False"


def test_a_wsgi_server_refuses_the_development_secret_key():
    result = run(["-c", "import trama.wsgi"])
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "SECRET_KEY non impostata" in result.stderr


def test_the_demo_and_development_may_use_the_development_key():
    assert run(["-c", "import trama.wsgi"], TRAMA_DEMO_MODE="1").returncode == 0
    assert run(["-c", "import trama.wsgi"], DEBUG="1").returncode == 0


def test_management_commands_still_work_without_a_key():
    # `make lint` runs makemigrations with DEBUG off and no SECRET_KEY.
    result = run(["manage.py", "check"])
    assert result.returncode == 0, result.stderr


def test_pages_carry_a_strict_content_security_policy_and_security_headers(db, client):
    response = client.get("/account/accesso/")
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert directives["img-src"] == "'self' data:"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_no_page_template_holds_an_inline_script():
    offenders = []
    for path in ROOT.glob("*/templates/**/*.html"):
        if ".venv" in path.parts or "node_modules" in path.parts:
            continue
        for tag in re.findall(r"<script\b[^>]*>", path.read_text()):
            if "src=" not in tag:
                offenders.append(f"{path.relative_to(ROOT)}: {tag}")
    for path in (ROOT / "templates").glob("**/*.html"):
        for tag in re.findall(r"<script\b[^>]*>", path.read_text()):
            if "src=" not in tag:
                offenders.append(f"{path.relative_to(ROOT)}: {tag}")
    assert not offenders, offenders
