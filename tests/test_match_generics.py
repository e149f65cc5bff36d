"""The generic words of Arabic place names and the Arabic article before a name
(bot/matching/arabic_places.py), each with the pairs it was made for: the spellings of the
BGN/PCGN romanization of Arabic, the glossaries of generic terms (US Board on Geographic
Names, UNGEGN), the English press and French usage in the Maghreb; must-not rows for two
places that share a generic word, for the generic word alone and for English and French
words the rule must leave alone. Each row is tried with match_query and with the index."""

from __future__ import annotations

import pytest

from bot.matching.arabic_places import ARTICLES, arabic_article, generic_forms
from bot.matching.document import prepare
from bot.matching.plan import match_query
from bot.matching.query import parse_query
from bot.models import Article
from tests.index_agreement import assert_row

ROWS = [
    # A name whose first word is a generic word finds it in its other spellings, the
    # rest of the name as typed: tall (tell, tel, tal), dayr (deir, dair), bayt (beit,
    # beth), kafr (kfar, kefar, kufr), ʿayn (ain, ein), jabal (jebel, djebel, jbel, gebel),
    # umm (um, oum), wādī (oued), shaykh (sheikh, shaikh, cheikh), qaṣr (ksar, kasr, gasr),
    # biʾr (beer), khirbat (khirbet), qalʿat (qalaat, kalaat), marj (merj) …
    ("generic word", "Tal Abyad", "Fighting near Tell Abyad went on.", True),
    ("generic word", "Tell Abyad", "Fighting near Tall Abyad went on.", True),
    ("generic word", '"Tal Afar"', "Troops entered Tel Afar.", True),  # a phrase too
    ("generic word", "Kafr Kanna", "Police in Kfar Kanna said.", True),
    ("generic word", "Beit Hanoun", "Strikes hit Bayt Hanoun overnight.", True),
    ("generic word", "Jebel Marra", "Fighting in Jabal Marra.", True),
    ("generic word", "Wadi Zem", "Police in Oued Zem said.", True),
    ("generic word", "Umm Qasr", "The port of Um Qasr reopened.", True),
    ("generic word", "Ksar el-Kebir", "Floods in Qasr el-Kebir.", True),
    ("generic word", "Ra's Lanuf", "The port of Ras Lanuf.", True),  # ra's: folded ra
    ("generic word", "Bir Zeit", "Students at Birzeit said.", True),  # the name as one word
    # banī (beni), burj (bordj, bourj), sūq (souk, souq), awlād (ouled), manzil (menzel).
    ("generic word", "Bani Walid", "Fighting in Beni Walid.", True),
    ("generic word", "Burj el-Barajneh", "A strike on Bourj el-Barajneh.", True),
    ("generic word", "Suq al-Shuyukh", "Protests in Souk al-Shuyukh.", True),
    ("generic word", "Menzel Bourguiba", "The port of Manzil Bourguiba.", True),
    ("generic word", "Bani Walid", "Rain in Beni Mellal.", False),
    # An article in the name: al, el, or the sun letter's a- or e-form, or none; a
    # generic word after it in its spellings too (Ras al-Ain: ʿayn).
    ("generic word", "Deir ez-Zor", "Clashes in Dayr al-Zor province.", True),
    ("generic word", "Deir ez-Zor", "Clashes in Deir Zor.", True),
    ("generic word", "Tal es-Sultan", "Tanks reached Tal al-Sultan.", True),
    ("generic word", "Ras al-Ain", "The town of Ras al-Ayn.", True),
    ("generic word", "Ras al-Ain", "The town of Ras el-Ein.", True),
    ("generic word", "Tel al-Hawa", "Residents of Tal al-Hawa fled.", True),
    # The article put in after the generic word (the press leaves it out or writes it).
    ("generic word", "Tel Rumeida", "Settlers in Tell er-Rumeida.", True),
    ("generic word", "Jabal Akhdar", "Rain on Jebel al-Akhdar.", True),
    ("generic word", "Tal Abyad", "Fighting near Tell al-Afar went on.", False),
    # Two places that share a generic word stay apart; the rest is never respelled.
    ("generic word", "Tal Afar", "Fighting near Tell Abyad went on.", False),
    ("generic word", "Beit Lahia", "Strikes hit Bayt Hanun overnight.", False),
    ("generic word", "Kafr Kanna", "Police in Kafr Qasim said.", False),
    ("generic word", "Ras al-Ain", "The town of Ras al-Amud.", False),
    # The article found only where it capitalises the generic word and the name: to
    # tell Afar elders is no Tal Afar, "um Qasr" no Umm Qasr.
    ("generic word", "Tal Afar", "He will tell Afar elders.", False),
    ("generic word", "Umm Qasr", "The um Qasr port, he said.", False),
    ("generic word", "Tal Afar", "He will tell afar elders.", False),
    # Never the generic word alone (Tell is an English verb, Bab and Khan are names),
    # nor a name typed in lower case or whose generic word is in capitals.
    ("generic word", "Tell", "Tal is a hill.", False),
    ("generic word", "Tal", "Tell them.", False),
    ("generic word", "Beer", "Bir is a well.", False),
    ("generic word", "tal abyad", "Fighting near Tell Abyad went on.", False),
    ("generic word", "Tell me", "Tal me more.", False),
    # The article before a name: every sun letter with a or e (ez-Zor, en-Naqoura,
    # esh-Sheikh, et-Tal, er-Rumeida) finds the name alone and the other forms.
    ("arabic article", "ez-Zor", "Raids on al-Zor.", True),
    ("arabic article", "ez-Zor", "Raids on el-Zor.", True),
    ("arabic article", "Deir ez-Zor", "Clashes in Deir al-Zor.", True),
    ("arabic article", "er-Rumeida", "Settlers in Tel Rumeida.", True),
    ("arabic article", "en-Naqoura", "UNIFIL in Naqoura said.", True),
    ("arabic article", "esh-Sheikh", "The Sharm al-Sheikh summit.", True),
    # Not a u-form but ul; not French and Latin words typed as words of their own or
    # before a lower-case word.
    ("arabic article", "un-American", "An American said.", False),
    ("arabic article", "En Marche", "Elections in Marche, Italy.", False),
    ("arabic article", "en-route", "The route was closed.", False),
    ("arabic article", "Moët et Chandon", "Moët and Chandon said.", False),
]


@pytest.mark.parametrize(("rule", "query", "text", "expected"), ROWS)
def test_generic_rows(rule: str, query: str, text: str, expected: bool) -> None:
    assert_row(query, text, expected, rule)


def test_explained_as_a_spelling() -> None:
    doc = prepare(Article(id="a", url="u", title="", text="Fighting near Tell Abyad."))
    found = match_query(parse_query("Tal Abyad"), doc)
    assert found is not None
    assert "Tal Abyad ≈ Tell Abyad" in [t.label for t in found]


def test_articles_are_the_sun_letters_with_a_or_e() -> None:
    sun = ("t", "th", "d", "dh", "r", "z", "s", "sh", "l", "n")
    assert {v + s for v in "ae" for s in sun} | {"ul"} == ARTICLES
    assert arabic_article(("en", "route"), capital=False) is None
    assert arabic_article(("en", "naqoura")) == "naqoura"


def test_generic_forms_only_for_a_generic_first_word() -> None:
    forms = generic_forms(("tal", "abyad"), ["Tal", "Abyad"])
    assert ("tell", "abyad") in forms
    assert ("tall", "al", "abyad") in forms
    assert ("tal", "abyad") not in forms  # (the name as typed: the query's own form)
    assert generic_forms(("khan", "yunis"), ["Khan", "Yunis"]) == []
    assert generic_forms(("tal",), ["Tal"]) == []
    assert generic_forms(("tal", "abyad"), ["Tal", "abyad"]) == []
