"""Hebrew ḥet written Ch, H or Kh at the start of a word (docs/matching.md, "Romanisation
families"; bot/matching/hebrew.py): one name spelled both ways, and the English, Chinese
and census-name pairs Ch-/H- that must stay apart. Sources: the Academy of the Hebrew
Language's rules of 2006 (ח h), ISO 259 and ALA-LC (ḥ), the SBL Handbook of Style's
general-purpose h, the Ashkenazi and Chabad ch, Russian kh; wordfreq, the US Census 1990
name lists and the pinyin and Wade-Giles syllables for the look-alikes."""

from __future__ import annotations

import pytest

from bot.matching.hebrew import hebrew_apart, hebrew_spellings
from bot.matching.lexicon import load_lexicon
from bot.matching.variants import speller
from tests.index_agreement import assert_row

ROWS = [
    # The first letter alone (query side), both ways, Ch/H and Ch/Kh.
    ("ḥet", "Chabad", "Habad emissaries lit candles.", True),
    ("ḥet", "Habad", "Chabad emissaries lit candles.", True),
    ("ḥet", "Chaim", "Haim Saban donated.", True),
    ("ḥet", "Haim", "Chaim Weizmann was elected.", True),
    ("ḥet", "Chaim", "Khaim Weizmann was elected.", True),
    ("ḥet", "Hadera", "Rockets fell near Chadera.", True),
    ("ḥet", "Chaya", "Haya Cohen said so.", True),
    # Doubled letters single on top (article side, and the query's listed spellings).
    ("ḥet", "Chanukah", "Hanukkah began on Sunday.", True),
    ("ḥet", "Hanukkah", "Chanukah began on Sunday.", True),
    ("ḥet", "Chanukkah", "Hanukah began on Sunday.", True),
    # A vowel written differently on top in a name of 7+ letters.
    ("ḥet", "Chareidi", "Haredi parties objected.", True),
    # English words and names of their own (wordfreq, US Census 1990 lists).
    ("ḥet apart", "Chill", "Hill said so.", False),
    ("ḥet apart", "Chart", "Hart said so.", False),
    ("ḥet apart", "Chester", "Hester said so.", False),
    ("ḥet apart", "Chaney", "Haney said so.", False),
    ("ḥet apart", "Hiller", "Chiller was released.", False),
    ("ḥet apart", "Chevron", "Settlers in Hevron protested.", False),
    ("ḥet apart", "Hevron", "Chevron shares rose.", False),
    # Chinese syllables: Wade-Giles ch is pinyin zh, q or j, never h.
    ("ḥet apart", "Chuang", "Huang said so.", False),
    ("ḥet apart", "Huang", "Chuang said so.", False),
    ("ḥet apart", "Chung", "Hung said so.", False),
    # A Chinese place of pinyin syllables; a misspelt established word.
    ("ḥet apart", "Handan", "Chandan Mitra said so.", False),
    ("ḥet apart", "Hiltton", "Chilton said so.", False),
    # Two letters after the first: English words (Chen/Hen, Chad/Had).
    ("ḥet apart", "Chen", "A hen was found.", False),
]


@pytest.mark.parametrize(("rule", "query", "text", "expected"), ROWS)
def test_hebrew_rows(rule: str, query: str, text: str, expected: bool) -> None:
    assert_row(query, text, expected, rule)


def test_hebrew_spellings_and_the_guard() -> None:
    lexicon = load_lexicon()
    spell = speller(lexicon.zipf, lexicon.places)
    assert set(hebrew_spellings("chabad", spell)) == {"habad", "khabad"}
    assert set(hebrew_spellings("haim", spell)) == {"chaim", "khaim"}
    assert "hanukkah" in hebrew_spellings("chanukah", spell)  # a listed spelling
    assert hebrew_spellings("hill", spell) == ()
    assert hebrew_apart("chen", "hen", lexicon.zipf, lexicon.places)
    assert hebrew_apart("chuang", "huang", lexicon.zipf, lexicon.places)
    assert not hebrew_apart("chabad", "habad", lexicon.zipf, lexicon.places)
