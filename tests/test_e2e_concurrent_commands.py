"""Many commands at once, through the real Application and the fake Bot API.

One chat's updates run one at a time, in order (handlers/fairness.py); two chats run at
the same time. Two admins of one channel, each in a private chat with the bot, change
the same subscriptions from two chats: their commands race. Whatever the order, the
chat's limit holds, no subscription is lost or doubled, and every command that runs gets
exactly one answer.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from bot.chats.limits import BURST, CommandLimiter
from bot.models import Subscription
from bot.services import Services
from storage.chats import TinyChatStore
from tests.e2e import BotUnderTest, running_bot
from tests.fakes.telegram_server import FakeTelegram

CHAT = 42
CHANNEL = -100999
ADMINS = (42, 43)
LIMIT = 20
SUBSCRIBED = "Subscribed to “"
AT_LIMIT = f"This chat already has the maximum of {LIMIT} subscriptions"
# No per-chat slow-down in the way: these tests are about the subscription limit.
GENEROUS = CommandLimiter(burst=10_000, rate=1_000.0)
# Subscriptions stored before the racing removals are sent: those are removed, surely.
EARLY = 10


class RemoteStore(TinyChatStore):
    """A store across a network: reading a chat's subscriptions takes a 10 ms round trip
    (PostgreSQL's under load), during which another chat's command may run."""

    def subscriptions(self, chat_id: int) -> list[Subscription]:
        time.sleep(0.005)  # the question on its way
        found = super().subscriptions(chat_id)
        time.sleep(0.005)  # the answer on its way
        return found


@pytest.fixture(params=["tinydb", "remote", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, Any]:
    """running_bot's store arguments: the embedded file store (durable writes in a
    thread), the same 10 ms away, or PostgreSQL (a round trip between reading the
    chat's subscriptions and adding one)."""
    if request.param == "postgresql":
        return {"database_url": request.getfixturevalue("pg_url")}
    kind = RemoteStore if request.param == "remote" else TinyChatStore
    return {"chats": kind(tmp_path / "chats.json")}


def queries(services: Services, chat_id: int) -> list[str]:
    return [s.query for s in services.subscriptions.subscriptions(chat_id)]


def consistent(services: Services) -> None:
    """The index matches exactly what is stored: nothing removed still alerts, nothing
    added is missing."""
    index = services.subscriptions.index
    assert index is not None
    stored = {s.id for s in services.chats.all_subscriptions()}
    assert set(index.subscription_keys()) == stored


async def answers(fake: FakeTelegram, chat_id: int, count: int) -> list[str]:
    """The chat's next `count` messages, then proof that no more come: the answer to a
    /help sent afterwards is the very next one (one chat's updates run in order)."""
    texts = [(await fake.next_message_async(chat_id, within=120)).text for _ in range(count)]
    fake.command(chat_id, "/help")
    after = await fake.next_message_async(chat_id, within=60)
    assert "Commands" in after.text, f"one more answer: {after.text!r}"
    return texts


def about_wire(text: str) -> str:
    """An answer about the channel managed from a private chat, without the line that
    names the channel ("📢 Wire") and that every such answer starts with."""
    header, _, body = text.partition("\n")
    assert header == "📢 Wire", text
    return body


async def manage_channel(bot: BotUnderTest) -> None:
    fake = bot.fake
    fake.register_chat(CHANNEL, "channel", "Wire", username="wire")
    fake.set_member(CHANNEL, fake.bot_id, "administrator")
    for admin in ADMINS:
        fake.set_member(CHANNEL, admin, "administrator")
        reply = await bot.send(admin, "/channel @wire")
        assert reply.text.startswith("Now managing the channel “Wire”"), reply.text


@pytest.mark.parametrize("count", [20, 50])
async def test_commands_sent_together_by_one_chat_are_answered_once_each_in_order(
    fake_telegram: FakeTelegram, tmp_path: Path, count: int
) -> None:
    """`count` /subscribe of distinct queries in one getUpdates batch: the first LIMIT
    are stored, in order, the others get the limit's answer; one answer each."""
    fake = fake_telegram
    chats = TinyChatStore(tmp_path / "chats.json")
    async with running_bot(
        fake,
        db_path=tmp_path / "newsbot.json",
        chats=chats,
        limits=GENEROUS,
        max_subscriptions=LIMIT,
    ) as bot:
        names = [f"Khmeimim{n:02d}" for n in range(count)]
        for name in names:  # queued before the bot's next getUpdates: one batch
            fake.command(CHAT, f"/subscribe {name}")
        texts = await answers(fake, CHAT, count)
        stored = queries(bot.services, CHAT)
        consistent(bot.services)
    wanted = min(count, LIMIT)
    for n, (name, text) in enumerate(zip(names, texts, strict=True)):
        expected = f"{SUBSCRIBED}{name}”" if n < wanted else AT_LIMIT
        assert text.startswith(expected), (n, text)
    assert stored == names[:wanted]


async def test_a_flood_of_searching_commands_gets_one_slow_down_and_loses_nothing(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    """The per-chat allowance of searching commands: 50 /subscribe at once. The first ones
    (its burst) run, then one "slow down" line, and the rest are dropped quietly (a flood
    cannot make the bot flood back); nothing is stored twice. The default burst, with a
    refill too slow to add one while a loaded machine runs the first ones (the default's
    one every 2 s would let one more run if they took over 2 s)."""
    fake = fake_telegram
    limits = CommandLimiter(burst=BURST, rate=1e-6)
    async with running_bot(fake, db_path=tmp_path / "newsbot.json", limits=limits) as bot:
        burst = bot.services.limits.burst
        names = [f"Tartus{n:02d}" for n in range(50)]
        for name in names:
            fake.command(CHAT, f"/subscribe {name}")
        # /help is no searching command: its answer comes next
        texts = await answers(fake, CHAT, burst + 1)
        stored = queries(bot.services, CHAT)
        consistent(bot.services)
    assert [a[: len(SUBSCRIBED) + 8] for a in texts[:burst]] == [
        f"{SUBSCRIBED}{name}" for name in names[:burst]
    ]
    assert texts[burst].startswith("Too many /subscribe at once"), texts[burst]
    assert stored == names[:burst]


async def test_two_admins_of_one_channel_subscribing_at_once_never_pass_its_limit(
    fake_telegram: FakeTelegram, tmp_path: Path, store: dict[str, Any]
) -> None:
    """Two private chats change one channel at the same time: both send the same 30
    /subscribe, one query each, in the same order, and then one /subscribe of 30 lines
    (the same lines in both). The channel ends with exactly LIMIT subscriptions, none
    twice, and each command gets one answer."""
    fake = fake_telegram
    async with running_bot(
        fake,
        db_path=tmp_path / "newsbot.json",
        **store,
        limits=GENEROUS,
        max_subscriptions=LIMIT,
    ) as bot:
        await manage_channel(bot)
        names = [f"Latakia{n:02d}" for n in range(30)]
        for name in names:
            for admin in ADMINS:
                fake.command(admin, f"/subscribe {name}")
        for admin in ADMINS:
            fake.command(admin, "/subscribe " + "\n".join(f"Homs{n:02d}" for n in range(30)))
        for admin in ADMINS:
            await answers(fake, admin, 31)
        stored = queries(bot.services, CHANNEL)
        consistent(bot.services)
    doubled = [q for q, n in Counter(q.casefold() for q in stored).items() if n > 1]
    assert doubled == []
    assert len(stored) == LIMIT, stored


async def test_unsubscribe_racing_subscribe_of_the_same_query_leaves_store_and_index_agreed(
    fake_telegram: FakeTelegram, tmp_path: Path, store: dict[str, Any]
) -> None:
    """One admin subscribes the channel to a query while the other removes it, 30 times:
    each pair ends with the query stored or not, and the matching index holds exactly
    what is stored (a removed subscription must never alert; a stored one must). The
    first EARLY are stored before the removals are sent, so whatever the timing some
    removals find their subscription (on an idle machine the remover, whose command is
    the quicker, is otherwise ahead of the adder every time); the others race."""
    fake = fake_telegram
    names = [f"Palmyra{n:02d}" for n in range(30)]
    async with running_bot(
        fake, db_path=tmp_path / "newsbot.json", **store, limits=GENEROUS
    ) as bot:
        await manage_channel(bot)
        adder, remover = ADMINS
        for name in names[:EARLY]:
            fake.command(adder, f"/subscribe {name}")
        additions = await answers(fake, adder, EARLY)
        for n, name in enumerate(names):
            if n >= EARLY:
                fake.command(adder, f"/subscribe {name}")
            fake.command(remover, f"/unsubscribe {name}")
        additions += await answers(fake, adder, len(names) - EARLY)
        removals = await answers(fake, remover, len(names))
        stored = queries(bot.services, CHANNEL)
        consistent(bot.services)
    # Every answer is one of those expected, under the channel's header: an answer read
    # wrongly must fail here, not pass as "not removed" (it once did, and every removal
    # under load then looked like a subscription lost).
    for name, text in zip(names, additions, strict=True):
        assert about_wire(text).startswith(f"{SUBSCRIBED}{name}”"), text
    removed = set()
    for name, text in zip(names, removals, strict=True):
        if about_wire(text).startswith(f"Unsubscribed from “{name}”"):
            removed.add(name)
        else:
            assert about_wire(text).startswith(f"This chat does not follow “{name}”"), text
    assert set(names[:EARLY]) <= removed, removals[:EARLY]
    assert sorted(stored) == sorted(set(names) - removed), (stored, removals)


async def test_an_import_racing_subscribe_never_passes_the_limit(
    fake_telegram: FakeTelegram, tmp_path: Path, store: dict[str, Any]
) -> None:
    """One admin imports a file of 40 queries into the channel while the other sends
    /subscribe of 20 lines (some the same): the channel ends at its limit, nothing twice."""
    fake = fake_telegram
    async with running_bot(
        fake,
        db_path=tmp_path / "newsbot.json",
        **store,
        limits=GENEROUS,
        max_subscriptions=LIMIT,
    ) as bot:
        await manage_channel(bot)
        importer, subscriber = ADMINS
        text = "\n".join(f"Deir{n:02d}" for n in range(40)).encode()
        fake.document(importer, "queries.txt", text, mime_type="text/plain")
        fake.command(subscriber, "/subscribe " + "\n".join(f"Deir{n:02d}" for n in range(30, 50)))
        [summary] = await answers(fake, importer, 1)
        [answer] = await answers(fake, subscriber, 1)
        stored = queries(bot.services, CHANNEL)
        consistent(bot.services)
    assert summary
    assert answer
    doubled = [q for q, n in Counter(stored).items() if n > 1]
    assert doubled == []
    assert len(stored) == LIMIT
