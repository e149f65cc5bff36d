"""Alerts end to end: real Application over HTTP against the fake Bot API, feeds from a local
server, the real poller, matcher, outbox and sender."""

from __future__ import annotations

import html
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from bot.alerts.pipeline import AlertService
from bot.alerts.sender import SystemClock
from bot.models import Chat
from bot.reading.poller import FeedPoller
from storage.articles import TinyArticleStore, articles_path
from storage.base import ChatStore
from storage.chats import TinyChatStore
from storage.feedstate import TinyFeedStateStore, feeds_path
from tests.e2e import BotUnderTest, running_bot
from tests.fakes.feed_server import FeedServer, Item, Route, rss
from tests.fakes.telegram_server import FakeTelegram

NOW = datetime.now(UTC)


@dataclass
class AlertBot:
    bot: BotUnderTest
    poller: FeedPoller
    feeds: FeedServer

    @property
    def fake(self) -> FakeTelegram:
        return self.bot.fake

    @property
    def alerts(self) -> AlertService:
        return self.bot.services.alerts

    async def publish(self, path: str, items: list[Item]) -> None:
        """Serve the feed with these items and poll it now."""
        self.feeds.route(path, body=rss(items), headers={"Content-Type": "application/rss+xml"})
        await self.poller.poll_once(self.feeds.url(path))

    async def drained(self) -> None:
        """Until every queued alert was delivered (or is held on purpose)."""
        sender = self.alerts.sender
        await self.fake.wait_until_async(
            lambda: not sender._tasks and not sender._due_now(), what="the outbox to drain"
        )


@asynccontextmanager
async def alert_bot(
    fake: FakeTelegram,
    feeds: FeedServer,
    tmp_path: Path,
    *,
    chats: ChatStore | None = None,
    clock: SystemClock | None = None,
    **overrides: Any,
) -> AsyncIterator[AlertBot]:
    """The bot with a poller over `feeds` (polled by the test, not on a timer)."""
    overrides.setdefault("fulltext", False)
    async with running_bot(
        fake,
        db_path=tmp_path / "newsbot.json",
        chats=chats,
        articles=TinyArticleStore(articles_path(tmp_path / "newsbot.json"), fsync=False),
        feed_states=TinyFeedStateStore(feeds_path(tmp_path / "newsbot.json"), fsync=False),
        clock=clock,
        client=httpx.AsyncClient(timeout=10.0, trust_env=False),
        feeds=(),
        allow_private_urls=True,
        **overrides,
    ) as bot:
        poller = bot.services.reader.poller
        assert isinstance(poller, FeedPoller)
        yield AlertBot(bot, poller, feeds)


def story(n: int, title: str, summary: str = "", *, link: str = "") -> Item:
    return Item(
        title=title,
        link=link or f"https://news.example/story-{n}",
        description=summary or f"{title}. More in the full story.",
        published=NOW - timedelta(minutes=60 - n),
        guid=f"story-{n}",
    )


PLANE = story(
    1,
    "Russian cargo plane leaves Hmeimim for Libya",
    "Moscow says it hopes to maintain its naval and air bases in Syria.",
)
SENTINEL = story(99, "Tartus port reopens after the storm")


async def test_subscribe_publish_alert_then_nothing_for_the_same_story(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    with FeedServer() as feeds:
        async with alert_bot(fake_telegram, feeds, tmp_path) as ab:
            await ab.bot.send(42, "/subscribe Khmeimim")
            await ab.bot.send(42, "/subscribe Tartus")
            await ab.publish("/a.xml", [PLANE])
            alert = await fake_telegram.next_message_async(42)
            assert alert.parse_mode == "HTML"
            assert alert.text.startswith("🔔 Russian cargo plane leaves Hmeimim for Libya")
            assert "Moscow says it hopes" in alert.text
            assert "https://news.example/story-1" in alert.text
            assert "matched: Khmeimim ≈ “Hmeimim”" in alert.text
            labels = [label for label, _ in alert.buttons]
            assert labels == ["Mute “Khmeimim”", "Unsubscribe"]
            assert alert.params["link_preview_options"]["url"] == "https://news.example/story-1"

            # The same story from a second feed (tracking parameters on its link): nothing.
            again = story(
                1,
                PLANE.title,
                link="https://news.example/story-1?utm_source=rss&fbclid=x",
            )
            await ab.publish("/b.xml", [again])
            await ab.publish("/a.xml", [PLANE, SENTINEL])
            nxt = await fake_telegram.next_message_async(42)
            assert nxt.text.startswith("🔔 Tartus port reopens")
            await ab.drained()
            assert fake_telegram.unread(42) == []


async def test_alerts_show_the_chats_time_and_preview_setting_and_every_subscription(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    with FeedServer() as feeds:
        async with alert_bot(fake_telegram, feeds, tmp_path) as ab:
            await ab.bot.send(42, "/timezone Asia/Tokyo")
            many = ["Hmeimim", "Khmeimim", "Libya", "cargo plane", "Russian"]
            await ab.bot.send(42, "/subscribe " + "\n".join(many))
            await ab.bot.send(43, "/subscribe Khmeimim")
            await ab.bot.send(43, "/settings")
            await ab.bot.press(43, "set:previews:off")
            await ab.publish("/a.xml", [PLANE])

            alert = await fake_telegram.next_message_async(42)
            assert PLANE.published is not None
            local = PLANE.published.astimezone(ZoneInfo("Asia/Tokyo"))
            assert f"{local:%H:%M} JST" in alert.text
            assert "UTC" not in alert.text
            preview = alert.params["link_preview_options"]
            assert preview["url"] == "https://news.example/story-1"
            assert not preview.get("is_disabled", False)
            mutes = [data for _, data in alert.buttons if data.startswith("mute:")]
            assert len(mutes) == len(many)  # a button for every subscription that fired
            assert alert.buttons[-1][0] == "Unsubscribe…"
            matched = alert.text.splitlines()[-1]
            assert matched.count("Khmeimim") == 1
            assert matched.count("Hmeimim") == 2

            await ab.bot.press(42, alert.buttons[-1][1])  # the picker
            picker = await fake_telegram.next_message_async(42)
            assert len(picker.buttons) == 2 * len(many)
            await ab.bot.press(42, picker.buttons[1][1])  # unsubscribe from the first
            assert "Unsubscribed" in (await fake_telegram.next_message_async(42)).text

            quiet = await fake_telegram.next_message_async(43)
            assert quiet.params["link_preview_options"]["is_disabled"] is True
            assert "https://news.example/story-1" in quiet.text  # the link is still there


async def test_a_combined_message_carries_a_picker_of_its_subscriptions(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    with FeedServer() as feeds:
        async with alert_bot(fake_telegram, feeds, tmp_path) as ab:
            await ab.bot.send(42, "/subscribe Hmeimim")
            await ab.bot.send(42, "/subscribe Libya")
            await ab.bot.send(42, "/subscribe Epstein")
            stories = [story(n, f"Flight {n} leaves Hmeimim for Libya") for n in range(1, 5)]
            await ab.publish("/a.xml", stories)
            combined = await fake_telegram.next_message_async(42)
            assert combined.text.startswith("🔔 New stories for you (4)")
            ((label, data),) = combined.buttons
            assert label == "Mute or unsubscribe…"
            await ab.bot.press(42, data)
            picker = await fake_telegram.next_message_async(42)
            labels = [label for label, _ in picker.buttons]
            assert labels == [
                "🔕 Mute “Hmeimim”",
                "✖ Unsubscribe “Hmeimim”",
                "🔕 Mute “Libya”",
                "✖ Unsubscribe “Libya”",
            ]  # Epstein did not fire
            await ab.bot.press(42, picker.buttons[2][1])
            assert "Muted “Libya”" in (await fake_telegram.next_message_async(42)).text
            subs = ab.bot.services.subscriptions.subscriptions(42)
            assert [s.query for s in subs if s.muted] == ["Libya"]


async def test_a_feeds_first_poll_pushes_nothing_older_than_a_day(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    old = Item(
        title="Hmeimim air base expands, satellite images show",
        link="https://news.example/old",
        description="Older news.",
        published=NOW - timedelta(days=3),
        guid="old",
    )
    with FeedServer() as feeds:
        async with alert_bot(fake_telegram, feeds, tmp_path) as ab:
            await ab.bot.send(42, "/subscribe Khmeimim")
            await ab.publish("/a.xml", [old, PLANE])  # the feed's first poll
            alert = await fake_telegram.next_message_async(42)
            assert alert.text.startswith("🔔 Russian cargo plane leaves Hmeimim")
            await ab.drained()
            assert fake_telegram.unread(42) == []
            # Stored all the same: /latest finds it.
            assert "satellite images show" in (await ab.bot.send(42, "/latest Khmeimim")).text


async def test_restart_repeats_nothing_and_new_stories_still_arrive(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    db = tmp_path / "newsbot.json"
    with FeedServer() as feeds:
        async with alert_bot(fake_telegram, feeds, tmp_path, chats=TinyChatStore(db)) as ab:
            await ab.bot.send(42, "/subscribe Khmeimim OR Tartus")
            await ab.publish("/a.xml", [PLANE])
            assert "Hmeimim" in (await fake_telegram.next_message_async(42)).text
        async with alert_bot(fake_telegram, feeds, tmp_path, chats=TinyChatStore(db)) as ab:
            await ab.publish("/a.xml", [PLANE, SENTINEL])
            nxt = await fake_telegram.next_message_async(42)
            assert nxt.text.startswith("🔔 Tartus port reopens")
            await ab.drained()
            assert fake_telegram.unread(42) == []
            sent_titles = [m.text.split("\n")[0] for m in fake_telegram.sent(42)]
            assert sum("Hmeimim" in t for t in sent_titles) == 1


async def test_mute_and_unsubscribe_buttons_stop_alerts(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    with FeedServer() as feeds:
        async with alert_bot(fake_telegram, feeds, tmp_path) as ab:
            await ab.bot.send(42, "/subscribe Khmeimim")
            await ab.bot.send(43, "/subscribe Khmeimim")
            await ab.bot.send(43, "/subscribe Tartus")
            await ab.publish("/a.xml", [PLANE])
            await fake_telegram.next_message_async(42)
            alert43 = await fake_telegram.next_message_async(43)

            await ab.bot.press(42, "Mute “Khmeimim”")
            muted = await fake_telegram.next_message_async(42)
            assert "Muted “Khmeimim”" in muted.text
            assert "unmute" in muted.text.lower()
            assert muted.buttons[0][1].startswith("unmute:")
            assert alert43.buttons[1][0] == "Unsubscribe"
            await ab.bot.press(43, alert43.buttons[1][1])
            gone = await fake_telegram.next_message_async(43)
            assert "/subscribe Khmeimim" in gone.text

            await ab.publish("/a.xml", [PLANE, story(2, "New flights leave Hmeimim"), SENTINEL])
            assert (await fake_telegram.next_message_async(43)).text.startswith("🔔 Tartus")
            await ab.drained()
            assert fake_telegram.unread(42) == []
            assert fake_telegram.unread(43) == []

            await ab.bot.press(42, muted.buttons[0][1])  # Unmute: alerts come again
            assert "Unmuted" in (await fake_telegram.next_message_async(42)).text
            await ab.publish("/a.xml", [story(3, "Third flight leaves Hmeimim")])
            assert "Third flight" in (await fake_telegram.next_message_async(42)).text


async def test_429_storm_delivers_every_alert_once(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    chats = list(range(100, 112))
    with FeedServer() as feeds:
        async with alert_bot(fake_telegram, feeds, tmp_path) as ab:
            for chat in chats:
                await ab.bot.send(chat, "/subscribe Khmeimim")
            fake_telegram.fail_next("sendMessage", retry_after=1, times=6)
            await ab.publish("/a.xml", [PLANE])
            for chat in chats:
                assert "Hmeimim" in (await fake_telegram.next_message_async(chat)).text
            await ab.drained()
            assert all(fake_telegram.unread(chat) == [] for chat in chats)
            assert fake_telegram.rate_limited == 6


async def test_blocked_chat_goes_inactive_and_others_are_unaffected(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    with FeedServer() as feeds:
        async with alert_bot(fake_telegram, feeds, tmp_path) as ab:
            await ab.bot.send(42, "/subscribe Khmeimim")
            await ab.bot.send(44, "/subscribe Khmeimim")
            fake_telegram.block_chat(44)
            await ab.publish("/a.xml", [PLANE])
            assert "Hmeimim" in (await fake_telegram.next_message_async(42)).text
            chats = ab.bot.services.chats

            def chat_44() -> Chat:
                chat = chats.get_chat(44)
                assert chat is not None
                return chat

            await fake_telegram.wait_until_async(
                lambda: not chat_44().active,
                what="chat 44 marked inactive",
            )
            tries = [
                r
                for r in fake_telegram.calls("sendMessage")
                if str(r.params.get("chat_id")) == "44" and r.status == 403
            ]
            assert 1 <= len(tries) <= 2
            assert [s.query for s in chats.subscriptions(44)] == ["Khmeimim"]

            await ab.publish("/a.xml", [PLANE, story(2, "Second plane leaves Hmeimim")])
            assert "Second plane" in (await fake_telegram.next_message_async(42)).text
            await ab.drained()
            tried_after = [
                r
                for r in fake_telegram.calls("sendMessage")
                if str(r.params.get("chat_id")) == "44" and r.status == 403
            ]
            assert len(tried_after) == len(tries)  # nothing more tried while inactive

            fake_telegram.block_chat(44, blocked=False)  # unblocked, and says hello
            await ab.bot.send(44, "/start")
            assert chat_44().active
            first = await fake_telegram.next_message_async(44)  # what waited for it
            assert "Hmeimim" in first.text


async def test_a_blocked_chat_that_writes_plain_text_is_active_again_and_gets_what_waited(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    with FeedServer() as feeds:
        async with alert_bot(fake_telegram, feeds, tmp_path) as ab:
            await ab.bot.send(44, "/subscribe Khmeimim")
            fake_telegram.block_chat(44)
            await ab.publish("/a.xml", [PLANE])
            chats = ab.bot.services.chats
            await fake_telegram.wait_until_async(
                lambda: not (chats.get_chat(44) or Chat(0)).active, what="chat 44 inactive"
            )
            fake_telegram.block_chat(44, blocked=False)
            # Not a command: only the one reactivation path (any message) can bring it back.
            # (The plain text also gets a hint, in either order with the alert.)
            fake_telegram.message(44, "hello again")
            answers = [await fake_telegram.next_message_async(44) for _ in range(2)]
            assert (chats.get_chat(44) or Chat(0)).active
            assert any("Hmeimim" in m.text for m in answers)


async def test_migrated_group_gets_the_alert_at_its_new_id(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    with FeedServer() as feeds:
        async with alert_bot(fake_telegram, feeds, tmp_path) as ab:
            await ab.bot.send(-5, "/subscribe Khmeimim")
            fake_telegram.migrate_chat(-5, -1005)
            await ab.publish("/a.xml", [PLANE])
            alert = await fake_telegram.next_message_async(-1005)
            assert "Hmeimim" in alert.text
            chats = ab.bot.services.chats
            assert chats.get_chat(-5) is None
            assert [s.query for s in chats.subscriptions(-1005)] == ["Khmeimim"]


async def test_refused_formatting_goes_once_as_plain_text_then_gives_up_with_a_log_line(
    fake_telegram: FakeTelegram, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    refused = "Bad Request: can't parse entities: unsupported start tag"
    with FeedServer() as feeds:
        async with alert_bot(fake_telegram, feeds, tmp_path) as ab:
            await ab.bot.send(42, "/subscribe Khmeimim")
            fake_telegram.fail_next(status=400, description=refused, chat_id=42)
            await ab.publish("/a.xml", [PLANE])
            alert = await fake_telegram.next_message_async(42)
            assert alert.parse_mode is None
            assert alert.text.startswith("🔔 Russian cargo plane leaves Hmeimim for Libya")
            assert "https://news.example/story-1" in alert.text
            assert "<b>" not in alert.text

            # Refused as HTML and as text: given up, with a warning naming the story.
            fake_telegram.fail_next(status=400, description=refused, chat_id=42, times=2)
            with caplog.at_level("WARNING", logger="bot.alerts.sender"):
                await ab.publish("/a.xml", [PLANE, story(2, "Second plane leaves Hmeimim")])
                await fake_telegram.wait_until_async(
                    lambda: any(e.chat_id == 42 for e in ab.alerts.outbox.unsent()) is False,
                    what="the refused alert to be given up",
                )
            assert "giving up" in caplog.text
            await ab.drained()
            assert fake_telegram.unread(42) == []
            tries = [
                r
                for r in fake_telegram.calls("sendMessage")
                if str(r.params.get("chat_id")) == "42" and r.status == 400
            ]
            assert len(tries) == 3  # one refusal above, then HTML and plain text once each


async def test_quiet_hours_hold_alerts_until_they_end(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    start = (datetime.now(UTC) - timedelta(hours=1)).strftime("%H:%M")
    end = (datetime.now(UTC) + timedelta(hours=1)).strftime("%H:%M")
    with FeedServer() as feeds:
        async with alert_bot(fake_telegram, feeds, tmp_path) as ab:
            await ab.bot.send(42, "/subscribe Khmeimim")
            reply = await ab.bot.send(42, f"/quiet {start}-{end}")
            assert "held" in reply.text
            assert "Usage" in (await ab.bot.send(42, "/quiet 25:00-07:00")).text
            await ab.publish("/a.xml", [PLANE])
            await ab.drained()
            assert fake_telegram.unread(42) == []
            held = [e for e in ab.alerts.outbox.unsent() if e.chat_id == 42]
            assert [(e.status, e.hold) for e in held] == [("held", "quiet")]
            await ab.bot.send(42, "/quiet off")
            alert = await fake_telegram.next_message_async(42)
            assert "Hmeimim" in alert.text


@pytest.fixture
def seed_text(seed_path: Path) -> str:
    return seed_path.read_text(encoding="utf-8")


def seed_page(text: str) -> tuple[str, str, str]:
    """The seed as an article page: the story in <article>, its furniture around it."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title, lead = lines[2], lines[3]
    explore = lines.index("Explore")
    body: list[str] = []
    related: list[str] = []
    for line in lines[5:explore]:
        (related if line.startswith(("Related", "Recommended", "SOURCE:")) else body).append(line)
    esc = html.escape
    page = (
        f"<html><head><title>{esc(title)}</title></head><body>"
        "<header><nav><a href='/'>Home</a> <a href='/world'>World</a></nav></header>"
        f"<main><article><h1>{esc(title)}</h1><p><strong>{esc(lead)}</strong></p>"
        + "".join(f"<p>{esc(p)}</p>" for p in body)
        + "</article>"
        + "".join(f"<aside><a href='/r'>{esc(r)}</a></aside>" for r in related)
        + "</main><section class='explore'><h2>Explore</h2><ul>"
        + "".join(
            f"<li><a href='/e{i}'>{esc(h)}</a></li>" for i, h in enumerate(lines[explore + 1 :])
        )
        + "</ul></section><footer>© TRT World</footer></body></html>"
    )
    return title, lead, page


async def test_seed_page_behind_a_teaser_feed_reaches_the_right_subscribers(
    fake_telegram: FakeTelegram, tmp_path: Path, seed_text: str
) -> None:
    title, lead, page = seed_page(seed_text)
    with FeedServer() as feeds:
        link = feeds.route(
            "/world/russian-cargo-plane",
            Route(body=page.encode(), headers={"Content-Type": "text/html; charset=utf-8"}),
        )
        async with alert_bot(fake_telegram, feeds, tmp_path, fulltext=True) as ab:
            await ab.bot.send(1, "/subscribe Khmeimim")
            await ab.bot.send(2, "/subscribe Tartus")
            await ab.bot.send(3, "/subscribe Epstein")
            await ab.bot.send(4, "/subscribe Bolsonaro")
            await ab.bot.send(5, "/subscribe Khmeimim")  # both: one alert naming both
            await ab.bot.send(5, "/subscribe Tartus")
            teaser = Item(title=title, link=link, description=lead[:80], published=NOW, guid="seed")
            await ab.publish("/teaser.xml", [teaser])
            for chat in (1, 2, 5):
                alert = await fake_telegram.next_message_async(chat)
                assert alert.text.startswith("🔔 Russian cargo plane leaves Syria for Libya")
            assert "Khmeimim ≈ “Hmeimim”" in fake_telegram.sent(1)[-1].text
            assert "Tartous" in fake_telegram.sent(2)[-1].text
            both = fake_telegram.sent(5)[-1]
            matched = both.text.splitlines()[-1]
            assert "Khmeimim ≈ “Hmeimim”" in matched
            assert "Tartous" in matched
            assert sorted(label for label, _ in both.buttons) == [
                "Mute “Khmeimim”",
                "Mute “Tartus”",
                "Unsubscribe “Khmeimim”",
                "Unsubscribe “Tartus”",
            ]
            await ab.drained()
            assert fake_telegram.unread(5) == []
            assert fake_telegram.unread(3) == []
            assert fake_telegram.unread(4) == []


async def test_latest_lists_stored_matches_newest_first_or_suggests_broader(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    with FeedServer() as feeds:
        async with alert_bot(fake_telegram, feeds, tmp_path) as ab:
            older = story(1, "Tartus base stays open, Moscow says")
            newer = story(5, "Ships leave Tartous harbour")
            await ab.publish("/a.xml", [older, newer, story(3, "Markets rally in Tokyo")])
            reply = await ab.bot.send(42, "/latest Tartus")
            lines = reply.text.split("\n")
            assert "Ships leave Tartous harbour" in lines[1]
            assert "Tartus base stays open" in lines[2]
            assert len(lines) == 3
            none = await ab.bot.send(42, "/latest Bolsonaro")
            assert "No stored article matches" in none.text
            assert "broader" in none.text
            await ab.bot.send(42, "/subscribe Tokyo")
            own = await ab.bot.send(42, "/latest")
            assert "Markets rally in Tokyo" in own.text


class ShiftedClock(SystemClock):
    """The real clock, moved forward by `offset` for wall time (digests, quiet hours)."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def now(self) -> datetime:
        return super().now() + self.offset


async def test_hourly_digest_survives_a_restart_and_goes_once(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    db = tmp_path / "newsbot.json"
    clock = ShiftedClock()
    with FeedServer() as feeds:
        async with alert_bot(
            fake_telegram, feeds, tmp_path, chats=TinyChatStore(db), clock=clock
        ) as ab:
            await ab.bot.send(42, "/subscribe Khmeimim OR Tartus")
            assert "an hour" in (await ab.bot.send(42, "/digest hourly")).text
            assert "Usage" in (await ab.bot.send(42, "/digest weekly")).text
            await ab.publish("/a.xml", [PLANE, SENTINEL])
            await ab.drained()
            assert fake_telegram.unread(42) == []
        async with alert_bot(
            fake_telegram, feeds, tmp_path, chats=TinyChatStore(db), clock=clock
        ) as ab:
            now = clock.now()
            clock.offset = now.replace(minute=0, second=1) + timedelta(hours=1) - now
            ab.alerts.sender.wake()
            digest = await fake_telegram.next_message_async(42)
            assert "Your news digest (2)" in digest.text
            assert digest.text.index("Tartus port") < digest.text.index("Hmeimim")  # newest first
            await ab.publish("/a.xml", [PLANE, SENTINEL])
            await ab.drained()
            assert fake_telegram.unread(42) == []


def next_hour(clock: ShiftedClock) -> None:
    """Move the clock just past the next top of the hour (an hourly digest is due)."""
    now = clock.now()
    clock.offset += now.replace(minute=0, second=1, microsecond=0) + timedelta(hours=1) - now


async def test_unsubscribing_takes_held_stories_out_of_the_digest(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    clock = ShiftedClock()
    flights = story(2, "New flights leave Hmeimim")
    with FeedServer() as feeds:
        async with alert_bot(fake_telegram, feeds, tmp_path, clock=clock) as ab:
            for query in ("Khmeimim", "Libya", "Tartus"):
                await ab.bot.send(42, f"/subscribe {query}")
            await ab.bot.send(42, "/digest hourly")
            await ab.publish("/a.xml", [PLANE, flights, SENTINEL])
            await ab.drained()
            assert fake_telegram.unread(42) == []
            held = {e.story.title: e for e in ab.alerts.outbox.unsent() if e.chat_id == 42}
            assert len(held) == 3
            assert len(held[PLANE.title].hits) == 2  # Khmeimim and Libya

            assert "Unsubscribed" in (await ab.bot.send(42, "/unsubscribe Khmeimim")).text
            next_hour(clock)
            ab.alerts.sender.wake()
            digest = await fake_telegram.next_message_async(42)
            assert "Your news digest (2)" in digest.text
            assert "Tartus port reopens" in digest.text
            assert PLANE.title in digest.text  # still there, for Libya only
            assert "matched: Libya" in digest.text
            assert "Khmeimim" not in digest.text
            assert "New flights" not in digest.text
            await ab.drained()
            assert fake_telegram.unread(42) == []
            # Withdrawn for good: the same story again (e.g. from a second feed) is no alert.
            await ab.bot.send(42, "/digest off")
            await ab.bot.send(42, "/subscribe Khmeimim")
            await ab.publish("/b.xml", [flights])
            await ab.drained()
            assert fake_telegram.unread(42) == []


async def test_the_mute_button_withdraws_a_held_story_and_nothing_is_sent(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    clock = ShiftedClock()
    with FeedServer() as feeds:
        async with alert_bot(fake_telegram, feeds, tmp_path, clock=clock) as ab:
            await ab.bot.send(42, "/subscribe Khmeimim")
            await ab.publish("/a.xml", [PLANE])
            alert = await fake_telegram.next_message_async(42)  # instant, with its buttons
            await ab.bot.send(42, "/digest hourly")
            await ab.publish("/a.xml", [PLANE, story(2, "New flights leave Hmeimim")])
            await ab.drained()
            held = [e for e in ab.alerts.outbox.unsent() if e.chat_id == 42]
            assert [(e.story.title, e.status) for e in held] == [
                ("New flights leave Hmeimim", "held")
            ]

            await ab.bot.press(42, alert.buttons[0][1])  # Mute “Khmeimim”
            assert "Muted" in (await fake_telegram.next_message_async(42)).text
            assert [e for e in ab.alerts.outbox.unsent() if e.chat_id == 42] == []
            next_hour(clock)
            ab.alerts.sender.wake()
            await ab.drained()  # with the story still queued, this would wait for its digest
            assert fake_telegram.unread(42) == []
            assert ab.alerts.outbox.status(42, held[0].story.id) == "withdrawn"
