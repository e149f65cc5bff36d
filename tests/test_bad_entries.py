"""One bad entry never costs the others: links httpx cannot parse, lone surrogates in
JSON Feed and in RSS character references, an article the store refuses (issue 10)."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from bot.models import Article, utcnow
from bot.reading.articles import make_summary
from bot.reading.feeds import parse_feed
from storage.articles import TinyArticleStore, articles_path
from tests.fakes.feed_server import FeedServer, Item, poller_for, rss

TEASER = "A short teaser."
PAGE = (
    "<html><body><article><h1>Full story</h1>"
    + "".join(
        f"<p>Paragraph {n} of the full story about the harbour of Tartous, long enough to be "
        "an article body that the extractor keeps as the text of this page.</p>"
        for n in range(12)
    )
    + "</article></body></html>"
).encode()
# Links httpx refuses (InvalidURL), each of which made the whole feed fail on every poll.
BAD_LINKS = {
    "octal-ipv4": "http://010.8.8.8/story",
    "70000-chars": "https://news.example.com/" + "a" * 70_000,
    "soft-hyphen-host": "https://ex\u00adample.com/story",
}
SURROGATE_REF = "SURROGATE-REF-HERE"


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as s:
        yield s


def good_items(server: FeedServer, n: int) -> list[Item]:
    now = utcnow()
    return [
        Item(
            f"Good headline number {i} about the harbour",
            server.route(f"/page{i}", body=PAGE, headers={"Content-Type": "text/html"}),
            TEASER,
            now,
        )
        for i in range(n)
    ]


def bad_feed(server: FeedServer) -> tuple[bytes, list[str]]:
    """An RSS feed with a good entry before, between and after each bad one."""
    now = utcnow()
    bad = [Item(f"Bad link {name}", link, TEASER, now) for name, link in BAD_LINKS.items()]
    bad.append(Item(f"Bad title {SURROGATE_REF} here", "https://news.example.com/s", TEASER, now))
    good = good_items(server, len(bad) + 1)
    items = [good[0]]
    for b, g in zip(bad, good[1:], strict=True):
        items += [b, g]
    body = rss(items).replace(SURROGATE_REF.encode(), b"&#55296;")
    return body, [g.title for g in good]


async def test_good_entries_around_bad_ones_are_stored_and_handed_on(
    server: FeedServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    body, good = bad_feed(server)
    url = server.route("/feed", body=body)
    with caplog.at_level(logging.WARNING, logger="bot.reading.poller"):
        async with poller_for(tmp_path, [url], fulltext=True, allow_private_urls=True) as h:
            result = await h.poller.poll_once(url)
            assert result.outcome == "ok", result.error
            received = {a.title: a for a in h.received}
            for title in good:
                assert title in received
                assert "Tartous" in received[title].text  # its full text was read
                assert h.articles.get(received[title].id) is not None
            # The bad links are dropped, never fetched; the entries keep their headlines.
            for name in BAD_LINKS:
                assert received[f"Bad link {name}"].url == ""
            assert all("\ud800" not in a.title for a in h.received)
            first_log = [r.getMessage() for r in caplog.records]
            await h.poller.poll_once(url)
    problems = [m for m in first_log if url in m and "link dropped" in m]
    assert len(problems) == len(BAD_LINKS)
    assert any("Invalid IPv4" in m for m in problems)
    # Logged once: the second poll, listing the same bad entries, adds no line about them.
    assert len([r for r in caplog.records if "link dropped" in r.getMessage()]) == len(BAD_LINKS)


async def test_json_feed_item_with_a_lone_surrogate_costs_only_itself(
    server: FeedServer, tmp_path: Path
) -> None:
    now = utcnow().isoformat()
    items = [
        {"id": "1", "title": "Good JSON headline one", "url": "https://j.example.com/1",
         "content_text": "Body one.", "date_published": now},
        {"id": "2", "title": "Lone \ud800 surrogate", "url": "https://j.example.com/\udfff",
         "content_text": "Body \ud800 two.", "summary": "\ud800", "date_published": now},
        {"id": "3", "title": "Good JSON headline three", "url": "https://j.example.com/3",
         "content_text": "Body three.", "date_published": now},
    ]  # fmt: skip
    body = json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": items}).encode()
    assert b"\\ud800" in body
    url = server.route("/feed.json", body=body, headers={"Content-Type": "application/json"})
    async with poller_for(tmp_path, [url]) as h:
        result = await h.poller.poll_once(url)
        assert result.outcome == "ok", result.error
        titles = sorted(a.title for a in h.received)
        assert titles == ["Good JSON headline one", "Good JSON headline three", "Lone surrogate"]
        assert len(h.articles) == 3
    reopened = TinyArticleStore(articles_path(tmp_path / "newsbot.json"))
    assert sorted(a.title for a in reopened.recent(10)) == titles
    reopened.close()


async def test_an_article_the_store_refuses_costs_only_itself(
    server: FeedServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = [Item(f"Headline number {i} of the batch", f"https://n.example.com/{i}", TEASER,
                  utcnow()) for i in range(3)]  # fmt: skip
    url = server.route("/feed", body=rss(items))
    async with poller_for(tmp_path, [url]) as h:
        real_add = h.articles.add

        def refuse_one(articles: Sequence[Article]) -> None:
            if any(a.url.endswith("/1") for a in articles):
                raise ValueError("cannot encode this article")
            real_add(articles)

        monkeypatch.setattr(h.articles, "add", refuse_one)
        result = await h.poller.poll_once(url)
        assert result.outcome == "ok", result.error
        assert sorted(a.url for a in h.received) == [
            "https://n.example.com/0",
            "https://n.example.com/2",
        ]
        assert result.stored == 2
        assert len(h.articles) == 2


@pytest.mark.parametrize(
    "reference", ["&#55296;", "&#xDFFF;", "&#1114112;", "&#99999999999999999999;"]
)
def test_a_bad_character_reference_costs_no_entry(reference: str) -> None:
    body = (
        '<rss version="2.0"><channel><title>T</title>'
        f"<item><title>Before</title><link>https://n.example.com/1</link></item>"
        f"<item><title>Bad {reference} title</title><link>https://n.example.com/2</link></item>"
        f"<item><title>After</title><link>https://n.example.com/3</link></item>"
        "</channel></rss>"
    ).encode()
    parsed = parse_feed(body, url="https://n.example.com/feed")
    assert [a.title for a in parsed.articles] == ["Before", "Bad \ufffd title", "After"]


def test_an_entry_that_fails_to_read_is_skipped_and_said(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import bot.reading.feeds as feeds

    def breaks_on_two(description: str, text: str, title: str = "") -> str:
        if title == "Two":
            raise RuntimeError("a bug met by one entry")
        return make_summary(description, text, title)

    monkeypatch.setattr(feeds, "make_summary", breaks_on_two)
    body = b"".join(
        b"<item><title>%s</title><link>https://n.example.com/%s</link></item>" % (t, t)
        for t in (b"One", b"Two", b"Three")
    )
    parsed = parse_feed(
        b'<rss version="2.0"><channel><title>T</title>' + body + b"</channel></rss>"
    )
    assert [a.title for a in parsed.articles] == ["One", "Three"]
    assert len(parsed.problems) == 1
    assert parsed.problems[0].startswith("entry 2 skipped: RuntimeError")
