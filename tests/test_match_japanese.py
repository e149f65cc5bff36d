"""Japanese long vowels written o/u, oh, ou, oo or uu (docs/matching.md, "Japanese long
vowels"; bot/matching/japanese.py): one name in two spellings, and the look-alikes the rule
must keep apart. Sources: Revised Hepburn (ANSI Z39.11-1972, the 1954 Cabinet notice), the
Japanese passport's oh (MOFA), Kunrei-shiki (ISO 3602) written without the circumflex,
wāpuro romaji; JMnedict for which names have a long vowel; wordfreq, GeoNames and the US
Census 1990 lists for the words and names of their own."""

from __future__ import annotations

import pytest

from bot.matching.japanese import hepburn, long_key, long_vowel_spellings, readings
from bot.matching.lexicon import load_lexicon
from tests.index_agreement import assert_row

ROWS = [
    # The passport's oh, both ways; short names too (Kono, Sato, Ito: no typo rule).
    ("long vowel", "Kono", "Foreign minister Kohno said so.", True),
    ("long vowel", "Kohno", "Foreign minister Kono said so.", True),
    ("long vowel", "Sato", "Mr Satoh said so.", True),
    ("long vowel", "Itoh", "Mr Ito said so.", True),
    ("long vowel", "Ono", "Skater Apolo Ohno won.", True),
    ("long vowel", "Otani", "Shohei Ohtani hit a home run.", True),
    # Kunrei doubled and wāpuro ou, and two conventions against each other.
    ("long vowel", "Yuko", "Yuuko Tanaka said so.", True),
    ("long vowel", "Osaka", "Trains to Oosaka stopped.", True),
    ("long vowel", "Tokyo", "Flights to Toukyou resumed.", True),
    ("long vowel", "Toukyou", "Flights to Tokyo resumed.", True),
    ("long vowel", "Satoh", "Mr Satou said so.", True),
    # An English word, a place or a US Census name with two letters for a vowel.
    ("long vowel apart", "Son", "Soon the talks ended.", False),
    ("long vowel apart", "Rose", "Mr Rouse said so.", False),
    ("long vowel apart", "Rouse", "Mr Rose said so.", False),
    ("long vowel apart", "Sosa", "Mr Sousa said so.", False),
    ("long vowel apart", "Poo", "Winnie the Pooh returned.", False),
    # A word of another language in Latin letters (German, Portuguese, French).
    ("long vowel apart", "Soto", "Mr Souto said so.", False),
    ("long vowel apart", "Mora", "Mr Moura said so.", False),
    ("long vowel apart", "Tore", "Mr Toure said so.", False),
    # A key of one syllable: Korean oo, Hokkien oh, English words.
    ("long vowel apart", "Cho", "Choo Mi-ae said so.", False),
    ("long vowel apart", "No", "Noh theatre opened.", False),
    ("long vowel apart", "Do", "Doh said so.", False),
    # The long vowel where the name's reading has it (こんどう Kondō; not Kohndo: below).
    ("long vowel", "Kondo", "Mr Kondoh said so.", True),
    # An h that begins a syllable is no long vowel's (Ohio is o-hi-o).
    ("long vowel apart", "Io", "Ohio voted.", False),
    # Only a name: typed in lower case, goto is the English word.
    ("long vowel apart", "goto", "Gotoh said so.", False),
]


@pytest.mark.parametrize(("rule", "query", "text", "expected"), ROWS)
def test_long_vowel_rows(rule: str, query: str, text: str, expected: bool) -> None:
    assert_row(query, text, expected, rule)


def test_hepburn_is_the_tables_syllables() -> None:
    for word in ("kohno", "toukyou", "ohtani", "shimbun", "hokkaido", "matcha", "junichiro"):
        assert hepburn(word), word
    for word in ("bolton", "sarah", "tiger", "sinzo", "kuala", "hutari"):
        assert not hepburn(word), word  # l, a final h after a, ti, si, hu: not Hepburn's


def test_long_key_writes_each_long_vowel_once() -> None:
    assert long_key("satoh") == "sato"
    assert long_key("toukyou") == "tokyo"
    assert long_key("kyuushuu") == "kyushu"
    assert long_key("ooita") == "oita"
    assert long_key("inoue") == "inoue"  # (ou before a vowel: i-no-u-e)
    assert long_key("ohio") == "ohio"  # (the h of hi)


def test_spellings_come_from_the_names_long_vowels() -> None:
    lexicon = load_lexicon()
    assert readings("tokyo") == ((1, 4),)
    assert readings("sato") == ((3,),)  # さとう
    assert set(long_vowel_spellings("sato", lexicon.zipf, lexicon.places)) == {
        "satoh", "satou", "satoo"
    }  # fmt: skip
    assert "kono" in long_vowel_spellings("kohno", lexicon.zipf, lexicon.places)
    assert long_vowel_spellings("kohndo", lexicon.zipf, lexicon.places) == ()
    assert long_vowel_spellings("amadou", lexicon.zipf, lexicon.places) == ()  # French
