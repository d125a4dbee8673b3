"""Entering and correcting the ambito's budget (RT and Ufficio di Piano)."""

from decimal import Decimal

import pytest

from interventions.models import Budget, BudgetLine
from interventions.testing import SEREGNO_LINES, seregno_budget


def seregno_post(world, **overrides):
    data = {"ambito": world.ambito.pk, "nome": "Co-progettazione 2023-2026", "data_inizio": "2023-06-01",
            "data_fine": "2026-05-31", "importo": "211500.00"}
    for ruolo, hours, rate in SEREGNO_LINES:
        data[f"ore_{ruolo}"], data[f"costo_{ruolo}"] = str(hours), rate
    data.update(overrides)
    return data


def test_the_amministrativo_enters_the_seregno_budget(world, login):
    client = login("amministrativo")
    response = client.post("/interventi/budget/nuovo/", seregno_post(world))
    assert response.status_code == 302
    budget = Budget.objects.get()
    lines = {line.ruolo: (line.ore_previste, line.costo_orario) for line in budget.righe.all()}
    assert lines == {r: (Decimal(h), Decimal(c)) for r, h, c in SEREGNO_LINES}
    assert sum(h * c for h, c in lines.values()) == budget.importo == Decimal("211500.00")
    page = client.get(response["Location"]).content.decode()
    assert "Co-progettazione 2023-2026" in page


@pytest.mark.parametrize(("overrides", "field", "message"), [
    ({"importo": "150000.00"}, "importo", "più dell'importo disponibile"),
    ({"data_fine": "2023-01-01"}, "data_fine", "dopo l'inizio"),
    ({"costo_psicologo": ""}, "ore_psicologo", "sia le ore sia il costo"),
    ({f"ore_{r}": "" for r, _, _ in SEREGNO_LINES} | {f"costo_{r}": "" for r, _, _ in SEREGNO_LINES},
     "ore_educatore", "almeno una figura"),
    ({"cup": "J39I2200034"}, "cup", "15 caratteri"),
    ({"cup": "J39I22000340006-X"}, "cup", "15 caratteri"),
    ({"cup": "J39I2200034000à"}, "cup", "15 caratteri"),
])
def test_bad_budgets_are_refused_and_nothing_is_saved(world, login, overrides, field, message):
    response = login("rt").post("/interventi/budget/nuovo/", seregno_post(world, **overrides))
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    assert not Budget.objects.exists() and not BudgetLine.objects.exists()


def test_overlapping_budgets_are_refused(world, login):
    seregno_budget(world.ambito)
    response = login("rt").post("/interventi/budget/nuovo/", seregno_post(world, data_inizio="2025-01-01",
                                                                         data_fine="2027-12-31"))
    assert "già un budget" in response.context["form"].errors["data_inizio"][0]
    assert Budget.objects.count() == 1


def test_correcting_a_budget_replaces_its_lines_and_a_stale_edit_is_refused(world, login):
    budget = seregno_budget(world.ambito)
    client = login("rt")
    data = seregno_post(world, version=budget.version, ore_mediatore_culturale="", costo_mediatore_culturale="",
                        ore_educatore="6050")
    assert client.post(f"/interventi/budget/{budget.pk}/modifica/", data).status_code == 302
    assert set(budget.righe.values_list("ruolo", flat=True)) == {"educatore", "psicologo", "pedagogista"}
    assert budget.righe.get(ruolo="educatore").ore_previste == Decimal("6050")
    stale = client.post(f"/interventi/budget/{budget.pk}/modifica/", data)
    assert stale.status_code == 409 and "Nel frattempo" in stale.content.decode()


def test_the_ets_coordinator_reads_but_does_not_edit(world, login):
    budget = seregno_budget(world.ambito)
    assert login("ets").get(f"/interventi/budget/{budget.pk}/modifica/").status_code == 403
    assert login("ets").post("/interventi/budget/nuovo/", seregno_post(world)).status_code == 403


def test_the_cup_is_kept_in_capitals_without_spaces_with_the_pnrr_measure(world, login):
    response = login("rt").post("/interventi/budget/nuovo/", seregno_post(world, cup=" j39i 2200 0340 006 "))
    assert response.status_code == 302
    budget = Budget.objects.get()
    assert budget.cup == "J39I22000340006" and budget.misura == "M5C2 – Investimento 1.1 – Sub-investimento 1.1.1"
