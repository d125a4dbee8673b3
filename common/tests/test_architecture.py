"""Rules about the code itself that no linter knows: where personal data may be queried, where roles are tested.

Views are glue (CONTRIBUTING.md): they read through the scoped selectors and ask the policies who may act.
These tests read every view module as text (ast) and fail on the patterns that bypass them.
"""

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

from families.models import Family, Person

ROOT = Path(settings.BASE_DIR)
PROJECT_APPS = [config for config in apps.get_app_configs() if Path(config.path).is_relative_to(ROOT)
                and ".venv" not in Path(config.path).parts]


def view_modules() -> list[Path]:
    """Every module that answers requests: views.py, *_views.py, views/ packages, and the API's modules."""
    found = []
    for config in PROJECT_APPS:
        base = Path(config.path)
        for path in base.rglob("*.py"):
            rel = path.relative_to(base)
            if "tests" in rel.parts or "migrations" in rel.parts:
                continue
            if (path.name == "views.py" or path.name.endswith("_views.py") or "views" in rel.parts[:-1]
                    or config.name == "api"):
                found.append(path)
    return sorted(found)


def personal_data_models() -> set[str]:
    """Family, Person and every model that points at one of them: a family's records."""
    names = set()
    for model in apps.get_models():
        if not Path(apps.get_app_config(model._meta.app_label).path).is_relative_to(ROOT):
            continue
        related = {f.related_model for f in model._meta.fields if f.is_relation}
        if model in (Family, Person) or related & {Family, Person}:
            names.add(model.__name__)
    return names


def test_there_are_view_modules_and_personal_data_models_to_check():
    modules = {p.relative_to(ROOT).as_posix() for p in view_modules()}
    assert {"families/views.py", "core/views.py", "reporting/views.py"} <= modules
    assert {"Family", "Person", "Consent", "Intervento", "ProgettoQuadro"} <= personal_data_models()


@pytest.mark.parametrize("path", view_modules(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_views_query_personal_data_only_through_selectors(path):
    """`Family.objects…` in a view skips the user's scope: read through the app's selectors instead."""
    models = personal_data_models()
    tree = ast.parse(path.read_text())
    offending = [f"line {node.lineno}: {node.value.id}.objects" for node in ast.walk(tree)
                 if isinstance(node, ast.Attribute) and node.attr in {"objects", "_default_manager"}
                 and isinstance(node.value, ast.Name) and node.value.id in models]
    assert offending == [], offending


ROLE_TESTS = {"has_role", "roles", "rt_ambiti", "Role"}


@pytest.mark.parametrize("path", view_modules(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_views_ask_the_policies_instead_of_testing_roles(path):
    """Who may do what lives in each app's policies.py; a view that tests a role inline hides a rule."""
    tree = ast.parse(path.read_text())
    offending = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ROLE_TESTS:
            offending.append(f"line {node.lineno}: .{node.attr}")
        elif isinstance(node, ast.Name) and node.id == "Role":
            offending.append(f"line {node.lineno}: Role")
    assert offending == [], offending


def dashboard_modules() -> list[Path]:
    """The apps' dashboard sections (`<app>/dashboard.py` registering with common.dashboard)."""
    return sorted(path for config in PROJECT_APPS for path in [Path(config.path) / "dashboard.py"]
                  if path.exists() and "register_section(" in path.read_text())


def test_there_are_dashboard_sections_to_check():
    names = {p.parent.name for p in dashboard_modules()}
    assert {"families", "plans", "assessments", "interventions", "scuola", "network", "core"} <= names


@pytest.mark.parametrize("path", dashboard_modules(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_dashboard_sections_ask_the_policies_who_sees_them(path):
    """Which role sees a section of the dashboard is a rule: it lives in the app's policies.py
    (`can_follow_path_steps(user)`), not in the section's context function (no get_scope, no role test)."""
    tree = ast.parse(path.read_text())
    offending = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ROLE_TESTS | {"is_staff_of_cases", "aggregate_ambiti"}:
            offending.append(f"line {node.lineno}: .{node.attr}")
        elif isinstance(node, ast.Name) and node.id in {"Role", "get_scope"}:
            offending.append(f"line {node.lineno}: {node.id}")
    assert offending == [], offending
