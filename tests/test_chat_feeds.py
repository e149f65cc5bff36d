"""The rules of each chat's own sources, without the network: FeedService with a fake
probe, the files of /export and /import, and the feed links a page announces."""

from __future__ import annotations

import asyncio

import listparser
import pytest

from bot.chats.feed_replies import feed_list
from bot.chats.feeds import (
    FeedAdded,
    FeedKnown,
    FeedLine,
    FeedList,
    FeedRefused,
    FeedRemoved,
    FeedService,
    ScopeChanged,
    chat_feed_urls,
    feed_key,
    normalise_url,
)
from bot.chats.subscriptions import SubscriptionService
from bot.chats.transfer import (
    MAX_IMPORT_BYTES,
    MAX_IMPORT_ITEMS,
    ImportFile,
    UnreadableFile,
    feeds_opml,
    import_file,
    read_import,
    subscriptions_text,
)
from bot.errors import FeedError
from bot.i18n import languages, translator
from bot.models import Chat
from bot.reading.discovery import ProbedFeed, announced_feeds
from bot.telegram_text import visible_len
from storage.memory import MemoryChatStore
from tests.fakes.telegram_server import parse_html

OPERATOR = "https://operator.example/rss"


class FakeProbe:
    """Reads every URL as a feed with two entries, except those it is told are bad."""

    def __init__(self, bad: dict[str, str] | None = None) -> None:
        self.bad = bad or {}
        self.asked: list[str] = []

    async def __call__(self, url: str) -> ProbedFeed:
        self.asked.append(url)
        if url in self.bad:
            raise FeedError(url, self.bad[url])
        if url.endswith("/empty"):
            return ProbedFeed(url, "Empty", 0)
        return ProbedFeed(url, f"Title of {url}", 2)


def service(
    store: MemoryChatStore | None = None,
    probe: FakeProbe | None = None,
    *,
    enabled: bool = True,
    max_per_chat: int = 20,
    max_feeds: int = 1000,
) -> tuple[FeedService, list[int]]:
    changes: list[int] = []
    feeds = FeedService(
        store or MemoryChatStore(),
        probe=probe or FakeProbe(),
        operator_feeds=(OPERATOR,),
        on_change=lambda: changes.append(1),
        enabled=enabled,
        max_per_chat=max_per_chat,
        max_feeds=max_feeds,
    )
    return feeds, changes


def add(feeds: FeedService, chat: int, text: str) -> object:
    return asyncio.run(feeds.add(chat, text))


def test_add_reads_the_feed_once_and_keeps_it() -> None:
    probe = FakeProbe()
    feeds, changes = service(probe=probe)
    result = add(feeds, 1, "example.com/rss")  # no scheme: https is assumed
    assert result == FeedAdded("https://example.com/rss", "Title of https://example.com/rss", 2, 1)
    assert probe.asked == ["https://example.com/rss"]
    assert feeds.chat(1).feeds == ("https://example.com/rss",)
    assert changes == [1]  # the poller was told
    assert add(feeds, 1, "https://example.com/rss") == FeedKnown("https://example.com/rss", 1)
    assert add(feeds, 1, OPERATOR) == FeedKnown(OPERATOR, 0)
    assert probe.asked == ["https://example.com/rss"]  # duplicates are not fetched


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        pytest.param("ftp://x.example/rss", "only http and https", id="scheme"),
        pytest.param("a b", "give one URL", id="two-words"),
        pytest.param("https://x.example/" + "a" * 2000, "longer than", id="too-long"),
        pytest.param("https://bad.example/rss", "could not read it as a feed: HTTP 404", id="bad"),
        pytest.param("https://x.example/empty", "no entries", id="empty"),
    ],
)
def test_add_refuses_with_a_reason(text: str, reason: str) -> None:
    feeds, changes = service(probe=FakeProbe({"https://bad.example/rss": "HTTP 404"}))
    result = add(feeds, 1, text)
    assert isinstance(result, FeedRefused)
    assert reason in result.reason
    assert feeds.chat(1).feeds == ()
    assert changes == []


def test_limits_per_chat_and_in_all_count_a_shared_feed_once() -> None:
    store = MemoryChatStore()
    feeds, _ = service(store, max_per_chat=2, max_feeds=3)
    for n in (1, 2):
        assert isinstance(add(feeds, 1, f"https://a.example/{n}"), FeedAdded)
    third = add(feeds, 1, "https://a.example/3")
    assert isinstance(third, FeedRefused)
    assert "most feeds it may add (2)" in third.reason
    assert isinstance(add(feeds, 2, "https://a.example/3"), FeedAdded)  # 3 distinct in all
    busy = add(feeds, 2, "https://a.example/4")
    assert isinstance(busy, FeedRefused)
    assert "as many feeds as it can" in busy.reason
    assert isinstance(add(feeds, 2, "https://a.example/1"), FeedAdded)  # shared: no new one
    assert chat_feed_urls(store) == [f"https://a.example/{n}" for n in (1, 2, 3)]


def test_limits_hold_when_adds_overlap_while_their_feeds_load() -> None:
    feeds, _ = service(max_per_chat=2)

    async def three_at_once() -> list[object]:
        return list(
            await asyncio.gather(*(feeds.add(1, f"https://a.example/{n}") for n in range(3)))
        )

    results = asyncio.run(three_at_once())
    assert sum(isinstance(r, FeedAdded) for r in results) == 2
    assert sum(isinstance(r, FeedRefused) for r in results) == 1
    assert len(feeds.chat(1).feeds) == 2


def test_switched_off_refuses_without_fetching_and_lists_only_the_operators() -> None:
    store = MemoryChatStore()
    store.save_chat(Chat(1, feeds=("https://a.example/1",), own_feeds_only=True))
    probe = FakeProbe()
    feeds, _ = service(store, probe=probe, enabled=False)
    result = add(feeds, 1, "https://a.example/2")
    assert isinstance(result, FeedRefused)
    assert "chat feeds are off" in result.reason
    assert probe.asked == []
    listing = feeds.sources(1)
    assert listing.own == ()
    assert listing.only is False
    assert [line.url for line in listing.operator] == [OPERATOR]


def test_remove_by_number_url_or_key_and_only_all() -> None:
    store = MemoryChatStore()
    feeds, changes = service(store)
    for n in (1, 2, 3):
        add(feeds, 1, f"https://a.example/{n}")
    assert feeds.set_only(1, True) == ScopeChanged(only=True, changed=True)
    assert feeds.set_only(1, True) == ScopeChanged(only=True, changed=False)
    assert isinstance(feeds.remove(1, "2"), FeedRemoved)
    assert isinstance(feeds.remove(1, "https://a.example/3"), FeedRemoved)
    assert feeds.chat(1).feeds == ("https://a.example/1",)
    gone = feeds.remove(1, "5")
    assert isinstance(gone, FeedRefused)
    assert gone.reason == "there is no feed 5: this chat has 1"
    removed = feeds.remove_by_key(1, feed_key("https://a.example/1"))
    assert removed == FeedRemoved("https://a.example/1", "")
    # The last own feed gone: "only" would leave the chat with nothing, so it ends too.
    assert feeds.chat(1).own_feeds_only is False
    assert isinstance(feeds.set_only(1, True), FeedRefused)
    assert isinstance(feeds.remove_by_key(1, feed_key("https://a.example/1")), FeedRefused)
    assert len(changes) == 3 + 3  # three adds, three removals


def test_normalise_url() -> None:
    assert normalise_url(" <https://x.example/rss> ") == "https://x.example/rss"
    assert normalise_url("x.example/feed") == "https://x.example/feed"
    assert normalise_url("HTTP://X.example/") == "HTTP://X.example/"
    with pytest.raises(ValueError, match="only http and https"):
        normalise_url("javascript://alert(1)")


# -- files --------------------------------------------------------------------------------


def test_opml_escapes_every_attribute_and_reads_back_with_listparser() -> None:
    feeds = [
        FeedLine("https://a.example/rss?x=1&y=<2>", 'News & "Views" <World>'),
        FeedLine("https://b.example/feed", ""),
    ]
    opml = feeds_opml(feeds)
    assert opml.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    assert b"&amp;" in opml
    assert b"<World>" not in opml
    parsed = listparser.parse(opml)
    assert not parsed.bozo
    assert [(f.url, f.title) for f in parsed.feeds] == [
        ("https://a.example/rss?x=1&y=<2>", 'News & "Views" <World>'),
        ("https://b.example/feed", "https://b.example/feed"),
    ]
    assert read_import(opml) == ImportFile("feeds", tuple(f.url for f in feeds))


def test_text_files_hold_one_query_a_line() -> None:
    store = MemoryChatStore()
    subs = [store.add_subscription(1, q) for q in ("Khmeimim", '"air base" -ukraine')]
    text = subscriptions_text(subs)
    assert text == b'Khmeimim\n"air base" -ukraine\n'
    found = read_import(b"\xef\xbb\xbf# mine\r\n" + text + b"\n  \nKhmeimim\n")
    assert found == ImportFile("queries", ("Khmeimim", '"air base" -ukraine'))


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        pytest.param(b"", "empty", id="empty"),
        pytest.param(b"# only a comment\n", "empty", id="comments"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00", "not text", id="binary"),
        pytest.param(b"caf\xe9\n", "not UTF-8", id="latin-1"),
        pytest.param(b"<opml><body><outline text='x'/></body></opml>", "no feeds", id="no-feeds"),
        pytest.param(b"<html><body>hi</body></html>", "no feeds", id="html"),
        pytest.param(b"a\n" * (MAX_IMPORT_BYTES // 2 + 1), "larger than", id="too-large"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(UnreadableFile, match=reason):
        read_import(data)


def test_a_long_file_is_cut_and_says_how_much_was_left_out() -> None:
    found = read_import("".join(f"topic{n}\n" for n in range(MAX_IMPORT_ITEMS + 5)).encode())
    assert len(found.items) == MAX_IMPORT_ITEMS
    assert found.skipped == 5


def test_import_counts_added_duplicates_and_refusals() -> None:
    store = MemoryChatStore()
    subscriptions = SubscriptionService(store, max_subscriptions=3, max_query_length=50)
    feeds, _ = service(store, probe=FakeProbe({"https://bad.example/rss": "HTTP 404"}))
    subscriptions.subscribe(1, "syria")
    queries = ImportFile("queries", ("syria", "Tartus", "-ukraine", "Libya", "Kyiv"))
    summary = asyncio.run(import_file(1, queries, feeds=feeds, subscriptions=subscriptions))
    assert (summary.added, summary.duplicates) == (2, 1)
    assert [item for item, _ in summary.refused] == ["-ukraine", "Kyiv"]
    assert "the chat has the maximum of 3" in summary.refused[1][1]
    urls = ImportFile("feeds", ("https://a.example/rss", OPERATOR, "https://bad.example/rss"))
    summary = asyncio.run(import_file(1, urls, feeds=feeds, subscriptions=subscriptions))
    assert (summary.added, summary.duplicates) == (1, 1)
    assert summary.refused == (
        ("https://bad.example/rss", "could not read it as a feed: HTTP 404"),
    )


# -- autodiscovery --------------------------------------------------------------------------


def test_a_page_announces_its_feeds() -> None:
    page = (
        b"<html><head>"
        b'<link rel="stylesheet" type="text/css" href="/s.css">'
        b'<LINK REL="Alternate" TYPE="application/rss+xml" HREF="/rss.xml">'
        b'<link rel="alternate" type="application/atom+xml; charset=utf-8" href="atom">'
        b'<link rel="alternate" type="application/json" href="/wp-json/wp/v2/pages/1">'
        b'<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">'
        b'<link rel="alternate" type="application/rss+xml" href="/rss.xml">'
        b"</head><body><p>Hello</body></html>"
    )
    assert announced_feeds(page, "https://s.example/news/index.html") == [
        "https://s.example/rss.xml",
        "https://s.example/news/atom",
    ]
    assert announced_feeds(b"<html><body>no feed</body></html>", "https://s.example/") == []


@pytest.mark.parametrize("language", languages())
@pytest.mark.parametrize("count", [1, 20, 300])
def test_the_feed_list_fits_one_message_however_many_feeds(count: int, language: str) -> None:
    own = tuple(
        FeedLine(f"https://feeds.example/{n}/" + "path/" * 60, "A title & more " * 10)
        for n in range(count)
    )
    operator = tuple(FeedLine(f"https://op.example/{n}", "Operator " * 20) for n in range(40))
    t = translator(language)
    answer = feed_list(t, FeedList(operator, own, only=False, enabled=True))
    assert visible_len(answer.html) <= 4096
    shown = min(count, 42)  # 2,400 characters in lines of at least 56
    last = next(x for x in parse_html(answer.html).splitlines() if x.startswith(f"{shown}. "))
    assert f"https://feeds.example/{shown - 1}/" in last
    if count > shown:
        more = t.gettext("… and {count} more (/feeds remove N)").format(count=count - shown)
        assert more in answer.html
    assert len(answer.buttons) == shown
    assert all(len(data.encode()) <= 64 for _, data in answer.buttons)
