"""The poller with chat-added feeds: each polled once, never trusted with a private
address, picked up and dropped while running, and a story they share with another feed
handed on for the chats that see only them."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot.models import utcnow
from tests.fakes.feed_server import FeedServer, Item, poller_for, rss


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as s:
        yield s


def one_item(title: str, link: str) -> bytes:
    return rss([Item(title, link, "A teaser.", utcnow())])


async def until(condition: Callable[[], bool]) -> None:
    """A bounded wait: the condition, looked at every 20 ms, within 10 s."""
    async with asyncio.timeout(10.0):
        while not condition():  # noqa: ASYNC110 - the server's requests have no event
            await asyncio.sleep(0.02)


async def test_operator_and_chat_feeds_are_each_polled_once(
    server: FeedServer, tmp_path: Path
) -> None:
    a = server.route("/a", body=one_item("Story on the operator feed", "https://x.example/1"))
    b = server.route("/b", body=one_item("Story on the chat feed", "https://x.example/2"))
    chat_feeds = [b, a, b]  # two chats added b; one added the operator's own a
    async with poller_for(
        tmp_path, [a], chat_feeds=lambda: chat_feeds, allow_private_urls=True
    ) as h:
        assert h.poller.feeds == (a, b)
        results = await h.poller.poll_all()
    assert [r.outcome for r in results] == ["ok", "ok"]
    assert len(server.requests_to("/a")) == 1
    assert len(server.requests_to("/b")) == 1


async def test_a_chat_feed_on_a_private_address_is_refused_unless_allowed(
    server: FeedServer, tmp_path: Path
) -> None:
    a = server.route("/a", body=one_item("Operator story", "https://x.example/1"))
    b = server.route("/b", body=one_item("Chat story", "https://x.example/2"))
    async with poller_for(tmp_path, [a], chat_feeds=lambda: [b]) as h:
        operator, chat = await h.poller.poll_all()
    assert operator.outcome == "ok"  # the operator's feeds are trusted
    assert chat.outcome == "failed"
    assert "private address" in chat.error
    assert server.requests_to("/b") == []
    async with poller_for(
        tmp_path / "allowed", [a], chat_feeds=lambda: [b], allow_private_urls=True
    ) as h:
        assert (await h.poller.poll_once(b)).outcome == "ok"


async def test_feeds_chats_add_and_remove_are_picked_up_while_running(
    server: FeedServer, tmp_path: Path
) -> None:
    a = server.route("/a", body=one_item("Operator story", "https://x.example/1"))
    b = server.route("/b", body=one_item("Chat story", "https://x.example/2"))
    chat_feeds: list[str] = []
    async with poller_for(
        tmp_path,
        [a],
        chat_feeds=lambda: chat_feeds,
        allow_private_urls=True,
        poll_seconds=1.0,
    ) as h:
        await h.poller.start()
        chat_feeds.append(b)
        h.poller.refresh()
        await until(lambda: h.states.get(b) is not None)  # polled, and its state recorded
        chat_feeds.clear()
        h.poller.refresh()
        assert h.poller.feeds == (a,)
        polled = len(server.requests_to("/b"))
        # The operator's feed goes on: wait for two more of its polls, then b is still.
        seen_a = len(server.requests_to("/a"))
        await until(lambda: len(server.requests_to("/a")) >= seen_a + 2)
        assert len(server.requests_to("/b")) == polled


async def test_a_poller_started_with_no_feed_at_all_picks_up_the_first_one(
    server: FeedServer, tmp_path: Path
) -> None:
    b = server.route("/b", body=one_item("Chat story", "https://x.example/2"))
    chat_feeds: list[str] = []
    async with poller_for(
        tmp_path, [], chat_feeds=lambda: chat_feeds, allow_private_urls=True, poll_seconds=1.0
    ) as h:
        await h.poller.start()
        chat_feeds.append(b)
        h.poller.refresh()
        await until(lambda: h.states.get(b) is not None)
        # Gone from the chats without a refresh (a chat's /stop): the poller finds out
        # within an interval by itself, and stops polling it.
        chat_feeds.clear()
        await until(lambda: h.poller.feeds == ())
        polled = len(server.requests_to("/b"))
        await h.poller.poll_all()  # polls nothing now
        assert len(server.requests_to("/b")) == polled


async def test_a_story_first_read_elsewhere_is_handed_on_from_a_chat_feed(
    server: FeedServer, tmp_path: Path
) -> None:
    title = "Russian cargo plane leaves Syria for Libya, more flights expected"
    a = server.route("/a", body=one_item(title, "https://trt.example.com/story"))
    b = server.route("/b", body=one_item(title, "https://trt.example.com/story?utm_source=x"))
    c = server.route("/c", body=one_item(title + " - Reuters", "https://reuters.example/s"))
    async with poller_for(tmp_path, [a], chat_feeds=lambda: [b, c], allow_private_urls=True) as h:
        await h.poller.poll_once(a)
        first = h.received[-1]
        await h.poller.poll_once(b)  # the same article (same canonical URL)
        await h.poller.poll_once(c)  # the same story under another title and link
        assert len(h.received) == 3
        same, other = h.received[1], h.received[2]
        assert (same.feed, same.story) == (b, first.id)
        assert (other.feed, other.story) == (c, first.id)
        assert other.url == "https://reuters.example/s"
        await h.poller.poll_once(b)  # listed before: not handed on again
        assert len(h.received) == 3
