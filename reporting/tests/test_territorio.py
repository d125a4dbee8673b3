"""Territorial context: entry, CSV import (all or nothing), rates per 1,000 minors, caseload over time."""

from django.core.files.uploadedfile import SimpleUploadedFile

from families.models import Family, Stato
from reporting.models import CaricoServizi, DatoComune


def test_the_rate_per_thousand_minors_comes_from_the_entered_figures(world, login):
    Family.objects.filter(pk=world.family.pk).update(stato=Stato.IN_CORSO)
    client = login("amministrativo")
    assert client.post("/indicatori/territorio/", {"azione": "dato", "comune": world.comune.pk, "anno": "2021",
                                                   "popolazione": "43.000", "minori": "7300"}).status_code == 302
    row = next(r for r in client.get("/indicatori/territorio/").context["rows"] if r.comune == world.comune.nome)
    assert (row.popolazione, row.minori, row.famiglie, row.bambini) == (43000, 7300, 1, 1)
    assert row.per_mille == round(1 / 7300 * 1000, 2) and row.quota_minori == round(7300 / 43000 * 100, 2)


def test_minors_cannot_exceed_residents(world, login):
    response = login("rt").post("/indicatori/territorio/", {"azione": "dato", "comune": world.comune.pk,
                                                            "anno": "2021", "popolazione": "100", "minori": "200"})
    assert response.status_code == 400 and "non possono essere più dei residenti" in response.content.decode()
    assert not DatoComune.objects.exists()


def test_the_csv_import_is_all_or_nothing_with_line_errors(world, login):
    client = login("rt")
    bad = "comune;anno;popolazione;minori\nSeregno;2021;45131;7400\nAtlantide;2021;10;1\n"
    response = client.post("/indicatori/territorio/", {"azione": "csv", "file": SimpleUploadedFile(
        "d.csv", bad.encode(), content_type="text/csv")})
    assert response.status_code == 400 and "Riga 3" in response.content.decode()
    assert not DatoComune.objects.exists()
    good = "comune,anno,popolazione,minori\nComune di Seregno,2021,45131,7400\n"
    assert client.post("/indicatori/territorio/", {"azione": "csv", "file": SimpleUploadedFile(
        "d.csv", good.encode(), content_type="text/csv")}).status_code == 302
    assert DatoComune.objects.get().minori == 7400


def test_the_caseload_is_tracked_by_year_and_only_editors_write(world, login):
    client = login("rt")
    for anno, numero in (("2021", "668"), ("2026", "610")):
        client.post("/indicatori/territorio/", {"azione": "carico", "voce": "progetti", "anno": anno,
                                                "numero": numero})
    page = client.get("/indicatori/territorio/")
    assert page.context["years"] == [2026, 2021]
    assert page.context["caseload"][0]["valori"] == [610, 668]
    assert login("coach").post("/indicatori/territorio/", {"azione": "carico", "voce": "progetti", "anno": "2021",
                                                           "numero": "1"}).status_code == 403
    assert CaricoServizi.objects.count() == 2
