"""Each chat's own sources end to end: the real Application over HTTP against the fake
Bot API, feeds and pages from the local feed server.

The feed server listens on 127.0.0.1: a chat-added feed is fetched like any outside URL,
so these tests allow private addresses (NEWSBOT_ALLOW_PRIVATE_URLS=1) for the happy
path, and leave them refused to see the refusal.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import listparser
import pytest

from bot.models import Story, utcnow
from bot.reading.poller import FeedPoller
from storage.articles import TinyArticleStore, articles_path
from storage.feedstate import TinyFeedStateStore, feeds_path
from tests.e2e import BotUnderTest, running_bot
from tests.fakes.feed_server import FeedServer, Item, Request, Route, rss
from tests.fakes.telegram_server import FakeTelegram

NOW = utcnow()


def item(n: int, title: str) -> Item:
    return Item(
        title=title,
        link=f"https://own.example/story-{n}",
        description=f"{title}. More in the full story.",
        published=NOW - timedelta(minutes=30 - n),
        guid=f"own-{n}",
    )


PLANE = item(1, "Russian cargo plane leaves Hmeimim for Libya")
PORT = item(2, "Tartus port reopens after the storm")
SITE = (
    b"<!doctype html><html><head><title>Own News</title>"
    b'<link rel="stylesheet" href="/style.css">'
    b'<link rel="alternate" type="application/rss+xml" title="Own News" href="/rss.xml">'
    b"</head><body><p>Welcome</p></body></html>"
)


@asynccontextmanager
async def feeds_bot(
    fake: FakeTelegram, tmp_path: Path, **overrides: Any
) -> AsyncIterator[BotUnderTest]:
    """The bot with real article and feed-state stores; its poller is polled by hand."""
    overrides.setdefault("fulltext", False)
    db = tmp_path / "newsbot.json"
    async with running_bot(
        fake,
        db_path=db,
        articles=TinyArticleStore(articles_path(db), fsync=False),
        feed_states=TinyFeedStateStore(feeds_path(db), fsync=False),
        client=httpx.AsyncClient(timeout=10.0, trust_env=False),
        feeds=(),
        **overrides,
    ) as bot:
        yield bot


def poller_of(bot: BotUnderTest) -> FeedPoller:
    poller = bot.services.reader.poller
    assert isinstance(poller, FeedPoller)
    return poller


async def test_a_chat_adds_a_site_its_feed_alerts_it_and_no_other_chat(
    fake_telegram: FakeTelegram, feeds: FeedServer, tmp_path: Path
) -> None:
    site = feeds.route("/site.html", body=SITE, headers={"Content-Type": "text/html"})
    rss_url = feeds.route(
        "/rss.xml",
        body=rss([PLANE, PORT], title="Own News & Views"),
        headers={"Content-Type": "application/rss+xml"},
    )
    async with feeds_bot(fake_telegram, tmp_path, allow_private_urls=True) as bot:
        await bot.send(42, "/subscribe Khmeimim")
        await bot.send(43, "/subscribe Khmeimim")  # a chat without that feed

        added = await bot.send(42, f"/feeds add {site}")
        assert added.text.startswith("Added feed 1: Own News & Views, 2 entries now.")
        assert rss_url in added.text
        # Read once: the page, then the feed it announces (which the running poller may
        # also have polled by now: its first poll comes at a random moment of a minute).
        assert len(feeds.requests_to("/site.html")) == 1
        assert len(feeds.requests_to("/rss.xml")) >= 1
        assert poller_of(bot).feeds == (rss_url,)  # polled from now on

        listing = await bot.send(42, "/feeds")
        assert f"1. {rss_url}" in listing.text
        assert len(listing.buttons) == 1

        again = await bot.send(42, f"/feeds add {rss_url}")
        assert again.text == "This chat already has that feed (number 1 in /feeds)."

        await poller_of(bot).poll_once(rss_url)
        alert = await fake_telegram.next_message_async(42)
        assert alert.text.startswith("🔔 Russian cargo plane leaves Hmeimim for Libya")
        # Chat 43 follows the same words but not that feed: nothing queued for it.
        story = Story.from_article(bot.services.articles.recent(10)[-1]).id
        assert bot.services.outbox.status(42, story) is not None
        assert bot.services.outbox.status(43, story) is None

        latest = await bot.send(43, "/latest Hmeimim")
        assert "Russian cargo plane" not in latest.text
        latest = await bot.send(42, "/latest Hmeimim")
        assert "Russian cargo plane" in latest.text

        only = await bot.send(42, "/feeds only")
        assert only.text == "This chat's subscriptions now see only its own feeds."
        listing = await bot.send(42, "/feeds")
        assert "see only its own feeds" in listing.text
        back = await bot.send(42, "/feeds all")
        assert back.text == "This chat's subscriptions see the bot's feeds and its own."

        await bot.send(42, "/feeds")
        answer = await bot.press(42, listing.buttons[0][1])
        assert answer["text"].startswith("Removed the feed")
        chat = bot.services.chats.get_chat(42)
        assert chat is not None
        assert chat.feeds == ()
        assert poller_of(bot).feeds == ()


async def test_a_chat_feed_on_a_private_address_is_refused(
    fake_telegram: FakeTelegram, feeds: FeedServer, tmp_path: Path
) -> None:
    rss_url = feeds.route("/rss.xml", body=rss([PLANE]))
    async with feeds_bot(fake_telegram, tmp_path) as bot:  # private addresses not allowed
        refused = await bot.send(42, f"/feeds add {rss_url}")
        assert refused.text.startswith("⚠️ Could not read it as a feed: refused: 127.0.0.1")
        assert "private address" in refused.text
        assert "\n" not in refused.text
        assert feeds.requests_to("/rss.xml") == []
        chat = bot.services.chats.get_chat(42)
        assert chat is None or chat.feeds == ()
        assert poller_of(bot).feeds == ()


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        ("/feeds add", "Usage: /feeds"),
        ("/feeds add ftp://example.org/rss", "⚠️ Only http and https feeds can be added."),
        ("/feeds add two words", "⚠️ Give one URL"),
        ("/feeds remove 3", "⚠️ This chat has no feeds of its own."),
        ("/feeds only", "⚠️ This chat has no feeds of its own yet"),
        ("/feeds sideways", "Usage: /feeds"),
        ("/export now", "Usage: /export"),
        ("/import", "Usage: reply /import"),
    ],
)
async def test_bad_input_gets_a_one_line_answer(bot: BotUnderTest, text: str, reply: str) -> None:
    answer = await bot.send(42, text)
    assert answer.text.startswith(reply)
    assert "\n" not in answer.text


async def test_limits_per_chat_in_all_and_switched_off(
    fake_telegram: FakeTelegram, feeds: FeedServer, tmp_path: Path
) -> None:
    a = feeds.route("/a.xml", body=rss([PLANE], title="A"))
    b = feeds.route("/b.xml", body=rss([PORT], title="B"))
    async with feeds_bot(
        fake_telegram, tmp_path, allow_private_urls=True, max_feeds_per_chat=1, max_feeds=1
    ) as bot:
        assert (await bot.send(42, f"/feeds add {a}")).text.startswith("Added feed 1: A")
        full = await bot.send(42, f"/feeds add {b}")
        assert full.text.startswith("⚠️ This chat has the most feeds it may add (1)")
        busy = await bot.send(43, f"/feeds add {b}")
        assert busy.text.startswith("⚠️ The bot follows as many feeds as it can")
        # A feed another chat added is polled once already: it does not count again.
        assert (await bot.send(43, f"/feeds add {a}")).text.startswith("Added feed 1: A")
        assert poller_of(bot).feeds == (a,)
    async with feeds_bot(
        fake_telegram, tmp_path / "off", allow_private_urls=True, chat_feeds=False
    ) as bot:
        before = len(feeds.requests_to("/a.xml"))
        off = await bot.send(42, f"/feeds add {a}")
        assert off.text.startswith("⚠️ This bot reads only its operator's feeds")
        assert len(feeds.requests_to("/a.xml")) == before  # not even tried
        assert poller_of(bot).feeds == ()


async def test_export_then_import_in_another_chat_round_trips(
    fake_telegram: FakeTelegram, feeds: FeedServer, tmp_path: Path
) -> None:
    a = feeds.route("/a.xml", body=rss([PORT], title='News & "Views" of the World'))
    gone = feeds.url("/gone.xml")  # 404
    async with feeds_bot(fake_telegram, tmp_path, allow_private_urls=True) as bot:
        await bot.send(42, "/subscribe Khmeimim")
        await bot.send(42, '/subscribe "air base" -ukraine')
        await bot.send(42, f"/feeds add {a}")
        await poller_of(bot).poll_once(a)  # the feed's title is known from its poll

        first = await bot.send(42, "/export")  # two files, then a message
        second = await fake_telegram.next_message_async(42)
        assert first.document is not None
        assert second.document is not None
        summary = await fake_telegram.next_message_async(42)
        assert summary.text.startswith("Exported 1 feed and 2 subscriptions.")
        files = dict(fake_telegram.documents(42))
        assert sorted(files) == ["newsbot-feeds.opml", "newsbot-subscriptions.txt"]
        opml = files["newsbot-feeds.opml"]
        parsed = listparser.parse(opml)
        assert [(f.url, f.title) for f in parsed.feeds] == [(a, 'News & "Views" of the World')]
        queries = files["newsbot-subscriptions.txt"].decode("utf-8").splitlines()
        assert queries == ["Khmeimim", '"air base" -ukraine']

        # Another (private) chat sends both files back; an extra feed that is gone and an
        # extra query that does not parse are refused with their reasons.
        broken = opml.replace(
            b"</body>", f'<outline type="rss" text="x" xmlUrl="{gone}"/></body>'.encode()
        )
        fake_telegram.document(50, "feeds.opml", broken)
        imported = await fake_telegram.next_message_async(50)
        assert imported.text.startswith("Imported feeds: 1 added, 0 already there, 1 refused.")
        assert f"{gone}: could not read it as a feed: answered HTTP 404" in imported.text
        text = files["newsbot-subscriptions.txt"] + b"-ukraine\n"
        text_id = fake_telegram.document(50, "subscriptions.txt", text)
        imported = await fake_telegram.next_message_async(50)
        assert imported.text.startswith(
            "Imported subscriptions: 2 added, 0 already there, 1 refused."
        )
        assert "-ukraine: The query has only exclusions" in imported.text

        # /import as a reply to the file: everything is a duplicate now.
        fake_telegram.command(50, "/import", reply_to=text_id)
        again = await fake_telegram.next_message_async(50)
        assert again.text.startswith("Imported subscriptions: 0 added, 2 already there")

        chat = bot.services.chats.get_chat(50)
        assert chat is not None
        assert chat.feeds == (a,)
        mine = [s.query for s in bot.services.subscriptions.subscriptions(50)]
        assert mine == queries


async def test_a_file_that_is_neither_opml_nor_text_is_refused(bot: BotUnderTest) -> None:
    bot.fake.document(42, "photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(100))
    answer = await bot.fake.next_message_async(42)
    assert answer.text == "⚠️ Nothing imported: that file is not text."
    bot.fake.document(42, "empty.opml", b"<opml><body></body></opml>")
    answer = await bot.fake.next_message_async(42)
    assert answer.text == "⚠️ Nothing imported: no feeds found in that file (is it OPML?)."


async def test_a_slow_feed_being_added_keeps_no_other_chat_waiting(
    fake_telegram: FakeTelegram, feeds: FeedServer, tmp_path: Path
) -> None:
    answer = threading.Event()  # the feed answers only once the other chat was served

    def respond(request: Request) -> Route:
        answer.wait(timeout=10.0)
        return Route(body=rss([PORT], title="Slow"))

    slow = feeds.route("/slow.xml", respond=respond)
    async with feeds_bot(fake_telegram, tmp_path, allow_private_urls=True) as bot:
        fake_telegram.command(42, f"/feeds add {slow}")
        await fake_telegram.wait_until_async(
            lambda: bool(feeds.requests_to("/slow.xml")), what="the slow feed to be asked"
        )
        helped = await bot.send(43, "/help")
        assert "Commands" in helped.text
        assert fake_telegram.unread(42) == []  # still loading when the other chat was served
        answer.set()
        added = await fake_telegram.next_message_async(42)
        assert added.text.startswith("Added feed 1: Slow")


async def test_in_a_group_only_admins_change_its_feeds_and_files_go_to_the_topic(
    fake_telegram: FakeTelegram, feeds: FeedServer, tmp_path: Path
) -> None:
    a = feeds.route("/a.xml", body=rss([PORT], title="A"))
    group = -1001
    async with feeds_bot(fake_telegram, tmp_path, allow_private_urls=True) as bot:
        # User 4242 created the group; 77 is a plain member.
        refused = await bot.send(group, f"/feeds add {a}", user_id=77)
        assert refused.text.startswith("Only this group's admins")
        assert feeds.requests_to("/a.xml") == []
        listing = await bot.send(group, "/feeds", user_id=77)  # reading is for everyone
        assert "The bot's feeds" in listing.text
        added = await bot.send(group, f"/feeds add {a}", user_id=4242, thread_id=7)
        assert added.text.startswith("Added feed 1: A")
        assert added.thread_id == 7
        await bot.send(group, "/subscribe Tartus", user_id=4242, thread_id=7)
        first = await bot.send(group, "/export", user_id=77, thread_id=7)
        assert first.document is not None
        assert first.document[0] == "newsbot-feeds.opml"
        assert first.thread_id == 7  # the files go to the topic the command came from


async def test_a_feed_over_the_size_cap_is_refused(
    fake_telegram: FakeTelegram, feeds: FeedServer, tmp_path: Path
) -> None:
    huge = feeds.route("/huge.xml", stream_size=11 * 1024 * 1024)  # past the 10 MB cap
    async with feeds_bot(fake_telegram, tmp_path, allow_private_urls=True) as bot:
        refused = await bot.send(42, f"/feeds add {huge}")
        assert refused.text.startswith("⚠️ Could not read it as a feed: too large")
        assert "\n" not in refused.text
        assert poller_of(bot).feeds == ()
