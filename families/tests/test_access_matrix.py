"""The role × URL matrix: every URL of the app, requested by every persona, for a family inside and
outside their scope. 404 outside the scope (existence never confirmed), 403 for an action the persona
may not take on a family it may see. A URL without rows here fails `test_every_url_is_in_the_matrix`.
"""

import importlib

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

from audit.models import AccessAlert
from core.testing import CHANGERS, CREATORS, PERSONAS, READERS, expect_for_family, expect_for_role
from families.models import Consent

CASE_STAFF = READERS | {"casemanager2", "educatore2", "tutor", "rt_altro"}

# url name → (method, path builder, expected status per persona for the in-scope object)
MATRIX = {
    # Family members have their own door: the dashboard sends them to the portal (/famiglia/).
    "dashboard": ("get", lambda w: "/", {p: 302 if p == "genitore" else 200 for p in PERSONAS}),
    "healthz": ("get", lambda w: "/healthz", {p: 200 for p in PERSONAS}),
    "login": ("get", lambda w: "/account/accesso/", {p: 200 for p in PERSONAS}),
    "logout": ("post", lambda w: "/account/uscita/", {p: 302 for p in PERSONAS}),
    "family_list": ("get", lambda w: "/famiglie/", expect_for_role(CASE_STAFF)),
    "family_create": ("get", lambda w: "/famiglie/nuova/", expect_for_role(CREATORS)),
    "family_person_row": ("get", lambda w: "/famiglie/nuova/riga-componente/?index=4", expect_for_role(CREATORS)),
    "family_detail": ("get", lambda w: f"/famiglie/{w.family.pk}/", expect_for_family(READERS)),
    "family_edit": ("get", lambda w: f"/famiglie/{w.family.pk}/modifica/", expect_for_family(CHANGERS)),
    "family_transition": ("get", lambda w: f"/famiglie/{w.family.pk}/percorso/", expect_for_family(CHANGERS)),
    "person_add": ("get", lambda w: f"/famiglie/{w.family.pk}/componenti/nuovo/", expect_for_family(CHANGERS)),
    "person_edit": ("get", lambda w: f"/famiglie/{w.family.pk}/componenti/{w.family.persone.first().pk}/modifica/",
                    expect_for_family(CHANGERS)),
    "consent_add": ("get", lambda w: f"/famiglie/{w.family.pk}/consensi/nuovo/", expect_for_family(CHANGERS)),
    "consent_revoke": ("post", lambda w: f"/famiglie/{w.family.pk}/consensi/{w.consent.pk}/revoca/",
                       expect_for_family(CHANGERS, ok=302)),
    "consent_document": ("get", lambda w: f"/famiglie/{w.family.pk}/consensi/{w.consent.pk}/documento/",
                         expect_for_family(READERS)),
    "duplicate_list": ("get", lambda w: "/famiglie/doppioni/",
                       expect_for_role({"casemanager", "casemanager2", "rt", "rt_altro"})),
    "duplicate_merge": ("get", lambda w: f"/famiglie/doppioni/{_pair(w)}/", expect_for_family(CHANGERS)),
    "duplicate_dismiss": ("post", lambda w: f"/famiglie/doppioni/{_pair(w)}/non-doppione/",
                          expect_for_family(CHANGERS, ok=302)),
    "audit_log": ("get", lambda w: "/registro-accessi/", expect_for_role({"rt", "rt_altro"})),
    "audit_alert_reviewed": ("post", lambda w: f"/registro-accessi/avvisi/{_alert(w).pk}/verificato/",
                             {p: 302 if p == "rt" else 404 for p in PERSONAS}),
    "cohort_list": ("get", lambda w: "/implementazioni/", expect_for_role(set(PERSONAS) - {"genitore", "volontario"})),
}


def all_url_names(resolver=None, namespace: str = "") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # Django admin: superusers only, tested in test_admin_is_for_superusers_only
            names |= all_url_names(pattern)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(pattern.name)
    return names


def _pair(world) -> str:
    """The two members of the family: the merge page compares any two persons one may merge."""
    first, second = world.family.persone.order_by("pk")[:2]
    return f"{first.pk}-{second.pk}"


def _alert(world):
    AccessAlert.objects.update(reviewed_at=None)
    return AccessAlert.objects.get_or_create(ambito=world.ambito, actor=world.educatore,
                                             defaults={"families": 50, "minutes": 10})[0]


def _rows_from_other_apps() -> dict:
    """Each app adds its own rows in <app>/tests/access_rows.py (ROWS, same shape as MATRIX)."""


    rows = {}
    for app in settings.INSTALLED_APPS:
        if "." in app or app == "families":
            continue
        try:
            module = importlib.import_module(f"{app}.tests.access_rows")
        except ModuleNotFoundError:
            continue
        rows.update(module.ROWS)
    return rows


MATRIX.update(_rows_from_other_apps())


def test_every_url_is_in_the_matrix():
    missing = all_url_names() - set(MATRIX)
    assert not missing, f"URLs without rows in the role × URL matrix: {sorted(missing)}"


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_role_url_matrix_inside_scope(world, login, name):
    method, build, expected = MATRIX[name]
    failures = []
    for persona in PERSONAS:
        client = login(persona)
        response = getattr(client, method)(build(world))
        if response.status_code != expected[persona]:
            failures.append(f"{persona}: {response.status_code} (expected {expected[persona]})")
    assert not failures, f"{name}: " + "; ".join(failures)


def _outside(world):
    """The same family URLs, pointed at a family of another ambito."""
    return type("W", (), {"family": world.other_ambito_family, "consent": world.consent})


FAMILY_URL_NAMES = ["family_detail", "family_edit", "family_transition", "person_add", "consent_add"]


@pytest.mark.parametrize("name", FAMILY_URL_NAMES)
def test_family_of_another_ambito_is_not_found_for_everyone(world, login, name):
    method, build, _ = MATRIX[name]
    path = build(_outside(world))
    for persona in PERSONAS:
        if persona == "rt_altro":
            continue  # it is their own ambito's family
        assert getattr(login(persona), method)(path).status_code == 404, persona


def test_other_equipe_family_is_not_found_for_educatore2_by_any_url(world, login):
    client = login("educatore")
    family = world.other_equipe_family
    person = family.persone.first()
    for path in (f"/famiglie/{family.pk}/", f"/famiglie/{family.pk}/modifica/", f"/famiglie/{family.pk}/percorso/",
                 f"/famiglie/{family.pk}/componenti/nuovo/", f"/famiglie/{family.pk}/componenti/{person.pk}/modifica/",
                 f"/famiglie/{family.pk}/consensi/nuovo/"):
        assert client.get(path).status_code == 404, path


def test_person_of_another_family_is_not_found_through_my_family(world, login):
    stranger = world.other_ambito_family.persone.first()
    response = login("casemanager").get(f"/famiglie/{world.family.pk}/componenti/{stranger.pk}/modifica/")
    assert response.status_code == 404


def test_consent_of_another_family_is_not_found_through_my_family(world, login):
    foreign = Consent.objects.create(family=world.other_ambito_family, person=world.other_ambito_family.persone.first(),
                                     finalita=Consent.Finalita.TRATTAMENTO, data=world.consent.data,
                                     documento="consensi/prova.pdf")
    client = login("casemanager")
    assert client.get(f"/famiglie/{world.family.pk}/consensi/{foreign.pk}/documento/").status_code == 404
    assert client.post(f"/famiglie/{world.family.pk}/consensi/{foreign.pk}/revoca/").status_code == 404


def test_tutor_sees_the_family_they_registered(world, login):
    client = login("tutor")
    assert client.get(f"/famiglie/{world.tutor_family.pk}/").status_code == 200
    assert client.get(f"/famiglie/{world.tutor_family.pk}/modifica/").status_code == 200


# Pages for people without an account: the health check, the login, the anonymous questionnaires.
PUBLIC = {"healthz", "login", "logout", "survey_public", "portal_login", "portal_logout", "portal_language",
          "portal_invitation"}

# The password reset is for people who cannot log in.
PUBLIC |= {"password_reset", "password_reset_done", "password_reset_confirm", "password_reset_complete"}
# An operator's iCalendar feed: the secret token in its URL is the key (interventions).
PUBLIC |= {"interventions_ical"}

def test_anonymous_visitors_are_sent_to_login(world, client):
    for name, (method, build, _) in MATRIX.items():
        if name in PUBLIC:
            continue
        response = getattr(client, method)(build(world))
        if name.startswith("api_"):
            # The API answers in JSON: 401 without credentials (its OpenAPI document and its page are public).
            public = name in {"api_openapi", "api_openapi_yaml", "api_docs"}
            assert response.status_code == (200 if public else 401), name
            continue
        # The family portal has its own login page, in the member's language.
        login_page = "/famiglia/accesso/" if build(world).startswith("/famiglia/") else "/account/accesso/"
        assert response.status_code == 302 and login_page in response["Location"], name


def test_admin_is_for_superusers_only(world, login):
    response = login("rt").get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model._base_manager.count() for model in apps.get_models()
            if model._meta.app_label not in {"sessions", "axes", "contenttypes", "auth", "admin"}}


def test_posts_from_those_whose_get_is_refused_are_refused_too_and_change_nothing(world, login):
    """The matrix's rows, as POSTs: for every URL and every persona whose GET is refused, an empty POST is
    refused too — 404 where the GET was 404 (outside the scope), 403 or 404 where it was 403 (a role that
    may not act), 405 where the URL takes no POST — and not one row of the database changes. A view that
    reads a family with a plain `Family.objects.get` instead of the scoped getter fails here."""
    rows = [(name, build(world), expected) for name, (_method, build, expected) in sorted(MATRIX.items())]
    family_urls = [path for _name, path, _expected in rows if path.startswith(f"/famiglie/{world.family.pk}/")]
    assert len(family_urls) > 40  # every app's family pages are here, not just the family's own
    clients = {persona: login(persona) for persona in PERSONAS}
    before = _row_counts()
    failures, requests = [], 0
    for name, path, expected in rows:
        for persona, status in expected.items():
            if status not in (403, 404):
                continue
            requests += 1
            got = clients[persona].post(path).status_code
            if got not in ({404, 405} if status == 404 else {403, 404, 405}):
                failures.append(f"{name} as {persona}: {got} (GET {status})")
    assert not failures, "; ".join(failures)
    assert requests > 1000
    assert _row_counts() == before
