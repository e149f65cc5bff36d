"""Hostile text: what feeds, pages and chats send the matcher and the reader, at the size
that hurts. Each test bounds memory (tracemalloc: deterministic, unlike time on a shared
machine) and checks the answer is still the right one.
"""

from __future__ import annotations

import gc
import random
import string
import tracemalloc
from collections.abc import Callable
from typing import TypeVar

import pytest

from bot.matching.document import MAX_FUZZY_TOKEN, MAX_MEMO_WORD, prepare
from bot.matching.index import SubscriptionIndex
from bot.matching.query import parse_query
from bot.matching.terms import LONG_EDITS, MAX_FUZZY_LENGTH
from bot.models import Article

MB = 1024 * 1024
T = TypeVar("T")


def peak_of(work: Callable[[], T]) -> tuple[T, int]:
    """What `work` returns, and the most memory it held at once (bytes)."""
    tracemalloc.start()
    try:
        result = work()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


def letters(rng: random.Random, n: int) -> str:
    return "".join(rng.choices(string.ascii_lowercase, k=n))


def article(text: str, title: str = "News") -> Article:
    return Article(id="a", url="https://news.example.com/a", title=title, text=text)


QUERIES = ["Khmeimim", "Zelensky", "government", "Sierra Nevada Corporation", "SNC"]


def index_of(queries: list[str]) -> SubscriptionIndex:
    index = SubscriptionIndex()
    for key, query in enumerate(queries):
        index.add(key, parse_query(query))
    return index


def matched(index: SubscriptionIndex, queries: list[str], a: Article) -> set[str]:
    return {queries[m.key] for m in index.match(prepare(a))}


# The matcher.


def test_the_article_side_bound_follows_the_query_side() -> None:
    # A term has typos up to MAX_FUZZY_LENGTH letters; `accepts` refuses a word whose length
    # differs by more than LONG_EDITS: no longer article word needs looking at.
    assert MAX_FUZZY_TOKEN == MAX_FUZZY_LENGTH + LONG_EDITS < MAX_MEMO_WORD


@pytest.mark.parametrize("size", [600, 20_000, MB], ids=["600", "20k", "1M"])
def test_one_long_word_costs_the_matcher_its_length_not_its_cube(size: int) -> None:
    """A word of random letters is looked up for typos by its deletions: two deep, a word of
    n letters has n²/2 of them, n letters each. 600 letters held 250 MB, 1,200 held 1 GB;
    a feed's text may hold a word of 20,000 (its whole bound)."""
    index = index_of(QUERIES)
    index.match(prepare(article("Khmeimim government")))  # lexicon and tables loaded
    text = "Planes left Khmeimim, " + letters(random.Random(size), size) + " Zelenskyy said."
    found, peak = peak_of(lambda: matched(index, QUERIES, article(text)))
    assert found == {"Khmeimim", "Zelensky"}
    assert peak < 24 * size + 2 * MB, f"peak {peak:,} bytes"


def test_fifty_queries_of_the_longest_word_hold_a_small_index() -> None:
    """A chat's subscriptions, each one word at the query length limit: their typo tables
    held 6.5 MB each (a chat's 50: 323 MB, and 13 s on the event loop, where the index
    changes)."""
    rng = random.Random(7)
    words = [letters(rng, 199) for _ in range(20)]
    index = index_of([*QUERIES, letters(rng, 12)])  # the word lists of typos loaded
    index.match(prepare(article("Khmeimim")))

    def add() -> None:
        for key, word in enumerate(words, start=len(QUERIES) + 1):
            index.add(key, parse_query(word))

    _, peak = peak_of(add)
    assert peak < 10 * MB, f"peak {peak:,} bytes"
    queries = [*QUERIES, "", *words]
    assert matched(index, queries, article(f"It said {words[3]} and Hmeimim.")) == {
        words[3],
        "Khmeimim",
    }
    # A typo in a word of that length is not looked for; one in a long real word still is.
    assert matched(index, queries, article(f"It said {words[3][:-1]}.")) == set()
    long_word = "internationalisation" + "x" * 20  # 40 letters: the longest with typos
    index.add(999, parse_query(long_word))
    queries_by_key = {**dict(enumerate(queries)), 999: long_word}
    hit = index.match(prepare(article("the internationalisaton" + "x" * 20 + " plan")))
    assert {queries_by_key[m.key] for m in hit} == {long_word}


def test_a_name_repeated_half_a_million_times_is_found_once() -> None:
    index = index_of(QUERIES)
    found = index.match(prepare(article("Khmeimim " * 500_000)))
    assert [m.key for m in found] == [0]
    [term] = found[0].terms
    assert (term.article_word, term.how) == ("Khmeimim", "exact")


def test_long_words_are_not_kept_by_the_matchers_memos() -> None:
    """The memos of folded words and of each word's terms are bounded in words (400,000,
    500,000), not in characters: a feed of 1,000 entries a poll whose texts are words of
    thousands of letters filled them with GBs. Such words are worked out afresh instead."""
    index = index_of(QUERIES)
    index.match(prepare(article("Khmeimim government")))
    rng = random.Random(11)
    texts = [" ".join(letters(rng, 2_000) for _ in range(10)) + " Khmeimim" for _ in range(50)]

    def read() -> list[set[str]]:
        found = [matched(index, QUERIES, article(text)) for text in texts]
        gc.collect()
        return found

    tracemalloc.start()
    try:
        found = read()
        kept, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert found == [{"Khmeimim"}] * 50
    assert kept < 100_000, f"{kept:,} bytes kept after reading 1 MB of long words"
