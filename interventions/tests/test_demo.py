import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Sum
from django.test import Client

from accounts.models import User
from interventions.models import Budget, Incontro, Intervento, Presenza
from interventions.selectors import overlapping_visit, path_window


def _snapshot():
    return (sorted(Intervento.objects.values_list("family__codice", "operatore__username", "data", "ora_inizio",
                                                  "durata_minuti")),
            sorted(Presenza.objects.values_list("incontro__numero", "iscrizione__persona__nome")))


@pytest.mark.django_db
def test_demo_interventions_are_plausible_and_deterministic():
    with transaction.atomic():
        call_command("seed_demo", families=12, seed=5, anchor=date(2026, 11, 22))
        first = _snapshot()
        transaction.set_rollback(True)
    call_command("seed_demo", families=12, seed=5, anchor=date(2026, 11, 22))
    assert _snapshot() == first and first[0] and first[1]
    for visit in Intervento.objects.select_related("family"):
        start, end = path_window(visit.family)
        assert start <= visit.data <= date(2026, 11, 22) and (end is None or visit.data <= end)
        assert overlapping_visit(operatore=visit.operatore, data=visit.data, ora_inizio=visit.ora_inizio,
                                 ora_fine=visit.ora_fine, exclude_pk=visit.pk) is None
    budget = Budget.objects.get()
    assert budget.importo == Decimal("211500.00")
    assert {(r.ruolo, int(r.ore_previste)) for r in budget.righe.all()} == {
        ("educatore", 6000), ("psicologo", 1400), ("pedagogista", 900), ("mediatore_culturale", 100)}
    assert Incontro.objects.filter(svolto=True).exists()


@pytest.mark.django_db
def test_demo_budget_export_matches_the_raw_records():
    call_command("seed_demo", families=10, seed=7, anchor=date(2026, 11, 22))
    budget = Budget.objects.get()
    client = Client()
    client.force_login(User.objects.get(username="amministrativo"))
    response = client.get("/interventi/budget/export.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    total = list(book["Per ruolo"].iter_rows(values_only=True))[-1]
    minutes = Intervento.objects.filter(data__range=(budget.data_inizio, budget.data_fine)).aggregate(
        m=Sum("durata_minuti"))["m"]
    for meeting in Incontro.objects.filter(svolto=True, data__range=(budget.data_inizio, budget.data_fine)):
        minutes += meeting.durata_minuti * meeting.gruppo.conduzione.count()
    assert Decimal(str(total[4])) == Decimal(minutes) / 60
