"""Hostile feeds and chats on the way from a poll to a sent alert, through the real
Application and the fake Bot API: a feed whose thousands of entries share one link, and
a chat that blocks the bot while an alert to it is in flight."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.models import Chat
from tests.fakes.feed_server import FeedServer, Item
from tests.fakes.telegram_server import FakeTelegram
from tests.test_e2e_alerts import alert_bot, story

LINK = re.compile(r"https://news\.example/story-(\d+)")


def alerted(fake: FakeTelegram, chat_id: int) -> Counter[int]:
    """How often each story was in a message to the chat (alone or combined)."""
    found: Counter[int] = Counter()
    for message in fake.sent(chat_id):
        found.update({int(n) for n in LINK.findall(message.html)})
    return found


async def test_five_thousand_entries_with_one_link_and_their_own_guids_alert_once(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    """Every entry a new guid, a new title, the same link (tracking parameters aside): one
    story, one alert per chat, at this poll and the next."""
    fake = fake_telegram
    now = datetime.now(UTC)
    items = [
        Item(
            title=f"Khmeimim update number {n}: planes {n % 7} and ships {n % 11}",
            link=f"https://news.example/story-1?utm_source=rss&utm_campaign={n}",
            description=f"Planes at Khmeimim, report {n}.",
            published=now - timedelta(seconds=n),
            guid=f"guid-{n}",
        )
        for n in range(5_000)
    ]
    with FeedServer() as feeds:
        async with alert_bot(fake, feeds, tmp_path) as ab:
            for chat in (42, 43):
                await ab.bot.send(chat, "/subscribe Khmeimim")
            await ab.publish("/same.xml", items)
            await ab.drained()
            await ab.publish("/same.xml", items)
            await ab.drained()
            for chat in (42, 43):
                await ab.bot.send(chat, "/help")  # whatever was coming came before this
    for chat in (42, 43):
        assert alerted(fake, chat) == Counter({1: 1}), [m.text[:60] for m in fake.sent(chat)]


async def test_a_chat_that_blocks_the_bot_while_an_alert_is_in_flight_loses_none(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    """Telegram delivers the alert but answers late; the person blocks the bot meanwhile.
    The delivered alert counts as sent, the next ones wait while the chat is marked
    blocked, and come once each when the person writes again; another chat gets all."""
    fake = fake_telegram
    with FeedServer() as feeds:
        async with alert_bot(fake, feeds, tmp_path) as ab:
            for chat in (42, 43):
                await ab.bot.send(chat, "/subscribe Khmeimim")
            fake.answer_late("sendMessage", seconds=1.5, chat_id=42)
            first = story(1, "First plane leaves Hmeimim")
            await ab.publish("/a.xml", [first])
            await fake.wait_until_async(lambda: bool(alerted(fake, 42)), what="the first alert")
            fake.block_chat(42)  # its answer is still on its way
            later = [story(n, f"Plane number {n} leaves Hmeimim for Benghazi") for n in (2, 3)]
            await ab.publish("/a.xml", [first, *later])
            chats = ab.bot.services.chats
            await fake.wait_until_async(
                lambda: not (chats.get_chat(42) or Chat(0)).active, what="chat 42 inactive"
            )
            await fake.wait_until_async(
                lambda: set(alerted(fake, 43)) == {1, 2, 3}, what="every alert in chat 43"
            )
            blocked_at = Counter(alerted(fake, 42))
            fake.block_chat(42, blocked=False)
            await ab.bot.send(42, "/start")  # writes again: what waited comes now
            await fake.wait_until_async(
                lambda: set(alerted(fake, 42)) == {1, 2, 3}, what="every alert in chat 42"
            )
            await ab.drained()
            await ab.bot.send(42, "/help")
    assert blocked_at == Counter({1: 1})
    assert alerted(fake, 42) == Counter({1: 1, 2: 1, 3: 1})
    assert alerted(fake, 43) == Counter({1: 1, 2: 1, 3: 1})
