"""A Russian, Ukrainian or Central Asian name in English and as the German press (Duden)
or the French press transcribes it, the whole name at once, both ways
(bot/matching/cyrillic_press.py); never a spelling one edit from a name of no Cyrillic
shape (Martin/Martine, Sharon/Charon, Busch/Bush), never an established word of another
shape (`Poutine`, the dish, finds no "Putin")."""

from __future__ import annotations

import pytest

from bot.matching.cyrillic_press import press_forms
from tests.index_agreement import assert_row

RULE = "German and French press"
SAID = " said on Monday that the talks would go on."
ROWS = [
    (RULE, "Khodorkovsky", "Chodorkowski" + SAID, True),
    (RULE, "Chodorkowski", "Khodorkovsky" + SAID, True),
    (RULE, "Tchaikovsky", "Tschaikowski" + SAID, True),
    (RULE, "Nasarbajew", "Nazarbayev" + SAID, True),
    (RULE, "Khrushchev", "Khrouchtchev" + SAID, True),
    (RULE, "Chostakovitch", "Shostakovich" + SAID, True),
    (RULE, "Solzhenitsyn", "Soljenitsyne" + SAID, True),
    (RULE, "Putin", "Poutine" + SAID, True),
    (RULE, "Prigojine", "Prigozhin" + SAID, True),
    (RULE, "Kyjiw", "Kyiv" + SAID, True),
    # (English writes the dish at Zipf 2.5; Putin, an established name of no Cyrillic shape)
    (RULE, "Poutine", "Putin" + SAID, False),
    # one edit from a name of no Cyrillic shape: another name
    (RULE, "Martin", "Martine" + SAID, False),
    (RULE, "Sharon", "Charon" + SAID, False),
    (RULE, "Busch", "Bush" + SAID, False),
    (RULE, "Zuma", "Zouma" + SAID, False),
    (RULE, "Zola", "Sola" + SAID, False),
    # Chad read as German is Khad, of Cyrillic shape in English only
    (RULE, "Chad", "Khad" + SAID, False),
    (RULE, "Routine", "Rutin" + SAID, False),
]


@pytest.mark.parametrize(("rule", "query", "text", "expected"), ROWS)
def test_cyrillic_press_rows(rule: str, query: str, text: str, expected: bool) -> None:
    assert_row(query, text, expected, rule)


@pytest.mark.parametrize(
    ("word", "form"),
    [
        ("khodorkovsky", "chodorkowski"),
        ("khodorkovsky", "khodorkovski"),
        ("nazarbayev", "nasarbajew"),
        ("nazarbayev", "nazarbaiev"),
        ("khrouchtchev", "khrushchev"),
        ("khrouchtchev", "chruschtschow"),
        ("gorbachev", "gorbatschow"),
        ("soljenitsyne", "solzhenitsyn"),
        ("tikhanovskaya", "tikhanovskaia"),
        ("zaporizhzhia", "saporischschja"),
    ],
)
def test_press_forms_write_the_whole_name_in_the_other_systems(word: str, form: str) -> None:
    assert form in set(press_forms(word))
