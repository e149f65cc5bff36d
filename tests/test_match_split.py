"""`split_words` splits a text piece by piece between spaces: the same words as the
word regex (`normalise._WORD`) finds in the whole text at once."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.matching.normalise import _WORD, split_words

# Letters, digits, marks and spaces where the regex's alternatives differ: initialisms'
# dots, apostrophes and their look-alikes, underscores, combining accents, other scripts'
# letters and digits, and spaces beyond the ASCII one.
TRICKY = "aZé1٣_.'’`-,\"(ʼ\u0301ж字 \t\n\u00a0\u2028\u3000"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "U.S. e.g. a. 1. x.y.z end.Next twitter.com",
        "Russia’s o'clock rock'n'roll word' 'quoted' said, (AP) al‑Assad",
        "snake_case __init__ x_ _x ２０２４ ٣٤ café cafe\u0301 Москва 北京",
        "tabs\tand\nlines\u00a0and\u2028others\u3000too",
    ],
)
def test_the_same_words_as_the_regex_over_the_whole_text(text: str) -> None:
    assert split_words(text) == _WORD.findall(text)


@given(st.text(alphabet=TRICKY, max_size=40))
def test_any_text_of_tricky_characters(text: str) -> None:
    assert split_words(text) == _WORD.findall(text)


def test_random_texts() -> None:
    rng = random.Random(9)
    for _ in range(3000):
        text = "".join(rng.choice(TRICKY) for _ in range(rng.randint(0, 30)))
        assert split_words(text) == _WORD.findall(text)
