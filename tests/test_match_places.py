"""Places the gazetteer tells apart or together (bot/matching/places.py, from GeoNames'
main names, populations and countries, bot/data/place_sizes.tsv): must-match pairs, one
place as the press and the UN print it; must-not pairs, two places of comparable size (or
a place and a word) one romanisation step apart, from the gazetteer's main names."""

from __future__ import annotations

import pytest

from bot.matching.document import prepare
from bot.matching.lexicon import load_lexicon
from bot.matching.places import (
    near_steps,
    place_spellings,
    short_anchors,
    sizes,
    steps,
    two_places,
)
from bot.matching.plan import match_query
from bot.matching.query import parse_query
from bot.models import Article
from tests.index_agreement import assert_index_agrees

# (query, the spelling the article prints, one place)
PAIRS = [
    ("Taiz", "Taizz", True),  # a doubled consonant (shadda unwritten): Yemen
    ("Taizz", "Taiz", True),
    ("Qom", "Qum", True),  # o/u, one vowel of one sound: Iran
    ("Qum", "Qom", True),
    ("Hodeidah", "Hodeida", True),  # a final h after a vowel
    ("Hama", "Hamah", True),  # the query a place's other name of Zipf 2.5-3 (2.71)
    ("Kom", "Qom", True),  # (Zipf 2.58) Q written K
    ("Yemen", "Yaman", True),  # a short name two steps away (BGN al-Yaman): a/e twice
    ("Yaman", "Yemen", True),
    ("Doha", "Dawha", True),  # the diphthong aw written o (BGN ad-Dawhah)
    ("Dauha", "Doha", True),
    ("Gaza", "Ghazzah", True),  # a ghayn written G, a shadda, a final h (BGN Ghazzah)
    ("Aden", "Edin", False),  # two steps that change the first letter: a given name
    ("Gaza", "Giza", False),  # a/i is no step, and Giza is a place of its own
    ("Doha", "Doma", False),  # a Nigerian town's main name
    ("Gaze", "Gaza", False),  # an English word of words.tsv (Zipf 3.7)
    ("Omen", "Oman", False),  # (Zipf 3.1)
    ("Samara", "Samarra", False),  # Russia 1.2 million / Iraq 160,000: comparable
    ("Samarra", "Samara", False),
    ("Allen", "Aalen", False),  # a US and a German city (both main names)
    ("Malawi", "Mallawi", False),  # a country and an Egyptian city
    ("Oman", "Uman", False),  # Uman: a Ukrainian town's main name
    ("Aden", "Eden", False),  # an English word
    ("Tunis", "Tunes", False),  # an English word (and an old name in places.txt)
]


def matched(query: str, written: str) -> bool:
    doc = prepare(Article(id="a", url="u", title="", text=f"Fighting near {written} went on."))
    return match_query(parse_query(query), doc) is not None


@pytest.mark.parametrize(("query", "written", "same"), PAIRS, ids=[f"{q}~{w}" for q, w, _ in PAIRS])
def test_one_place_two_spellings(query: str, written: str, same: bool) -> None:
    assert matched(query, written) == same
    # The control: without either spelling, no match.
    assert not matched(query, "the river")


def test_the_index_finds_what_the_rule_finds() -> None:
    texts = [f"Fighting near {written}." for _, written, _ in PAIRS]
    assert_index_agrees([query for query, _, _ in PAIRS], texts)


def test_two_places_needs_two_main_names_of_comparable_size() -> None:
    assert two_places("samara", "samarra")
    assert not two_places("medina", "madinah")  # a town of 26,000 and a city of 1.3 million
    assert not two_places("taiz", "taizz")  # Taizz is no main name
    assert not two_places("samara", "samara")


def test_steps_are_the_romanisation_steps_only() -> None:
    assert {"taizz", "taizh", "tiaz"} & steps("taiz") == {"taizz"}
    assert {"qum", "kom", "qomm"} <= steps("qom")
    assert "hodeida" in steps("hodeidah")
    assert "hudeidah" in steps("hodeidah")
    assert "tabouk" in steps("tabuk")
    assert "tabuk" in steps("tabouk")
    assert "queen" not in steps("kueen")
    assert "keen" not in steps("queen")
    assert {"dawha", "dauha", "dawhah"} <= near_steps("doha")  # the diphthong aw inside
    assert "doha" in near_steps("dawha")
    assert "ghaza" in near_steps("gaza")
    assert short_anchors()["dawha"] == ("doha",)  # (a query's word: looked up)


def test_a_short_name_is_in_another_system_every_vowel_alike_or_with_gh() -> None:
    assert {"yaman", "ghazza", "ghazzah"} <= near_steps("yemen") | near_steps("gaza")
    assert "edin" not in near_steps("aden")  # (Eden, then Edin)
    assert "soden" not in near_steps("sudan")  # two vowels changed two ways: German Soden
    assert "jizan" not in near_steps("jazan")  # a, e, i: no vowel of one sound
    assert "hudaidah" not in near_steps("hodeidah")  # a long name: one step
    assert short_anchors()["yaman"] == ("yemen",)
    assert "hudaidah" not in short_anchors()


def test_the_table_is_main_names_with_their_sources() -> None:
    table = sizes()
    assert table["madinah"][1]
    assert not table["medina"][1]
    assert "mecca" not in table  # an alternate name of Makkah: never read by the rule
    lexicon = load_lexicon()
    assert place_spellings("mecca", lexicon.zipf) == ()  # an English word
    assert place_spellings("split", lexicon.zipf) == ()  # a common word, no abjad's place
    assert place_spellings("minna", lexicon.zipf) == ()  # Nigeria writes English
