"""Counting matches (`SubscriptionIndex.count`, what `newsbot match --format counts` runs)
takes its own way through the index: the present terms without where or how, each
word's terms sorted by what they ask of the article's capitals, each term's places in the
tables fetched once. These tests hold it to `find` on words that exercise every rule that
looks at how the article writes a word."""

from __future__ import annotations

import contextlib
import gc
import random
import tracemalloc
from collections import Counter
from itertools import combinations

import pytest

from bot.errors import QueryError
from bot.matching.document import Document, prepare
from bot.matching.entries import SPREAD_FROM
from bot.matching.index import SubscriptionIndex
from bot.matching.neighbourhood import deletes, looked_up, neighbourhood
from bot.matching.query import parse_query
from bot.models import Article

SPREAD = pytest.mark.parametrize("spread_from", [0, SPREAD_FROM], ids=["arrays", "dicts"])

# Query terms whose hits depend on capitals: a name's alias (Türkiye: Turkey) and typos
# (Macron), acronyms typed in capitals (US, WHO) or spelled out (SNC), a word typed in
# lower case whose slips count only where the article never capitalises them (legal:
# leagel), a country's demonym (Syria: Syrian), multi-word forms (al-Assad, "air base").
QUERY_WORDS = [
    "Türkiye", "Macron", "US", "WHO", "SNC", "legal", "Syria", "al-Assad", '"air base"',
    "Kyiv", "strike", "IAEA", "Myanmar", "government", "CIA",
]  # fmt: skip
# Article words written both ways where the rule cares.
ARTICLE_WORDS = [
    "Turkey", "turkey", "Macron", "Macronn", "macronn", "US", "us", "WHO", "who", "Who",
    "Sierra", "Nevada", "Corporation", "of", "the", "leagel", "Leagel", "legal", "Syrian",
    "syrian", "Syria", "al", "Assad", "al-Assad", "air", "base", "Air", "Base", "Kyiv",
    "strikes", "International", "Atomic", "Energy", "Agency", "Burma", "burmese", "Burmese",
    "goverment", "Goverment", "said", "and", "Nato", "Clara", "Ingrid", "Adams", "Central",
    "Intelligence",
]  # fmt: skip


def random_query(rng: random.Random) -> str:
    a, b, c = (rng.choice(QUERY_WORDS) for _ in range(3))
    shapes = [a, f"{a} {b}", f"{a} OR {b}", f"{a} -{b}", f"{a} {b} {c}", f"({a} {b}) OR {c}"]
    return rng.choice(shapes)


def random_doc(rng: random.Random, number: int) -> Document:
    words = [rng.choice(ARTICLE_WORDS) for _ in range(rng.randrange(3, 30))]
    text = " ".join(words[1:])
    return prepare(Article(id=str(number), url="u", title=words[0], text=text))


def found_counts(index: SubscriptionIndex, documents: list[Document]) -> dict[int, int]:
    return dict(Counter(key for doc in documents for key in index.find(doc).keys))


@SPREAD
def test_counts_agree_with_find_on_words_whose_capitals_decide(spread_from: int) -> None:
    rng = random.Random(5)
    index = SubscriptionIndex(spread_from=spread_from)
    for key in range(300):
        with contextlib.suppress(QueryError):  # `strike -strike` can never match
            index.add(key, parse_query(random_query(rng)))
    documents = [random_doc(rng, number) for number in range(120)]
    counts = index.count(documents)
    assert counts == found_counts(index, documents)
    assert len(counts) > 100  # most queries matched some document: the test bites


@SPREAD
def test_counts_follow_adds_and_removes_of_terms_already_read(spread_from: int) -> None:
    # Each term's places in the tables are fetched once and kept: a query filing a known
    # term in another table (a pair, an exclusion), or the last one leaving, must show.
    index = SubscriptionIndex(spread_from=spread_from)
    documents = [
        prepare(Article(id="1", url="u", title="Kyiv", text="Moscow and Kyiv talks")),
        prepare(Article(id="2", url="u", title="Kyiv", text="no other city")),
    ]
    index.add(1, parse_query("Kyiv"))
    assert index.count(documents) == {1: 2}
    index.add(2, parse_query("Kyiv Moscow"))
    index.add(3, parse_query("Kyiv -Moscow"))
    index.add(4, parse_query("Kyiv OR Moscow"))
    assert index.count(documents) == {1: 2, 2: 1, 3: 1, 4: 2}
    index.remove(1)
    index.remove(3)
    assert index.count(documents) == {2: 1, 4: 2}
    index.add(5, parse_query("Moscow -Kyiv"))
    assert index.count(documents) == {2: 1, 4: 2} == found_counts(index, documents)


def test_counting_keeps_no_long_words_in_its_memos() -> None:
    # As the token cache and the folds (tests/test_hostile_input.py): a word of thousands
    # of letters is judged afresh each time, never kept by counting's word memos.
    index = SubscriptionIndex()
    index.add(0, parse_query("Khmeimim"))
    index.add(1, parse_query("WHO"))
    index.count([prepare(Article(id="0", url="u", title="Khmeimim", text="WHO said"))])
    rng = random.Random(3)
    texts = [
        " ".join(
            "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(2_000)).title()
            for _ in range(10)
        )
        + " Khmeimim WHO"
        for _ in range(50)
    ]
    articles = [Article(id=str(n), url="u", title="T", text=t) for n, t in enumerate(texts)]
    tracemalloc.start()
    try:
        counts = index.count(map(prepare, articles))
        gc.collect()
        kept, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert counts == {0: 50, 1: 50}
    assert kept < 100_000, f"{kept:,} bytes kept after counting 1 MB of long words"


@pytest.mark.parametrize(
    "word", ["", "a", "ab", "aab", "aaaa", "kremlin", "goverment", "administration"]
)
@pytest.mark.parametrize("depth", [0, 1, 2, 3])
def test_deletion_neighbourhood_is_every_word_short_of_up_to_depth_letters(
    word: str, depth: int
) -> None:
    """The typo look-up's neighbourhood (made cheaply for unseen article words) is, by
    definition, each way of keeping all the word's letters but up to `depth`, in order."""
    expected = {
        "".join(word[i] for i in kept)
        for size in range(max(len(word) - depth, 0), len(word) + 1)
        for kept in combinations(range(len(word)), size)
    }
    assert deletes(word, depth) == expected
    ones, listed = looked_up(word, depth)  # the index's look-up: the same strings, a list
    assert (ones, set(listed)) == neighbourhood(word, depth)
