"""The family's PDF of the plan prints the family's version (Arabic too, in a font that has its letters) and the
Italian beside it; a translation «da rivedere» is not printed."""

import io
import unicodedata

from pypdf import PdfReader

from plans import services

ARABIC_GOAL = "يذهب لوكا إلى المدرسة كل يوم"
ARABIC_ACTION = "زيارة منزلية كل أسبوع"


def _pdf(login, world):
    response = login("casemanager").get(f"/famiglie/{world.family.pk}/progetto/pdf/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content))


def _text(reader) -> str:
    # Extracted Arabic may come out in presentation forms (the shaped letters): NFKC gives back the plain ones.
    raw = " ".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(unicodedata.normalize("NFKC", raw).split())


def _fonts(reader) -> set[str]:
    names = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def _translate(world, plan):
    goal = plan.risultati.order_by("pk").first()
    services.translation_save(item=goal, lingua="ar", testo=ARABIC_GOAL, by=world.casemanager)
    services.translation_save(item=goal.azioni.order_by("pk").first(), lingua="ar", testo=ARABIC_ACTION,
                              by=world.casemanager)
    return goal


def _has_words(text: str, arabic: str) -> bool:
    # The extraction may give the words of a right-to-left line in either order; each word must be there.
    return all(word in text or word[::-1] in text for word in arabic.split())


def test_the_pdf_prints_the_familys_arabic_version_and_the_italian(world, login, agreed):
    _translate(world, agreed)
    reader = _pdf(login, world)
    text = _text(reader)
    assert _has_words(text, ARABIC_GOAL) and _has_words(text, ARABIC_ACTION)
    assert "In italiano: Risultato atteso numero 1" in text and "Visita domiciliare settimanale 1" in text
    # Debian's fonts-dejavu-core has the Arabic letters; without a font that has them they would print as boxes.
    assert any("DejaVu-Sans" in name for name in _fonts(reader))


def test_a_translation_da_rivedere_is_not_printed(world, login, plan):
    goal = _translate(world, plan)
    plan.refresh_from_db()
    services.risultato_update(risultato=goal, by=world.casemanager, version=plan.version,
                              sottodimensione=goal.sottodimensione, descrizione="Un risultato cambiato",
                              analisi="", data_prevista=None)
    text = _text(_pdf(login, world))
    assert not _has_words(text, ARABIC_GOAL) and "Un risultato cambiato" in text
    assert _has_words(text, ARABIC_ACTION)  # the action did not change


CHINESE_GOAL = "卢卡每天去上学"


def test_the_pdf_prints_a_chinese_version_in_a_font_that_has_its_characters(world, login, agreed):
    """Without a CJK font the characters would print as empty boxes: .ci/run installs Debian's
    fonts-wqy-microhei, and the deployment guide asks for it."""
    goal = agreed.risultati.order_by("pk").first()
    services.translation_save(item=goal, lingua="zh-hans", testo=CHINESE_GOAL, by=world.casemanager)
    reader = _pdf(login, world)
    assert CHINESE_GOAL in _text(reader).replace(" ", "")
    assert any("WenQuanYi" in name for name in _fonts(reader)), _fonts(reader)
