"""Stored queries parsed in batches for a bulk build (bot/matching/stored.py)."""

from __future__ import annotations

import pytest

from bot.errors import QueryError
from bot.matching import stored
from bot.matching.document import prepare
from bot.matching.index import SubscriptionIndex
from bot.matching.query import parse_query
from bot.models import Article

TEXTS = ["Kyiv OR Odesa", "(unclosed", "Lviv", "Kyiv OR Odesa", '"air base" Syria', "Lviv"]


def test_each_stored_text_comes_with_its_query_or_error_across_batches(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(stored, "BATCH", 4)
    items = list(enumerate(TEXTS))
    given = list(stored.parsed_stored(items, set(), max_length=200))
    assert [(key, text) for key, text, _ in given] == items
    for (_, _, query), expected in zip(given, TEXTS, strict=True):
        if expected == "(unclosed":
            assert isinstance(query, QueryError)
        else:
            assert query == parse_query(expected)


def test_a_known_text_is_not_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed: list[str] = []

    def parse(text: str, *, max_length: int) -> object:
        parsed.append(text)
        return parse_query(text, max_length=max_length)

    monkeypatch.setattr(stored, "parse_query", parse)
    given = list(stored.parsed_stored(enumerate(TEXTS), {"Lviv", "(unclosed"}, max_length=200))
    assert len(given) == len(TEXTS)
    assert parsed == ["Kyiv OR Odesa", '"air base" Syria']  # each distinct text once


@pytest.mark.parametrize("batch", [1, 2, 4096])
def test_a_bulk_build_is_the_same_whatever_the_batch(
    monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    monkeypatch.setattr(stored, "BATCH", batch)
    index = SubscriptionIndex()
    refused = index.add_stored([*enumerate(TEXTS), (1, "Kharkiv"), (9, "(unclosed")])
    assert [(key, text) for key, text, _ in refused] == [(1, "(unclosed"), (9, "(unclosed")]
    assert index.stats()["queries"] == 4
    text = "Air base in Syria; shelling of Kiev, Kharkiv and Lviv"
    found = index.find(prepare(Article(id="1", url="https://example.org/1", title="", text=text)))
    assert sorted(found.keys) == [0, 1, 2, 3, 4, 5]


@pytest.mark.parametrize("batch", [1, 3, 4096])
def test_terms_compiled_ahead_are_counted_once_per_query(
    monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    """Queries compiled a batch ahead: each by the one entry made for it, so that removing
    every key leaves nothing (a plan compiled for no entry would keep its terms' users)."""
    monkeypatch.setattr(stored, "BATCH", batch)
    texts = ["Kyiv OR Odesa", "Kyiv  OR  Odesa", "Lviv Odesa", "Kyiv OR Odesa", "Lviv"]
    items = [*enumerate(texts), (2, "Kyiv OR Odesa"), (5, "Lviv  Odesa"), (4, "Kharkiv")]
    index = SubscriptionIndex()
    assert index.add_stored(items) == []
    one_by_one = SubscriptionIndex()
    for key, text in items:
        one_by_one.add(key, parse_query(text))
    assert index.stats() == one_by_one.stats()
    for key in range(6):
        index.remove(key)
    assert set(index.stats().values()) == {0}
