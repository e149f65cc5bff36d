"""The prepared article index: same answers as tokenising per search, each article prepared
once, kept in step with the store (adds, replacements, pruning, the window), a time budget."""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.chats.latest import StoredArticleSearch
from bot.chats.prepared import PreparedArticles
from bot.matching.document import prepare
from bot.matching.plan import match_query
from bot.matching.query import parse_query
from bot.models import Article
from storage.articles import TinyArticleStore

T0 = datetime(2024, 12, 14, 13, 20, tzinfo=UTC)


def article(n: int, title: str, text: str = "", *, minutes: int | None = None) -> Article:
    when = T0 + timedelta(minutes=n if minutes is None else minutes)
    return Article(
        id=f"a{n}", url=f"https://a.example/{n}", title=title, text=text, published=when, seen=when
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[TinyArticleStore]:
    articles = TinyArticleStore(tmp_path / "newsbot.articles.json", fsync=False)
    yield articles
    articles.close()


@pytest.fixture
def corpus(shared_dir: Path) -> list[Article]:
    """Real article texts (scrapinghub's ground truth), titled by their first words."""
    truth = shared_dir / "corpora" / "articles" / "scrapinghub" / "ground-truth.json"
    bodies = [v["articleBody"] for v in json.loads(truth.read_text()).values()]
    return [article(n, " ".join(b.split()[:12]), b) for n, b in enumerate(bodies)]


# Exact words, typos and transliterations found only by the typo rule (Zelenskyy ≈ Zelenskiy,
# Mohammed ≈ Muhammad, Brexitt ≈ Brexit), phrases, OR, NOT, nothing at all.
QUERIES = [
    "Trump",
    "Tartous",
    "Syria russia",
    "kyiv OR kiev",
    '"White House"',
    "economy -china",
    "(police OR court) -trump",
    "Zelenskyy",
    "Mohammed",
    "Brexitt",
    "zzqxv",
]


def reference_latest(articles: list[Article], query_text: str, limit: int) -> list[str]:
    """Today's search before the index: every article tokenised again for the query."""
    query = parse_query(query_text)
    newest = sorted(articles, key=lambda a: a.published or a.seen, reverse=True)
    return [a.id for a in newest if match_query(query, prepare(a)) is not None][:limit]


@pytest.mark.parametrize("query", QUERIES)
def test_prepared_search_finds_what_tokenising_per_search_finds(
    store: TinyArticleStore, corpus: list[Article], query: str
) -> None:
    store.add(corpus)
    # No time budget: this compares what is found, and a loaded machine can take seconds.
    search = StoredArticleSearch(store, scan=len(corpus), dry_run_size=len(corpus), budget=math.inf)
    found = [a.id for a in search.latest([parse_query(query)], limit=len(corpus))]
    assert found == reference_latest(corpus, query, len(corpus))
    dry = search.dry_run(parse_query(query))
    assert (dry.matched, dry.scanned) == (len(found), len(corpus))


def test_each_article_is_prepared_once_when_stored(store: TinyArticleStore) -> None:
    prepared = PreparedArticles(store)
    prepared.add([article(n, f"Tartus report {n}") for n in range(5)])
    assert prepared.prepared == 5  # at storing time, not at the first command
    search = StoredArticleSearch(prepared)
    for _ in range(3):
        assert len(search.latest([parse_query("Tartus")], limit=10)) == 5
        assert search.dry_run(parse_query("Tartous")).matched == 5
    assert prepared.prepared == 5


def test_the_alert_side_gets_the_document_prepared_when_stored(
    store: TinyArticleStore,
) -> None:
    prepared = PreparedArticles(store)
    new = article(1, "Ships leave Tartus harbour")
    prepared.add([new])
    held = prepared.document(new)
    assert held is prepared.documents(1)[0][1]  # the same object: prepared once
    assert prepared.prepared == 1
    other = article(2, "Markets rally in Tokyo")  # not stored: prepared on the spot
    assert prepared.document(other).id == "a2"
    assert "a2" not in prepared
    changed = article(1, "Markets rally in Tokyo")  # same id, other text than stored
    assert prepared.document(changed) is not held


def test_articles_stored_before_start_up_are_prepared_by_warm(store: TinyArticleStore) -> None:
    store.add([article(n, f"Tartus report {n}") for n in range(4)])
    prepared = PreparedArticles(store)
    assert prepared.warm() == 4
    StoredArticleSearch(prepared).latest([parse_query("Tartus")], limit=5)
    assert prepared.prepared == 4


def test_an_article_stored_again_with_new_text_is_prepared_again(
    store: TinyArticleStore,
) -> None:
    prepared = PreparedArticles(store)
    search = StoredArticleSearch(prepared)
    prepared.add([article(1, "Markets rally in Tokyo")])
    assert search.latest([parse_query("Tartus")], limit=5) == []
    prepared.add([article(1, "Ships leave Tartus harbour")])
    assert [a.id for a in search.latest([parse_query("Tartus")], limit=5)] == ["a1"]


def test_pruned_articles_leave_the_index(tmp_path: Path) -> None:
    store = TinyArticleStore(tmp_path / "a.json", fsync=False, retention_days=1)
    prepared = PreparedArticles(store)
    prepared.add([article(1, "Old Tartus news", minutes=0)])
    prepared.add([article(2, "New Tartus news", minutes=3 * 24 * 60)])
    assert prepared.cached() == 2
    prepared.prune(T0 + timedelta(days=3, minutes=1))
    assert prepared.cached() == 1
    assert "a1" not in prepared
    search = StoredArticleSearch(prepared)
    assert [a.id for a in search.latest([parse_query("Tartus")], limit=5)] == ["a2"]
    store.close()


def test_only_the_newest_window_is_held(store: TinyArticleStore) -> None:
    prepared = PreparedArticles(store, window=3)
    for n in range(6):
        prepared.add([article(n, f"Tartus report {n}")])
    assert prepared.cached() == 3
    assert [n for n in range(6) if f"a{n}" in prepared] == [3, 4, 5]


def test_a_typo_seen_only_in_an_evicted_article_is_no_longer_a_candidate(
    store: TinyArticleStore,
) -> None:
    # The typo vocabulary follows the documents: a word of a dropped article is forgotten.
    # (A typo no rule files as a form: Tartous is one of Tartus since the places rule.)
    prepared = PreparedArticles(store, window=1)
    prepared.add([article(1, "Ships leave Tartoos harbour")])
    words = prepared.needles(parse_query("Tartus"))
    assert "tartoos" in next(iter(words.values()))
    prepared.add([article(2, "Markets rally in Tokyo")])
    words = prepared.needles(parse_query("Tartus"))
    assert "tartoos" not in next(iter(words.values()))


def test_a_search_stops_at_its_budget_and_says_how_far_it_got(
    store: TinyArticleStore,
) -> None:
    store.add([article(n, f"Tartus report {n}") for n in range(10)])
    ticks = itertools.count()  # each reading of the clock is one second later
    search = StoredArticleSearch(store, budget=4.5, clock=lambda: float(next(ticks)))
    dry = search.dry_run(parse_query("Tartus"))
    assert 0 < dry.scanned < 10
    assert dry.matched == dry.scanned
    found = search.latest([parse_query("Tartus")], limit=10)
    assert 0 < len(found) < 10


def test_an_acronym_query_finds_its_name_spelled_out(store: TinyArticleStore) -> None:
    store.add([article(1, "Launch news", "The Sierra Nevada Corporation said."), article(2, "x")])
    search = StoredArticleSearch(store, scan=2, dry_run_size=2)
    assert [a.id for a in search.latest([parse_query("SNC")], limit=2)] == ["a1"]
