"""Article words in another script than every fuzzy term's (`neighbourhood.Letters`): the
index skips their typo and variant look-ups, and finds what a scan of the document finds."""

from __future__ import annotations

import pytest

from bot.matching.document import prepare
from bot.matching.index import SubscriptionIndex
from bot.matching.neighbourhood import Letters
from bot.matching.plan import match_query
from bot.matching.query import parse_query
from bot.models import Article
from tests.index_agreement import assert_index_agrees


@pytest.mark.parametrize(
    ("terms", "token", "foreign"),
    [
        ((), "kremlin", False),  # ASCII: never
        ((), "москва", True),  # six letters no term has
        ((), "ккал", False),  # three, doubled letters single: within the spell check's reach
        ((), "kremlь", False),  # one
        (("москва",), "моссква", False),  # the terms have them
        (("москва",), "диета", True),  # д, и, е, т: four the terms lack
        (("москва",), "сказаться", True),  # з, т, ь, я
        (("москва",), "смазка", False),  # з only
    ],
)
def test_foreign_letters(terms: tuple[str, ...], token: str, foreign: bool) -> None:
    letters = Letters()
    for word in terms:
        letters.add(word)
    assert letters.foreign(token) is foreign


def test_released_letters_are_foreign_again() -> None:
    letters = Letters()
    letters.add("москва")
    letters.add("московский")
    letters.release("москва")
    assert not letters.foreign("москва")  # московский still has them
    letters.release("московский")
    assert letters.foreign("москва")


QUERIES = ["Москва", "Kremlin", "диета", "Moskva", "sanctions", "Путин OR Kyiv", "Мосвка Kremlin"]
TEXTS = [
    "Моссква и Kremlin: диеты, дитеа",
    "Московская область, санкции, Kremlinn",
    "Moskwa Kremlin sanctons Путина Киев",
    "средняя суточная калорииность ккал диета Мосвка",
]


@pytest.mark.parametrize("text", TEXTS)
def test_index_finds_what_a_scan_finds_in_another_script(text: str) -> None:
    assert_index_agrees(QUERIES, [text])


def test_a_typo_in_the_terms_script_is_still_found() -> None:
    index = SubscriptionIndex()
    index.add(0, parse_query("Москва"))
    doc = prepare(Article(id="1", url="u", title="", text="в Моссква сегодня"))
    assert match_query(parse_query("Москва"), doc) is not None
    assert set(index.find(doc).keys) == {0}
