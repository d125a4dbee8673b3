"""Every main page runs the same number of SQL queries with little and with more data (issue 10).

The same regional seed at two sizes: the first families of an ambito are the same in both (the
generator is deterministic and the ambito's families come in order), so each page is asked for the
same family, the same operator, the same filters; only the amount of data around them changes.
"""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from families.models import Family, Stato
from organisation.models import Equipe

ANCHOR = date(2026, 11, 22)
SMALL, LARGE = 70, 300  # families (10 of them the Seregno demo's)


def pages() -> dict[str, tuple[str, str]]:
    """name → (username, url), for the data currently in the database."""
    equipe = Equipe.objects.get(ambito__codice="LOM01", nome__startswith="Équipe 01")
    lom01 = Family.objects.filter(ambito__codice="LOM01").select_related("equipe__case_manager").order_by("codice")
    family = lom01.filter(stato__in=[Stato.IN_CORSO, Stato.T1, Stato.T2]).first()
    closed = lom01.filter(stato=Stato.CHIUSA).first()
    cm, closed_cm = family.equipe.case_manager.username, closed.equipe.case_manager.username
    week = f"data={ANCHOR - timedelta(days=7):%Y-%m-%d}"
    return {
        "dashboard (case manager)": ("lom01-cm01", "/"),
        "dashboard (RT)": ("lom01-rt", "/"),
        "dashboard (educator)": ("lom01-ed01", "/"),
        "dashboard (coach)": ("lom01-coach", "/"),
        "family list, search + filters": ("lom01-cm01", f"/famiglie/?q=famiglia&stato=chiusa&equipe={equipe.pk}"),
        "family list (RT), page 2": ("lom01-rt", "/famiglie/?pagina=2"),
        "possible duplicates (RT)": ("lom01-rt", "/famiglie/doppioni/"),
        "possible duplicates (case manager)": ("lom01-cm01", "/famiglie/doppioni/"),
        "family page": (cm, f"/famiglie/{family.pk}/"),
        "closed family page": (closed_cm, f"/famiglie/{closed.pk}/"),
        "plan": (cm, f"/famiglie/{family.pk}/progetto/"),
        "closed family's plan": (closed_cm, f"/famiglie/{closed.pk}/progetto/"),
        "family visits": (cm, f"/famiglie/{family.pk}/interventi/"),
        "budget": ("lom01-rt", "/interventi/budget/"),
        "calendar (week)": ("lom01-ed01", f"/interventi/calendario/?{week}"),
        "calendar (month)": ("lom01-ed01", f"/interventi/calendario/?vista=mese&{week}"),
        "my week": ("lom01-ed01", "/interventi/"),
        "API family list": ("lom01-cm01", "/api/v1/families/?q=famiglia"),
        "API family list (RT), page 2": ("lom01-rt", "/api/v1/families/?page=2"),
        "indicators (RT)": ("lom01-rt", "/indicatori/"),
        "semi-annual report (RT)": ("lom01-rt", f"/indicatori/rendicontazione/?ambito={equipe.ambito_id}"
                                                "&dal=2026-01-01&al=2026-06-30"),
        "semi-annual report of every ambito (region's officer: the form)": (
            "regione", "/indicatori/rendicontazione/?ambito=&dal=2026-01-01&al=2026-06-30"),
    }


def count_queries(families: int) -> dict[str, int]:
    counts = {}
    with transaction.atomic():
        call_command("seed_demo", families=families, seed=11, anchor=ANCHOR, region=True)
        clients: dict[str, Client] = {}
        for name, (username, url) in pages().items():
            if username not in clients:
                clients[username] = Client()
                clients[username].force_login(User.objects.get(username=username))
            client = clients[username]
            assert client.get(url).status_code == 200, (name, url)  # warms the per-process caches
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            assert response.status_code == 200, (name, url)
            counts[name] = len(queries)
        transaction.set_rollback(True)
    return counts


@pytest.mark.django_db
def test_page_query_counts_do_not_grow_with_the_data():
    small = count_queries(SMALL)
    large = count_queries(LARGE)
    assert small == large
