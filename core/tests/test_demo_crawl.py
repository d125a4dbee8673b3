"""The demo as `make run` builds it (migrate, then `seed_demo --if-empty`), crawled as every demo persona.

Every page a persona can reach by following links and htmx partials (hx-get), GET only, same site, must answer
below 500. The crawl is bounded: at most PER_NAME URLs per resolved URL name (the families' pages are the same
view for ten families), so it visits every kind of page once or a few times and stays well under two minutes.
Runs on the database of DATABASE_URL (SQLite by default, PostgreSQL in CI's second pass).
"""

import re
from collections import Counter, deque
from html import unescape
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, resolve

from accounts.models import User
from core.demo import DEMO_USERS, MELZO, MELZO_USERS

PER_NAME = 2
# Leaving the session, the Django admin (the superuser's, not a persona's) and static files are not pages.
SKIP_NAMES = {"logout", "logout_everywhere", "portal_logout"}
SKIP_PREFIXES = ("/static/", "/media/", "/admin/")
LINK = re.compile(r"""(?:href|hx-get)\s*=\s*["']([^"']+)["']""")
# At least this many distinct pages per persona: the crawl really went through the application.
MIN_PAGES = {"genitore": 5, "volontario": 5, "genitore.melzo": 5}
# Every persona of the first ambito; the second ambito's RT, a case manager and its parent.
PERSONAS = [*DEMO_USERS, *(u + MELZO.suffix for u in ("rt", "casemanager", "genitore"))]
assert set(PERSONAS) - set(DEMO_USERS) <= {u + MELZO.suffix for u in MELZO_USERS}
MIN_PAGES_STAFF = 15


def links_of(body: str) -> list[str]:
    found = []
    for raw in LINK.findall(body):
        url = urldefrag(unescape(raw))[0]
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not url.startswith("/") or url.startswith("//"):
            continue  # another site, mailto:, tel:, a relative anchor
        if url.startswith(SKIP_PREFIXES):
            continue
        found.append(url)
    return found


def crawl(client: Client, start: str) -> tuple[set[str], list[str]]:
    seen: set[str] = {start}
    per_name: Counter = Counter()
    queue = deque([start])
    visited: set[str] = set()
    errors: list[str] = []
    while queue:
        url = queue.popleft()
        try:
            match = resolve(urlsplit(url).path)
        except Resolver404:
            continue
        if match.url_name in SKIP_NAMES:
            continue
        key = (match.route, bool(urlsplit(url).query))
        if per_name[key] >= PER_NAME:
            continue
        per_name[key] += 1
        try:
            response = client.get(url, headers={"HX-Request": "true"} if "hx" in url else {})
        except Exception as exc:  # noqa: BLE001 - a crash is what the crawl reports
            errors.append(f"{url}: {type(exc).__name__}: {exc}")
            continue
        visited.add(url)
        if response.status_code >= 500:
            errors.append(f"{url}: {response.status_code}")
            continue
        if response.status_code in (301, 302, 303, 307, 308):
            target = response["Location"]
            if target.startswith("/") and target not in seen:
                seen.add(target)
                queue.append(target)
            continue
        if "text/html" not in response.get("Content-Type", "") or response.streaming:
            continue
        for link in links_of(response.content.decode()):
            if link not in seen:
                seen.add(link)
                queue.append(link)
    return visited, errors


@pytest.fixture
def demo(db):
    # `make run`: the migrations ran when the test database was built; then the same command and flag.
    call_command("seed_demo", if_empty=True, verbosity=0)


def test_every_page_of_the_demo_answers_below_500_for_every_persona(demo):
    report = {}
    failures = []
    for username in PERSONAS:
        client = Client()
        client.force_login(User.objects.get(username=username))
        visited, errors = crawl(client, "/famiglia/" if username.startswith("genitore") else "/")
        report[username] = len(visited)
        failures += [f"{username} {e}" for e in errors]
    assert failures == []
    for username, pages in report.items():
        assert pages >= MIN_PAGES.get(username, MIN_PAGES_STAFF), report
