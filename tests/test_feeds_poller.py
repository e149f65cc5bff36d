"""The FeedPoller against a local HTTP server: caching, errors, backoff, safety, stories."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from email.utils import format_datetime
from functools import partial
from pathlib import Path
from typing import TypeVar

import httpx
import pytest

import bot.reading.poller
from bot.errors import StorageError
from bot.models import Article, utcnow
from bot.reading.poller import JITTER, MAX_BACKOFF_SECONDS
from storage.feedstate import TinyFeedStateStore, feeds_path
from tests.fakes.feed_server import FeedServer, Item, Request, Route, poller_for, rss

T = TypeVar("T")
WAIT = 10.0  # seconds an awaited event may take on a loaded machine before the test fails
TEASER = "A short teaser."
PAGE = (
    "<html><head><title>Page</title></head><body><nav>Home | World | Sport</nav>"
    "<article><h1>Full story</h1>"
    + "".join(
        f"<p>Paragraph {n} of the full story about the Hmeimim air base and the port of "
        "Tartous, with enough words to be an article body worth extracting here.</p>"
        for n in range(12)
    )
    + "</article><footer>Copyright</footer></body></html>"
).encode()


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as s:
        yield s


def fresh_items(n: int, base: str = "https://news.example.com/a") -> list[Item]:
    now = utcnow()
    return [
        Item(f"Headline number {i} about something new", f"{base}{i}", TEASER, now)
        for i in range(n)
    ]


async def test_new_stories_are_stored_then_passed_once(server: FeedServer, tmp_path: Path) -> None:
    url = server.route("/feed", body=rss(fresh_items(3)))
    async with poller_for(tmp_path, [url]) as h:
        first = await h.poller.poll_once(url)
        assert first.outcome == "ok"
        assert first.entries == 3
        assert [a.title for a in h.received] == [a.title for a in first.new]
        assert len(h.received) == 3
        assert all(h.articles.get(a.id) is not None for a in h.received)
        second = await h.poller.poll_once(url)
        assert second.outcome == "ok"
        assert second.new == ()
        assert second.stored == 0
        assert len(h.received) == 3


async def test_on_new_sees_articles_already_stored(server: FeedServer, tmp_path: Path) -> None:
    url = server.route("/feed", body=rss(fresh_items(2)))
    async with poller_for(tmp_path, [url]) as h:
        stored_when_called: list[bool] = []

        async def on_new(stories: list[Article]) -> None:
            stored_when_called.extend(h.articles.get(a.id) is not None for a in stories)

        h.poller.on_new = on_new
        await h.poller.poll_once(url)
    assert stored_when_called == [True, True]


async def test_first_poll_stores_old_entries_without_passing_them(
    server: FeedServer, tmp_path: Path
) -> None:
    now = utcnow()
    items = [
        Item("An old story from three days ago", "https://n.example.com/old", TEASER,
             now - timedelta(days=3)),
        Item("A story from an hour ago", "https://n.example.com/new", TEASER,
             now - timedelta(hours=1)),
    ]  # fmt: skip
    url = server.route("/feed", body=rss(items))
    async with poller_for(tmp_path, [url]) as h:
        result = await h.poller.poll_once(url)
        assert [a.title for a in h.received] == ["A story from an hour ago"]
        assert result.stored == 2
        assert len(h.articles) == 2
        # Later polls pass what is new to the bot, whatever its date.
        late = Item("Late old item", "https://n.example.com/x", TEASER, now - timedelta(days=2))
        server.route("/feed", body=rss([*items, late]))
        await h.poller.poll_once(url)
        assert [a.title for a in h.received][-1] == "Late old item"


async def test_conditional_get_304_costs_no_parse(
    server: FeedServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    modified = "Sat, 14 Dec 2024 13:20:00 GMT"
    url = server.route(
        "/feed", Route(body=rss(fresh_items(1)), etag='"v1"', last_modified=modified)
    )
    async with poller_for(tmp_path, [url]) as h:
        parses = []
        real_run = h.poller.workers.run

        async def counting_run(job: partial[T], *, limit: float, priority: int = 0) -> T:
            parses.append(job.func.__name__)
            return await real_run(job, limit=limit, priority=priority)

        monkeypatch.setattr(h.poller.workers, "run", counting_run)
        assert (await h.poller.poll_once(url)).outcome == "ok"
        second = await h.poller.poll_once(url)
        assert second.outcome == "not-modified"
        assert second.status == 304
        sent = server.requests_to("/feed")[-1].headers
        assert sent["if-none-match"] == '"v1"'
        assert sent["if-modified-since"] == modified
        assert parses == ["parse_at_most"]  # parse_feed, at most MAX_ENTRIES articles
        state = h.states.get(url)
        assert state is not None
        assert state.failures == 0
        assert state.etag == '"v1"'


async def test_feed_state_survives_a_restart(server: FeedServer, tmp_path: Path) -> None:
    url = server.route("/feed", Route(body=rss(fresh_items(1)), etag='"abc"'))
    async with poller_for(tmp_path, [url]) as h:
        await h.poller.poll_once(url)
    reopened = TinyFeedStateStore(feeds_path(tmp_path / "newsbot.json"))
    state = reopened.get(url)
    assert state is not None
    assert state.etag == '"abc"'
    assert state.last_success is not None
    assert state.title == "Test News"
    assert not (tmp_path / "newsbot.json").exists()  # never the main file


@pytest.mark.parametrize("status", [429, 503])
@pytest.mark.parametrize("form", ["seconds", "http-date"])
async def test_retry_after_is_honoured(
    server: FeedServer, tmp_path: Path, status: int, form: str
) -> None:
    wait = 1800
    value = str(wait)
    if form == "http-date":
        value = format_datetime(utcnow() + timedelta(seconds=wait), usegmt=True)
    url = server.route("/feed", status=status, headers={"Retry-After": value})
    async with poller_for(tmp_path, [url], poll_seconds=60) as h:
        result = await h.poller.poll_once(url)
        assert result.outcome == "failed"
        assert result.status == status
        state = h.states.get(url)
        assert state is not None
        assert state.next_poll is not None
        assert state.failures == 1
        delay = (state.next_poll - utcnow()).total_seconds()
        assert wait * (1 - JITTER) - 5 <= delay <= wait * (1 + JITTER)


async def test_failures_back_off_exponentially_then_recover(
    server: FeedServer, tmp_path: Path
) -> None:
    outcomes = iter([500, 500, 500, 200])

    def respond(request: Request) -> Route:
        status = next(outcomes)
        return Route(status=status, body=rss(fresh_items(1)) if status == 200 else b"oops")

    url = server.route("/feed", Route(respond=respond))
    async with poller_for(tmp_path, [url], poll_seconds=60) as h:
        delays = []
        for expected_failures in (1, 2, 3):
            result = await h.poller.poll_once(url)
            state = h.states.get(url)
            assert result.outcome == "failed"
            assert result.error == "HTTP 500"
            assert state is not None
            assert state.failures == expected_failures
            assert state.last_error == "HTTP 500"
            assert state.next_poll is not None
            delays.append((state.next_poll - utcnow()).total_seconds())
        assert delays[0] < delays[1] < delays[2]
        assert delays[2] == pytest.approx(60 * 2**3, rel=JITTER + 0.01)
        recovered = await h.poller.poll_once(url)
        state = h.states.get(url)
        assert recovered.outcome == "ok"
        assert state is not None
        assert state.failures == 0
        assert state.last_error == ""
        assert state.next_poll is None
        assert state.last_error_at is not None  # the last failure stays on record


async def test_backoff_is_capped_at_an_hour(server: FeedServer, tmp_path: Path) -> None:
    url = server.route("/feed", status=500)
    async with poller_for(tmp_path, [url], poll_seconds=60) as h:
        for _ in range(8):
            await h.poller.poll_once(url)
        state = h.states.get(url)
        assert state is not None
        assert state.failures == 8
        assert state.next_poll is not None
        delay = (state.next_poll - utcnow()).total_seconds()
        assert MAX_BACKOFF_SECONDS * (1 - JITTER) - 5 <= delay <= MAX_BACKOFF_SECONDS * (1 + JITTER)


async def test_a_slow_feed_never_delays_the_others(server: FeedServer, tmp_path: Path) -> None:
    """Ordered by events, not by the clock: the slow feed's answer is held until the fast
    feed was polled, so a poller whose slow poll held up the fast one gets no fast result
    at all (the bounded wait fails, long before the client's own timeout)."""
    asked = threading.Event()
    answer = threading.Event()  # the slow feed answers only once the fast one was polled

    def respond(request: Request) -> Route:
        asked.set()
        answer.wait(timeout=120.0)
        return Route(body=rss(fresh_items(1)))

    slow = server.route("/slow", Route(respond=respond))
    fast = server.route("/fast", body=rss(fresh_items(1, "https://other.example.com/")))
    client = httpx.AsyncClient(timeout=httpx.Timeout(120.0), trust_env=False)
    try:
        async with poller_for(tmp_path, [slow, fast], client=client) as h:
            slow_task = asyncio.create_task(h.poller.poll_once(slow))
            assert await asyncio.to_thread(asked.wait, WAIT)  # the slow poll is in flight
            fast_result = await asyncio.wait_for(h.poller.poll_once(fast), timeout=WAIT)
            assert fast_result.outcome == "ok"
            assert not slow_task.done()  # its answer is still held
            answer.set()
            slow_result = await asyncio.wait_for(slow_task, timeout=WAIT)
            assert slow_result.outcome == "ok"
    finally:
        answer.set()  # a failed wait leaves no server thread held
        await client.aclose()


async def test_a_slow_feed_times_out(server: FeedServer, tmp_path: Path) -> None:
    slow = server.route("/slow", Route(body=rss(fresh_items(1)), delay=30))
    client = httpx.AsyncClient(timeout=httpx.Timeout(0.5), trust_env=False)
    try:
        async with poller_for(tmp_path, [slow], client=client) as h:
            slow_result = await asyncio.wait_for(h.poller.poll_once(slow), timeout=20)
        assert slow_result.outcome == "failed"
        assert "timed out" in slow_result.error
    finally:
        await client.aclose()


async def test_huge_body_is_capped_while_streaming(server: FeedServer, tmp_path: Path) -> None:
    url = server.route("/huge", Route(stream_size=1024**3, headers={"Content-Type": "text/xml"}))
    async with poller_for(tmp_path, [url]) as h:
        result = await asyncio.wait_for(h.poller.poll_once(url), timeout=60)
    assert result.outcome == "failed"
    assert "too large" in result.error
    # The client stopped reading near the cap: the 1 GB never went through.
    assert server.bytes_sent.get("/huge", 0) < 200 * 1024**2


async def test_declared_huge_body_is_refused_before_reading(
    server: FeedServer, tmp_path: Path
) -> None:
    url = server.route("/big", Route(body=b"", headers={"Content-Length": str(1024**3)}))
    async with poller_for(tmp_path, [url]) as h:
        result = await asyncio.wait_for(h.poller.poll_once(url), timeout=30)
    assert result.outcome == "failed"
    assert "too large" in result.error


async def test_same_origin_redirect_is_followed(server: FeedServer, tmp_path: Path) -> None:
    server.route("/feed", body=rss(fresh_items(2)))
    old = server.route("/old", status=301, headers={"Location": "/feed"})
    async with poller_for(tmp_path, [old]) as h:
        result = await h.poller.poll_once(old)
    assert result.outcome == "ok"
    assert result.entries == 2


async def test_redirect_to_another_private_host_is_refused(
    server: FeedServer, tmp_path: Path
) -> None:
    server.route("/feed", body=rss(fresh_items(2)))
    # The operator listed 127.0.0.1; "localhost" is another host, also private.
    elsewhere = server.url("/feed", host="localhost")
    old = server.route("/old", status=302, headers={"Location": elsewhere})
    async with poller_for(tmp_path, [old]) as h:
        result = await h.poller.poll_once(old)
        assert result.outcome == "failed"
        assert "private address" in result.error
    assert server.requests_to("/feed") == []
    async with poller_for(tmp_path / "allowed", [old], allow_private_urls=True) as h:
        assert (await h.poller.poll_once(old)).outcome == "ok"


async def test_page_link_to_private_address_is_refused(server: FeedServer, tmp_path: Path) -> None:
    page = server.route("/page", body=PAGE, headers={"Content-Type": "text/html"})
    item = Item("Teaser only story about bases", page, TEASER, utcnow())
    url = server.route("/feed", body=rss([item]))
    async with poller_for(tmp_path, [url], fulltext=True) as h:
        result = await h.poller.poll_once(url)
        assert result.outcome == "ok"
        assert len(h.received) == 1
        assert "Hmeimim" not in h.received[0].text  # the page was never fetched
    assert server.requests_to("/page") == []
    async with poller_for(tmp_path / "b", [url], fulltext=True, allow_private_urls=True) as h:
        await h.poller.poll_once(url)
        assert len(h.received) == 1
        text = h.received[0].text
        assert "Hmeimim" in text
        assert "Tartous" in text
        assert "Home | World" not in text
        stored = h.articles.get(h.received[0].id)
        assert stored is not None
        assert stored.text == text
    assert len(server.requests_to("/page")) == 1


async def test_never_two_polls_of_one_feed_at_once(server: FeedServer, tmp_path: Path) -> None:
    arrivals: list[float] = []

    def respond(request: Request) -> Route:
        arrivals.append(time.monotonic())
        return Route(body=rss(fresh_items(1)), delay=0.3)

    url = server.route("/feed", Route(respond=respond))
    async with poller_for(tmp_path, [url]) as h:
        await asyncio.gather(h.poller.poll_once(url), h.poller.poll_once(url))
    assert len(arrivals) == 2
    assert arrivals[1] - arrivals[0] >= 0.25


async def test_per_host_limit_bounds_concurrency(server: FeedServer, tmp_path: Path) -> None:
    arrivals: list[float] = []

    def respond(request: Request) -> Route:
        arrivals.append(time.monotonic())
        return Route(body=rss(fresh_items(1, f"https://x.example.com{request.path}/")), delay=0.3)

    urls = [server.route(f"/f{i}", Route(respond=respond)) for i in range(3)]
    async with poller_for(tmp_path, urls) as h:
        h.poller._max_per_host = 1  # one connection at a time to this host
        h.poller._hosts.clear()
        results = await h.poller.poll_all()
    assert [r.outcome for r in results] == ["ok"] * 3
    arrivals.sort()
    assert arrivals[1] - arrivals[0] >= 0.25
    assert arrivals[2] - arrivals[1] >= 0.25


async def test_same_story_from_another_feed_is_a_second_source(
    server: FeedServer, tmp_path: Path
) -> None:
    now = utcnow()
    a = server.route("/a", body=rss([Item(
        "Russian cargo plane leaves Syria for Libya, more flights expected",
        "https://trt.example.com/story", TEASER, now)]))  # fmt: skip
    b = server.route("/b", body=rss([Item(
        "Russian cargo plane leaves Syria for Libya; more flights expected - Reuters",
        "https://reuters.example.com/other?utm_source=rss", TEASER, now)]))  # fmt: skip
    c = server.route("/c", body=rss([Item(
        "Russian cargo plane leaves Syria for Libya", "https://trt.example.com/story#top",
        TEASER, now)]))  # fmt: skip
    async with poller_for(tmp_path, [a, b, c]) as h:
        await h.poller.poll_once(a)
        await h.poller.poll_once(b)
        await h.poller.poll_once(c)  # same canonical URL as the first
        assert len(h.received) == 1
        first = h.received[0]
        second = h.articles.get_by_url("https://reuters.example.com/other")
        assert second is not None
        assert second.story_id == first.id
        assert len(h.articles) == 2


async def test_start_polls_on_schedule_and_stop_is_prompt(
    server: FeedServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Prompt against the poller's own wait, not a tight clock: with a minute's grace for
    # polls in flight, a stop that sat out the grace with nothing held up fails the bounded
    # wait, which a loaded machine passes.
    monkeypatch.setattr(bot.reading.poller, "STOP_GRACE_SECONDS", 60.0)
    loop = asyncio.get_running_loop()
    polled_twice = asyncio.Event()

    def respond(request: Request) -> Route:
        if len(server.requests_to("/feed")) >= 2:
            loop.call_soon_threadsafe(polled_twice.set)
        return Route(body=rss(fresh_items(1)))

    url = server.route("/feed", Route(respond=respond))
    async with poller_for(tmp_path, [url], poll_seconds=1) as h:
        await h.poller.start()
        await asyncio.wait_for(polled_twice.wait(), timeout=15)
        await asyncio.wait_for(h.poller.stop(), timeout=WAIT)


async def test_failures_are_logged_with_the_feed(
    server: FeedServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    url = server.route("/feed", status=500)
    with caplog.at_level(logging.WARNING, logger="bot.reading.poller"):
        async with poller_for(tmp_path, [url]) as h:
            await h.poller.poll_once(url)
    assert any(url in r.getMessage() and "HTTP 500" in r.getMessage() for r in caplog.records)


async def test_not_a_feed_is_a_recorded_failure(server: FeedServer, tmp_path: Path) -> None:
    url = server.route("/feed", body=b"<html><body>hello</body></html>")
    async with poller_for(tmp_path, [url]) as h:
        result = await h.poller.poll_once(url)
        state = h.states.get(url)
    assert result.outcome == "failed"
    assert "not a feed" in result.error
    assert state is not None
    assert state.failures == 1


async def test_stories_a_failed_store_write_lost_are_new_again_on_the_next_poll(
    server: FeedServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = server.route("/feed", body=rss(fresh_items(2)))
    async with poller_for(tmp_path, [url]) as h:
        real_add = h.articles.add

        def disk_full(articles: object) -> None:
            raise StorageError("newsbot.articles.json: cannot write (No space left on device)")

        monkeypatch.setattr(h.articles, "add", disk_full)
        failed = await h.poller.poll_once(url)
        assert failed.outcome == "failed"
        assert "No space left" in failed.error
        assert h.received == []
        monkeypatch.setattr(h.articles, "add", real_add)
        recovered = await h.poller.poll_once(url)
        assert recovered.outcome == "ok"
        # Nothing was stored, so nothing may count as already seen: both are new.
        assert len(recovered.new) == 2
        assert len(h.received) == 2
        assert len(h.articles) == 2


async def test_retries_are_jittered_so_feeds_never_poll_in_lockstep(
    server: FeedServer, tmp_path: Path
) -> None:
    urls = [server.route(f"/down{n}", status=500) for n in range(4)]
    async with poller_for(tmp_path, urls, poll_seconds=60) as h:
        delays = []
        for url in urls:
            await h.poller.poll_once(url)
            state = h.states.get(url)
            assert state is not None
            assert state.next_poll is not None
            delays.append((state.next_poll - utcnow()).total_seconds())
    # One failure each: 120 s, varied by the jitter, never all the same.
    assert all(120 * (1 - JITTER) - 5 <= d <= 120 * (1 + JITTER) for d in delays)
    assert max(delays) - min(delays) > 0.5


async def test_entries_a_feed_keeps_listing_are_not_news_again_after_retention(
    server: FeedServer, tmp_path: Path
) -> None:
    # Undated entries that a feed lists for months: once the store forgot them (retention),
    # only the feed's own memory of what it listed keeps them from alerting a second time.
    items = [Item(f"Evergreen guide {i}", f"https://news.example.com/g{i}", TEASER) for i in (1, 2)]
    url = server.route("/feed", body=rss(items))
    async with poller_for(tmp_path, [url], retention_days=7) as h:
        first = await h.poller.poll_once(url)
        assert len(first.new) == 2
        later = utcnow() + timedelta(days=8)
        h.poller.clock = lambda: later
        newer = Item("A genuinely new story", "https://news.example.com/n1", TEASER)
        server.route("/feed", body=rss([newer, *items]))
        second = await h.poller.poll_once(url)
        assert second.outcome == "ok"
        assert len(h.articles) == 1, "the store forgot the evergreen entries (retention)"
        assert [a.title for a in second.new] == ["A genuinely new story"]
        state = h.states.get(url)
        assert state is not None
        assert len(state.listed) == 3
