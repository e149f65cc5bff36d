"""Hostile text: what feeds, pages and chats send the matcher and the reader, at the size
that hurts. Each test bounds memory (tracemalloc: deterministic, unlike time on a shared
machine) and checks the answer is still the right one.
"""

from __future__ import annotations

import gc
import json
import random
import string
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import pytest

from bot.chats.transfer import MAX_IMPORT_BYTES, MAX_IMPORT_ITEMS, UnreadableFile, read_import
from bot.matching.document import MAX_FUZZY_TOKEN, MAX_MEMO_WORD, prepare
from bot.matching.index import SubscriptionIndex
from bot.matching.query import parse_query
from bot.matching.terms import LONG_EDITS, MAX_FUZZY_LENGTH
from bot.models import Article
from bot.reading.feeds import MAX_TITLE_CHARS, parse_feed
from bot.reading.poller import MAX_ENTRIES
from tests.fakes.feed_server import FeedServer, poller_for

MB = 1024 * 1024
FEED = "https://news.example.com/feed"
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
    n letters has n²/2 of them, n letters each. 600 letters held 120 MB, 1,200 850 MB;
    a feed's text may hold a word of 20,000 (its whole bound)."""
    index = index_of(QUERIES)
    index.match(prepare(article("Khmeimim government")))  # lexicon and tables loaded
    text = "Planes left Khmeimim, " + letters(random.Random(size), size) + " Zelenskyy said."
    found, peak = peak_of(lambda: matched(index, QUERIES, article(text)))
    assert found == {"Khmeimim", "Zelensky"}
    assert peak < 24 * size + 2 * MB, f"peak {peak:,} bytes"


def test_twenty_queries_of_the_longest_word_hold_a_small_index() -> None:
    """A chat's subscriptions, each one word at the query length limit: their typo tables
    held 6.7 MB each (a chat's 50: 323 MB, and seconds of CPU on the event loop, where
    the index changes)."""
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


# Feeds.


def feed_of(items: list[str]) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def item(title: str, n: int, extra: str = "") -> str:
    return f"<item><title>{title}</title><link>https://e.example/{n}</link>{extra}</item>"


async def test_a_title_of_5_mb_is_cut_and_its_entry_kept(tmp_path: Path) -> None:
    """A 5 MB title was kept whole (stored, matched, filed by the story index), or, when
    cleaning's copies took the parse worker past its memory cap, its entry was skipped."""
    body = feed_of([item("Khmeimim talks " * 350_000, 1), item("Small story", 2)])
    assert len(body) > 5 * MB
    with FeedServer() as server:
        url = server.route("/feed.xml", body=body)
        async with poller_for(tmp_path, [url]) as h:
            result = await h.poller.poll_once(url)
    assert result.outcome == "ok"
    titles = [a.title for a in result.new]
    assert len(titles) == 2
    assert titles[0].startswith("Khmeimim talks Khmeimim")
    assert len(titles[0]) <= MAX_TITLE_CHARS
    assert titles[0].endswith("…")
    assert titles[1] == "Small story"


DATES = [
    "Fri, 31 Dec 9999 23:59:59 GMT",
    "Mon, 01 Jan 0001 00:00:00 GMT",
    "-1",
    "garbage",
    "Tue, 99 Foo 2024 99:99:99 +9999",
    "2024-13-45T25:61:61Z",
    "99999-01-01T00:00:00Z",
    "1e308",
    "",
]


def test_dates_far_ahead_negative_or_garbage_cost_nothing_and_never_lie_ahead() -> None:
    now = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
    items = [item(f"Story {n}", n, f"<pubDate>{d}</pubDate>") for n, d in enumerate(DATES)]
    rss_articles = parse_feed(feed_of(items), url=FEED, now=now).articles
    json_dates = ["9999-12-31T23:59:59Z", *DATES[1:]]
    json_feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "T",
        "items": [
            {
                "id": str(n),
                "url": f"https://e.example/{n}",
                "title": f"Story {n}",
                "date_published": d,
            }
            for n, d in enumerate(json_dates)
        ],
    }
    json_articles = parse_feed(json.dumps(json_feed).encode(), url=FEED, now=now).articles
    for articles in (rss_articles, json_articles):
        assert [a.title for a in articles] == [f"Story {n}" for n in range(len(DATES))]
        # Year 9999 would stay the newest story of /latest, "just now", while kept.
        assert all(a.published is None or a.published <= now for a in articles)
        assert articles[0].published == now


def test_accents_written_apart_are_read_as_one_word() -> None:
    """Erdog + U+0306 + an (decomposed, as some systems write) split into "Erdog" and "an"
    for the matcher: the name was never found."""
    body = feed_of([item("Erdog\u0306an visits Ko\u0308ln", 1)])
    [a] = parse_feed(body, url=FEED).articles
    assert a.title == "Erdoğan visits Köln"
    index = index_of(["Erdogan", "Köln"])
    assert matched(index, ["Erdogan", "Köln"], a) == {"Erdogan", "Köln"}


async def test_five_thousand_entries_with_one_guid_and_link_are_one_story(tmp_path: Path) -> None:
    body = feed_of([item(f"Story {n}", 0, "<guid>same</guid>") for n in range(5_000)])
    with FeedServer() as server:
        url = server.route("/feed.xml", body=body)
        async with poller_for(tmp_path, [url]) as h:
            first = await h.poller.poll_once(url)
            again = await h.poller.poll_once(url)
    assert first.outcome == again.outcome == "ok"
    assert [a.title for a in first.new] == ["Story 0"]
    assert again.new == ()


async def test_a_feed_of_all_new_guids_at_every_poll_hands_on_a_bounded_number(
    tmp_path: Path,
) -> None:
    with FeedServer() as server:
        url = server.url("/feed.xml")
        seen: set[str] = set()
        async with poller_for(tmp_path, [url]) as h:
            for poll in range(3):
                items = [item(f"Poll {poll} story {n}", poll * 10_000 + n) for n in range(3_000)]
                server.route("/feed.xml", body=feed_of(items))
                result = await h.poller.poll_once(url)
                ids = {a.id for a in result.new}
                assert result.outcome == "ok"
                assert 0 < len(ids) <= MAX_ENTRIES
                assert not ids & seen  # nothing handed on twice
                seen |= ids


# Files a chat imports.

_LEVELS = ['<!ENTITY l0 "' + "a" * 50 + '">'] + [
    f'<!ENTITY l{n} "' + f"&l{n - 1};" * 10 + '">' for n in range(1, 10)
]
OPML_BOMB = (
    '<?xml version="1.0"?><!DOCTYPE opml [' + "".join(_LEVELS) + "]>"
    '<opml><body><outline xmlUrl="https://e.example/&l9;"/></body></opml>'
).encode()


def _outlines(count: int) -> bytes:
    rows = "".join(f'<outline xmlUrl="https://e{n}.example/"/>' for n in range(count))
    return f'<?xml version="1.0"?><opml><body>{rows}</body></opml>'.encode()


def test_an_opml_entity_bomb_is_not_expanded() -> None:
    found, peak = peak_of(lambda: read_import(OPML_BOMB))
    # Expanded, the link would be 50·10⁹ characters.
    assert [len(url) for url in found.items] == [len("https://e.example/&l9;")]
    assert peak < 5 * MB, f"peak {peak:,} bytes"


def test_an_opml_file_of_twelve_thousand_outlines_is_cut_at_the_item_limit() -> None:
    data = _outlines(12_000)
    assert len(data) <= MAX_IMPORT_BYTES
    found, peak = peak_of(lambda: read_import(data))
    assert (found.kind, len(found.items), found.skipped) == ("feeds", MAX_IMPORT_ITEMS, 11_800)
    assert peak < 20 * MB, f"peak {peak:,} bytes"


def test_an_opml_file_of_twenty_megabytes_is_refused_unread() -> None:
    with pytest.raises(UnreadableFile, match="larger than 512 KB"):
        read_import(_outlines(500_000))


# Article pages.

LEAD = "<p>Russian planes left the Khmeimim air base on Friday, officials said today.</p>"


def _page(body: str) -> bytes:
    return f"<html><head><title>Story</title></head><body>{body}</body></html>".encode()


@pytest.mark.parametrize(
    "page",
    [
        _page(LEAD + "".join(f"<a href='/l{n}'>link {n}</a> " for n in range(130_000))),
        _page("<div>" * 100_000 + LEAD * 20 + "</div>" * 100_000),
        _page((LEAD.replace("Khmeimim", "Khme\x00imim") + "\x00") * 20),
    ],
    ids=["130k-links", "100k-deep", "nul-bytes"],
)
async def test_a_hostile_page_costs_its_entry_at_most_its_full_text(
    tmp_path: Path, page: bytes
) -> None:
    teaser = "Khmeimim: planes left the base."
    with FeedServer() as server:
        server.route("/story", body=page, headers={"Content-Type": "text/html; charset=utf-8"})
        url = server.route(
            "/feed.xml",
            body=feed_of(
                [
                    item("Planes leave", 1)
                    .replace("https://e.example/1", server.url("/story"))
                    .replace("</title>", f"</title><description>{teaser}</description>")
                ]
            ),
        )
        async with poller_for(tmp_path, [url], fulltext=True, allow_private_urls=True) as h:
            result = await h.poller.poll_once(url)
            stored = h.articles.get(result.new[0].id) if result.new else None
    assert result.outcome == "ok"
    [a] = result.new
    assert stored is not None
    assert "Khmeimim" in a.text  # the page's text, or the feed's when the page was refused
    assert "\x00" not in a.text
    assert len(a.text) <= 100_000


def test_bidi_overrides_and_zero_width_characters_leave_feed_text() -> None:
    """A right-to-left override reverses the rest of the alert's line as displayed; zero-
    width characters inside a name hide it from the matcher."""
    body = feed_of([item("Good news \u202eseton dab", 1), item("Khme\u200dimim \u2067base", 2)])
    articles = parse_feed(body, url=FEED).articles
    assert [a.title for a in articles] == ["Good news seton dab", "Khmeimim base"]
    assert matched(index_of(["Khmeimim"]), ["Khmeimim"], articles[1]) == {"Khmeimim"}
