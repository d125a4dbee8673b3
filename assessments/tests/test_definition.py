import pytest

from assessments.definition import DefinitionError, clean_answer, parse, parse_toml, shipped_definitions


def test_the_shipped_instruments_are_valid_and_mdb_has_its_three_sides():
    definitions = {d.code: d for d in shipped_definitions()}
    mdb = definitions["mondo_del_bambino"]
    assert [s.code for s in mdb.sections] == ["bambino", "risposte", "ambiente"]
    assert len(mdb.items) == 17 and all(i.type == "scale" and i.min == 1 and i.max == 6 for i in mdb.items)
    assert mdb.items[0].labels[1] == "Grave problema"
    assert definitions["preassessment"].item("esito").required


def minimal(**item) -> dict:
    return {"code": "q", "version": 1, "title": "Q", "sections": [
        {"code": "s", "title": "S", "items": [{"code": "a", "label": "A", "type": "text", **item}]}]}


@pytest.mark.parametrize("raw,message", [
    ({"version": 1, "title": "x", "sections": []}, "Manca «code»"),
    (minimal(type="slider"), "Tipo di domanda sconosciuto"),
    (minimal(type="single"), "non ha opzioni"),
    (minimal(type="scale", min=5, max=2), "scala"),
    ({**minimal(), "version": 0}, "versione"),
])
def test_a_broken_definition_is_refused_with_a_reason(raw, message):
    with pytest.raises(DefinitionError) as error:
        parse(raw)
    assert message in str(error.value)


def test_repeated_item_codes_are_refused():
    raw = minimal()
    raw["sections"][0]["items"].append({"code": "a", "label": "B", "type": "text"})
    with pytest.raises(DefinitionError, match="ripetuto"):
        parse(raw)


def test_invalid_toml_is_explained():
    with pytest.raises(DefinitionError, match="TOML"):
        parse_toml("code = [unterminated")


@pytest.mark.parametrize("value,error", [("0", "tra 1 e 6"), ("7", "tra 1 e 6"), ("x", "punteggio"), ("4", None)])
def test_scale_answers_must_be_on_the_scale(value, error):
    item = {d.code: d for d in shipped_definitions()}["mondo_del_bambino"].items[0]
    _stored, message = clean_answer(item, value)
    assert (message is None) if error is None else (error in message)
