"""tests/index_agreement.py: the shared check passes on the index as it is and fails, with
the text and the keys named, on an index broken on purpose: a hit dropped, a key kept
after its removal, a key counted twice."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from bot.matching.document import Document
from bot.matching.index import Match, SubscriptionIndex
from tests.index_agreement import assert_index_agrees

QUERIES = ["Kyiv", "Tartus OR Latakia", "Moscow -Kremlin", "Odesa"]
TEXT = "Strikes on Kiev and Tartous; the Kremlin in Moscow said."  # keys 0 and 1
QUIET = "Nothing happened here."  # none


def test_it_passes_where_the_index_finds_what_the_rules_find() -> None:
    assert_index_agrees(QUERIES, [QUIET, TEXT, "Moscow said.", "Odesa and Latakia"])
    assert_index_agrees(QUERIES, [TEXT], removed={0})  # a key removed is not found
    assert_index_agrees({7: "Kyiv", 9: "Odesa"}, ["Kyiv and Odesa"])


def test_it_fails_on_a_hit_match_drops_and_names_the_text_and_the_query(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = SubscriptionIndex.match

    def dropping(self: SubscriptionIndex, doc: Document) -> list[Match]:
        return [m for m in real(self, doc) if m.key != 1]

    monkeypatch.setattr(SubscriptionIndex, "match", dropping)
    with pytest.raises(AssertionError) as failed:
        assert_index_agrees(QUERIES, [QUIET, TEXT])
    assert str(failed.value) == (
        f"index.match disagrees with match_query on {TEXT!r}\n"
        "  expected (match_query): [0, 1]; found (index.match): [0]\n"
        "  expected, not found:\n"
        "    1: 'Tartus OR Latakia'\n"
        "  found, not expected: none"
    )


def test_it_fails_on_a_removed_key_still_found(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SubscriptionIndex, "remove", lambda self, key: None)
    with pytest.raises(AssertionError) as failed:
        assert_index_agrees(QUERIES, [TEXT], removed={0})
    assert str(failed.value) == (
        f"index.match disagrees with match_query on {TEXT!r}\n"
        "  expected (match_query): [1]; found (index.match): [0, 1]\n"
        "  expected, not found: none\n"
        "  found, not expected:\n"
        "    0: 'Kyiv'"
    )


def test_it_fails_on_a_key_counted_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    real = SubscriptionIndex.count

    def twice(self: SubscriptionIndex, docs: Iterable[Document]) -> dict[int, int]:
        return {key: n + (key == 0) for key, n in real(self, docs).items()}

    monkeypatch.setattr(SubscriptionIndex, "count", twice)
    with pytest.raises(AssertionError) as failed:
        assert_index_agrees(QUERIES, [TEXT])
    message = str(failed.value)
    assert message.startswith(f"index.count disagrees with match_query on {TEXT!r}\n")
    assert message.endswith("  found more than once:\n    0: 'Kyiv'")
