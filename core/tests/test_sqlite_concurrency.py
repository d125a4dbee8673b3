"""The embedded default under load: `make run`'s server on a file SQLite database, 8 users at once.

A real `manage.py runserver` (threaded, behind collectstatic, as `make run` starts it) on a SQLite file migrated and seeded
like `make run`, and 8 parallel clients that write audit rows: they log in (a session, last_login, the login's
audit entry), open pages that are audit-logged (the dashboard, the family list, family pages) and post a form (a
message to a family on its portal, a write with its audit entry), over and over. No request may fail: before
WAL, immediate transactions and a busy timeout (trama/settings.py) about one write in ten answered 500 with
"database is locked". Skipped when the suite runs on PostgreSQL.
"""

import os
import re
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from django.conf import settings

pytestmark = pytest.mark.skipif(settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
                                reason="the embedded default is SQLite")

PASSWORD = "trama-demo-load-2026"
# The case managers and the RT write to a family's portal and the parent answers from it; the others read.
WRITERS = ["casemanager", "casemanager2", "rt"]
READERS = ["educatore", "psicologo", "insegnante", "coach"]
PARENT = "genitore"
ROUNDS = 6
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FAMILY = re.compile(r'href="/famiglie/(\d+)/"')


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("embedded")
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}", "TRAMA_DEMO_PASSWORD": PASSWORD,
           "MEDIA_ROOT": str(folder / "media"), "STATIC_ROOT": str(folder / "static"), "PYTHONUNBUFFERED": "1"}
    env.pop("DEBUG", None)
    manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env={**env, "DEBUG": "1"}, check=True)  # noqa: S603
    subprocess.run([*manage, "seed_demo", "--if-empty", "-v0"], env={**env, "DEBUG": "1"}, check=True)  # noqa: S603
    # As make run: hashed, compressed static files served by WhiteNoise (DEBUG off). The admin's and the browsable
    # API's files are left out only to save the test their compression: no page of the load uses them.
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0", "-i", "admin", "-i", "rest_framework"],  # noqa: S603
                   env=env, check=True)
    port = free_port()
    log = (folder / "server.log").open("w")
    process = subprocess.Popen([*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],  # noqa: S603
                               env={**env, "TRAMA_DEMO_MODE": "1"}, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                requests.get(f"{base}/healthz", timeout=2)
                break
            except requests.ConnectionError:
                time.sleep(0.5)
        yield base, folder / "server.log"
    finally:
        process.terminate()
        process.wait(10)
        log.close()


class User:
    def __init__(self, base: str, username: str):
        self.base, self.username, self.problems = base, username, []

    def check(self, response, expected=(200,)):
        if response.status_code not in expected:
            self.problems.append(f"{self.username} {response.request.method} {response.url}: {response.status_code}")
        return response

    def get(self, path: str):
        return self.check(self.session.get(f"{self.base}{path}", timeout=60))

    def post(self, page, path: str, data: dict):
        token = CSRF.search(page.text)
        if token is None:  # the form's page failed: a problem already
            return page
        return self.check(self.session.post(f"{self.base}{path}", timeout=60, allow_redirects=False,
                                            data={"csrfmiddlewaretoken": token.group(1), **data},
                                            headers={"Referer": page.url}), expected=(302,))

    def login(self, path: str) -> None:
        self.session = requests.Session()
        self.post(self.get(path), path, {"username": self.username, "password": PASSWORD})

    def round(self, n: int) -> None:
        if self.username == PARENT:
            self.login("/famiglia/accesso/")
            self.get("/famiglia/")
            self.post(self.get("/famiglia/messaggi/"), "/famiglia/messaggi/", {"text": f"Grazie, messaggio {n}."})
            return
        self.login("/account/accesso/")
        self.get("/")
        families = FAMILY.findall(self.get("/famiglie/").text)
        for pk in families[:2]:
            self.get(f"/famiglie/{pk}/")
        if self.username in WRITERS and families:  # no list when it failed (a problem already)
            self.post(self.get(f"/famiglie/{families[0]}/portale/"), f"/famiglie/{families[0]}/portale/messaggi/",
                      {"text": f"Messaggio {n} di {self.username}."})


def rounds(base: str, username: str) -> list[str]:
    user = User(base, username)
    for n in range(ROUNDS):
        user.round(n)
    return user.problems


def test_eight_parallel_users_writing_audit_rows_get_no_error(server):
    base, log = server
    users = [*WRITERS, *READERS, PARENT]
    with ThreadPoolExecutor(len(users)) as pool:
        problems = [p for found in pool.map(lambda u: rounds(base, u), users) for p in found]
    assert problems == [], (len(problems), log.read_text().count("database is locked"))
    assert "database is locked" not in log.read_text()


PRAGMAS = """
import django; django.setup()
from django.db import connection
with connection.cursor() as cursor:
    print([cursor.execute(f"PRAGMA {p}").fetchone()[0] for p in ("journal_mode", "synchronous", "busy_timeout")])
print(connection.transaction_mode)
"""


def test_the_embedded_default_runs_in_wal_with_immediate_transactions_and_checks_silently(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "DJANGO_SETTINGS_MODULE": "trama.settings"}
    env.pop("DEBUG", None)
    pragmas = subprocess.run([sys.executable, "-c", PRAGMAS], env=env, cwd=settings.BASE_DIR, capture_output=True,  # noqa: S603
                             text=True, check=True, timeout=120).stdout.split("\n")
    assert pragmas[0] == "['wal', 1, 20000]"  # synchronous 1 is NORMAL
    assert pragmas[1] == "IMMEDIATE"
    check = subprocess.run([sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "check"], env=env,  # noqa: S603
                           capture_output=True, text=True, check=True, timeout=120)
    assert "W040" not in check.stdout + check.stderr
    assert "System check identified no issues" in check.stdout
