"""A Russian name's final -ov/-ev as the French transcription and older English write it,
-off/-eff (romanisation._UKRAINIAN's last two rewrites): Romanov/Romanoff,
Rachmaninov/Rachmaninoff, Smirnov/Smirnoff. Only a name of Cyrillic shape
(romanisation.slavic) and never an established word of another shape."""

from __future__ import annotations

import pytest

from tests.index_agreement import assert_row

RULE = "-ov/-off"
ROWS = [
    (RULE, "Romanov", "The Romanoff family left the city.", True),
    (RULE, "Romanoff", "The Romanov family left the city.", True),
    (RULE, "Smirnov", "Smirnoff said on Monday it would stay.", True),
    (RULE, "Lavrov", "Lavroff said on Monday it would stay.", True),
    (RULE, "Ivanoff", "Ivanov said on Monday it would stay.", True),
    # not a -v after a vowel (Kiev), nor -iff
    (RULE, "Kiev", "Kieff said on Monday it would stay.", False),
    (RULE, "Sheriff", "Sherov said on Monday it would stay.", False),
    (RULE, "Romanov", "The Roman family left the city.", False),
    (RULE, "Romanov", "The family left the city.", False),
]


@pytest.mark.parametrize(("rule", "query", "text", "expected"), ROWS)
def test_french_russian_rows(rule: str, query: str, text: str, expected: bool) -> None:
    assert_row(query, text, expected, rule)
