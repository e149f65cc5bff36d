"""`OneEdit.near` finds what `edits1(word) & words` finds (bot/matching/oneedit.py)."""

from __future__ import annotations

import random

import pytest

from bot.matching.lexicon import load_lexicon
from bot.matching.oneedit import LETTERS, OneEdit, edits1
from bot.matching.variants import speller

WORDS = ["cat", "cart", "act", "scat", "at", "a", "chat", "coat", "cut", "zürich", "zurich"]


@pytest.mark.parametrize(
    "word",
    ["cat", "cta", "ca", "caat", "xcat", "car", "ct", "", "a", "zrich", "zürch", "zürichs", "dog"],
)
def test_near_is_edits1_on_a_small_list(word: str) -> None:
    # (zürich: ü is no letter a-z, so no substitution or insertion makes it)
    assert OneEdit(WORDS).near(word) == edits1(word) & set(WORDS)


def test_near_is_edits1_over_the_spellers_words() -> None:
    """The speller's words, and each misspelt by a random edit (seeded)."""
    lexicon = load_lexicon()
    spell = speller(lexicon.zipf, lexicon.places)
    listed = spell.targets | spell.single_keys
    rng = random.Random(9)
    words = rng.sample(sorted(listed), 3000)
    typed = []
    for word in words:
        i = rng.randrange(len(word) + 1)
        typed.append(word[:i] + rng.choice(LETTERS) + word[i + 1 :])
        typed.append(word[:i] + rng.choice(LETTERS) + word[i:])
    for word in words + typed:
        assert spell.one_edit.near(word) == edits1(word) & listed, word


def test_near_returns_a_new_set() -> None:
    index = OneEdit(WORDS)
    index.near("cat").add("x")
    assert "x" not in index.near("cat")
