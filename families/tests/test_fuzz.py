"""Property-based fuzzing of the families' forms: whatever is posted, no server error, nothing half-saved,
and nothing of another scope in the answer."""

import uuid

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from families.models import Family, Person

text = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)
maybe_date = st.one_of(st.just(""), text, st.dates().map(str))
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(nome=text, comune=st.one_of(text, st.integers(-5, 10**6).map(str)), cognome=text, nome_p=text,
       sesso=st.sampled_from(["", "F", "M", "X"]), ruolo=st.sampled_from(["", "madre", "minore", "zzz"]),
       nascita=maybe_date, cf=st.one_of(text, st.from_regex(r"[A-Z]{6}[0-9]{2}[A-Z][0-9]{2}[A-Z][0-9]{3}[A-Z]", fullmatch=True)),
       target=st.booleans(), total=st.sampled_from(["1", "2", "0", "-1", "x", "1000"]))
def test_family_create_never_fails_and_never_half_saves(world, login, nome, comune, cognome, nome_p, sesso, ruolo,
                                                        nascita, cf, target, total):
    client = login("casemanager")
    families, people = Family.objects.count(), Person.objects.count()
    data = {"form_token": str(uuid.uuid4()), "nome": nome, "comune": comune, "persone-TOTAL_FORMS": total,
            "persone-INITIAL_FORMS": "0", "persone-0-cognome": cognome, "persone-0-nome": nome_p,
            "persone-0-sesso": sesso, "persone-0-ruolo": ruolo, "persone-0-data_nascita": nascita,
            "persone-0-codice_fiscale": cf}
    if target:
        data["persone-0-target"] = "on"
    response = client.post("/famiglie/nuova/", data)
    assert response.status_code in (200, 302)
    html = response.content.decode()
    assert "Famiglia Gialli" not in html and "Verdi" not in html  # other scopes never leak
    if response.status_code == 200:
        assert (Family.objects.count(), Person.objects.count()) == (families, people)
    else:
        assert Family.objects.count() == families + 1 and Person.objects.count() >= people + 1


@FUZZ
@given(family_id=st.integers(min_value=-10, max_value=10**9), q=text, stato=text, pagina=text)
def test_lists_and_pages_answer_without_errors_for_any_id_or_filter(world, login, family_id, q, stato, pagina):
    client = login("educatore2")
    assert client.get("/famiglie/", {"q": q, "stato": stato, "pagina": pagina}).status_code == 200
    if family_id > 0:
        status = client.get(f"/famiglie/{family_id}/").status_code
        visible = Family.objects.filter(pk=family_id, equipe=world.other_equipe).exists()
        assert status == (200 if visible else 404)
