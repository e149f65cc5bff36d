"""Indonesian names in the Dutch-era spellings (Van Ophuijsen 1901, Soewandi 1947) and in
the 1972 one, EYD (docs/matching.md, "Romanisation families"; bot/matching/indonesian.py):
one name spelled both ways, and the names of other languages the same letters could join.
Sources: the reforms' letter changes (oe/u, tj/c, dj/j, j/y, nj/ny, sj/sy, ch/kh);
wordfreq's Indonesian list and GeoNames' Indonesian cities for what is Indonesian;
wordfreq, the US Census 1990 lists and the gazetteer for the look-alikes."""

from __future__ import annotations

import pytest

from bot.matching.indonesian import eyd_form, indonesian_spellings, spellings
from bot.matching.lexicon import load_lexicon
from tests.index_agreement import assert_row

ROWS = [
    # Persons: oe alone (Jakarta Post / Reuters), the old consonants, both ways.
    ("indonesian", "Suharto", "Soeharto resigned in 1998.", True),
    ("indonesian", "Soeharto", "Suharto resigned in 1998.", True),
    ("indonesian", "Sukarno", "Soekarno declared independence.", True),
    ("indonesian", "Djoko", "Joko Widodo said so.", True),
    ("indonesian", "Joko", "Djoko Widodo said so.", True),
    ("indonesian", "Cahyo", "Tjahjo Kumolo said so.", True),
    ("indonesian", "Chairil", "Khairil Anwar wrote it.", True),
    # Places: Van Ophuijsen's and Soewandi's spellings, both ways.
    ("indonesian", "Aceh", "Troops landed in Atjeh.", True),
    ("indonesian", "Atjeh", "Troops landed in Aceh.", True),
    ("indonesian", "Surabaya", "Ships left Soerabaja.", True),
    ("indonesian", "Soerabaja", "Ships left Surabaya.", True),
    ("indonesian", "Jogjakarta", "Students marched in Yogyakarta.", True),
    ("indonesian", "Banjarmasin", "Floods hit Bandjarmasin.", True),
    # Names of other languages (Serbo-Croatian dj, Germanic j, Dutch oe, ch/kh).
    ("indonesian apart", "Joel", "Yoel said so.", False),
    ("indonesian apart", "Yoel", "Joel said so.", False),
    ("indonesian apart", "Moeller", "Muller said so.", False),
    ("indonesian apart", "Tjaden", "Caden said so.", False),
    ("indonesian apart", "Chan", "Khan said so.", False),
    # One syllable (Chinese and Korean names); short j/y pairs; a word of another
    # language that reads as an Indonesian word (German Katja, kaca: glass).
    ("indonesian apart", "Jang", "Yang said so.", False),
    ("indonesian apart", "Tanja", "Tanya said so.", False),
    ("indonesian apart", "Katja", "Kaca said so.", False),
    ("indonesian apart", "Raja", "Raya said so.", False),
]


@pytest.mark.parametrize(("rule", "query", "text", "expected"), ROWS)
def test_indonesian_rows(rule: str, query: str, text: str, expected: bool) -> None:
    assert_row(query, text, expected, rule)


def test_the_reforms_letters_both_ways() -> None:
    assert eyd_form("soeharto") == "suharto"
    assert eyd_form("tjahjo") == "cahyo"
    assert eyd_form("bandjarmasin") == "banjarmasin"  # n + dj, not nj
    assert eyd_form("njoman") == "nyoman"
    assert eyd_form("sjahrir") == "syahrir"
    assert eyd_form("pramoedya", consonants=False) == "pramudya"
    # EYD, Soewandi (old consonants), Van Ophuijsen (and oe), oe with EYD consonants.
    assert spellings("surabaya") == ("surabaya", "surabaja", "soerabaja", "soerabaya")
    assert spellings("khairil") == ("khairil", "chairil")
    assert spellings("pulau") == ("pulau", "poelau")  # the diphthong au keeps its u


def test_indonesian_spellings_and_the_guard() -> None:
    lexicon = load_lexicon()
    zipf, places = lexicon.zipf, lexicon.places
    assert indonesian_spellings("atjeh", zipf, places) == ("aceh",)
    assert indonesian_spellings("jakarta", zipf, places) == ("djakarta",)
    # (Jokovic still finds Djokovic: the one-edit typo rule's, a misspelling's, not this)
    assert indonesian_spellings("djokovic", zipf, places) == ()
    assert indonesian_spellings("jokovic", zipf, places) == ()
    assert indonesian_spellings("joel", zipf, places) == ()  # a Census name
    assert indonesian_spellings("yang", zipf, places) == ()  # one syllable
