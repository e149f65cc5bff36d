"""A feed a hundred times the usual size through the whole pipeline: poll, match, outbox,
send, through the real Application and the fake Bot API.

Real feeds list up to ~730 entries, most 10-100; this one lists 10,000 (about 3 MB, within
the 10 MB cap). The poller reads the first MAX_ENTRIES; every story handed on alerts each
chat that follows it exactly once, none beyond those is alerted, the next poll of the
same document hands on nothing, and a poll after the feed grew alerts only the new ones.
The event loop stays free meanwhile (parsing runs in the workers, the story decisions and
the durable writes in threads).
"""

from __future__ import annotations

import asyncio
import random
import re
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.reading.poller import MAX_ENTRIES
from storage.chats import TinyChatStore
from tests.e2e import BotUnderTest
from tests.fakes.feed_server import FeedServer, Item, rss
from tests.fakes.telegram_server import FakeTelegram
from tests.test_e2e_alerts import alert_bot
from tests.test_workers import LoopProbe

TOPICS = {42: "Khmeimim", 43: "Tartus", 44: "Latakia"}
EVERY = 25  # one entry in EVERY is about a topic: 40 stories a chat in the first 1,000
LINK = re.compile(r"https://news\.example/big-(-?\d+)")
FILLER = [
    "harbour",
    "council",
    "weather",
    "market",
    "bridge",
    "festival",
    "river",
    "school",
    "museum",
    "railway",
    "orchard",
    "library",
    "stadium",
    "theatre",
    "garden",
    "factory",
    "village",
    "airport",
    "hospital",
]


def entry(n: int, now: datetime) -> Item:
    """Entry n of the feed (0 is the newest): about a topic when n % EVERY says so, else
    about nothing anyone follows; titles differ in their words, not only their numbers."""
    rng = random.Random(n)
    words = " ".join(rng.sample(FILLER, 6))
    topics = list(TOPICS.values())
    about = topics[(n // EVERY) % len(topics)] if n % EVERY == 0 else "the regional"
    return Item(
        title=f"{about} {words} {n}",
        link=f"https://news.example/big-{n}",
        description=f"Dispatch {n} on {about} {words}. " + " ".join(rng.choices(FILLER, k=30)),
        published=now - timedelta(seconds=n),
        guid=f"big-{n}",
    )


def expected(numbers: range) -> dict[int, set[int]]:
    """The entries each chat must be alerted to, among `numbers`."""
    topics = list(TOPICS)
    wanted: dict[int, set[int]] = {chat: set() for chat in TOPICS}
    for n in numbers:
        if n % EVERY == 0:
            wanted[topics[(n // EVERY) % len(topics)]].add(n)
    return wanted


def alerted(fake: FakeTelegram, chat_id: int) -> Counter[int]:
    """How often each entry was in a message to the chat (alone or in a combined one)."""
    found: Counter[int] = Counter()
    for message in fake.sent(chat_id):
        found.update({int(n) for n in LINK.findall(message.html)})
    return found


async def delivered(bot: BotUnderTest, wanted: dict[int, set[int]]) -> None:
    """Until every chat had every story it must get (bounded wait)."""
    await bot.fake.wait_until_async(
        lambda: all(wanted[c] <= set(alerted(bot.fake, c)) for c in wanted),
        within=120,
        what="every alert",
    )


async def test_a_feed_of_ten_thousand_entries_alerts_each_story_once_and_leaves_the_loop_free(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    fake = fake_telegram
    now = datetime.now(UTC)
    count = 10_000
    with FeedServer() as feeds:
        async with alert_bot(
            fake, feeds, tmp_path, chats=TinyChatStore(tmp_path / "chats.json")
        ) as ab:
            for chat, topic in TOPICS.items():
                reply = await ab.bot.send(chat, f"/subscribe {topic}")
                assert reply.text.startswith(f"Subscribed to “{topic}”"), reply.text
            body = rss([entry(n, now) for n in range(count)])
            assert 2_000_000 < len(body) < 10 * 1024 * 1024
            path = "/big.xml"
            feeds.route(path, body=body, headers={"Content-Type": "application/rss+xml"})
            with LoopProbe(asyncio.get_running_loop(), cpu_bound=0.1, loop_only=True) as probe:
                first = await ab.poller.poll_once(feeds.url(path))
                fake.command(99, "/help")  # another chat is served meanwhile
                other = await fake.next_message_async(99, within=60)
                wanted = expected(range(MAX_ENTRIES))
                await delivered(ab.bot, wanted)
                await ab.drained()
            again = await ab.poller.poll_once(feeds.url(path))
            await ab.drained()
            after_first = {c: alerted(fake, c) for c in TOPICS}

            # The feed grows by 100 entries on top: they alone are new.
            grown = [entry(-n, now + timedelta(minutes=1)) for n in range(100, 0, -1)]
            body = rss(grown + [entry(n, now) for n in range(count)])
            feeds.route(path, body=body, headers={"Content-Type": "application/rss+xml"})
            third = await ab.poller.poll_once(feeds.url(path))
            fresh = expected(range(-100, 0))
            await delivered(ab.bot, fresh)
            await ab.drained()
            after_third = {c: alerted(fake, c) for c in TOPICS}
    assert "Commands" in other.text
    assert first.outcome == again.outcome == third.outcome == "ok"
    assert len(first.new) == MAX_ENTRIES
    assert "only the first 1000 read" in first.warning
    assert again.new == ()
    assert {a.url for a in third.new} == {f"https://news.example/big-{n}" for n in range(-100, 0)}
    for chat in TOPICS:
        assert after_first[chat] == Counter(wanted[chat]), chat  # each once, none beyond
        assert after_third[chat] == Counter(wanted[chat] | fresh[chat]), chat
    assert probe.pings > 3
    assert probe.unanswered == 0, probe.report()
