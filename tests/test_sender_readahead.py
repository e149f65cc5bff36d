"""The sender's read-ahead (bot.alerts.readahead): it dispatches from a queue and chats it
keeps in memory, so what changes elsewhere must still reach it: another instance's new
alerts within about QUEUE_REFRESH seconds, another store object's chat change within about
CHAT_TTL seconds, and this process's own changes at once (Sender.wake)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from bot.alerts.readahead import CHAT_TTL, QUEUE_REFRESH, ReadAhead, View
from bot.alerts.sender import ROLE_CHECK, Sender
from bot.models import Chat
from storage.memory import MemoryChatStore
from storage.outbox_sqlite import SqliteOutbox
from tests.senders import (
    FakeNotifier,
    FakeRole,
    VirtualClock,
    entry,
    make_rig,
    recorded_sender,
    wait_for,
)


async def settle(clock: VirtualClock, seconds: float) -> None:
    """Let virtual time pass in small steps, everything else having its turn."""
    for _ in range(int(seconds * 10)):
        for _ in range(50):
            await asyncio.sleep(0)
        await clock.sleep(0.1)


def test_a_cached_chat_is_read_again_after_chat_ttl_or_at_once_after_a_wake() -> None:
    now = [0.0]
    outbox = SqliteOutbox(None, fsync=False)
    chats = MemoryChatStore()
    chats.save_chat(Chat(id=1))
    outbox.enqueue([entry(1, 1)])
    ahead = ReadAhead(outbox, chats, lambda: now[0])

    def sees() -> Chat | None:
        """What a dispatch would use for chat 1 now (reading it when picked as stale)."""
        ahead.set_queue(ahead.read_queue(), now[0])
        picked, stale = ahead.pick(now[0], lambda c, m: False, lambda c, m: False)
        assert picked == [1]
        ahead.remember(ahead.read(picked, stale, {}))
        return ahead.chat(1, now[0])

    first = sees()
    assert first is not None
    assert not first.paused
    chats.save_chat(Chat(id=1, paused=True))  # another store object, as it were: no wake
    now[0] = CHAT_TTL / 2
    cached = ahead.chat(1, now[0], fresh=True)  # still the cached one
    assert cached is not None
    assert not cached.paused
    now[0] = CHAT_TTL + 0.01
    assert ahead.chat(1, now[0], fresh=True) is None  # stale: read again when picked
    paused = sees()
    assert paused is not None
    assert paused.paused
    chats.save_chat(Chat(id=1))
    ahead.invalidate()  # Sender.wake(): this process changed it
    assert ahead.chat(1, now[0], fresh=True) is None
    resumed = sees()
    assert resumed is not None
    assert not resumed.paused


def test_a_chat_whose_plan_waits_is_not_read_again_before_then_nor_after_chat_ttl() -> None:
    outbox = SqliteOutbox(None, fsync=False)
    chats = MemoryChatStore()
    outbox.enqueue([entry(1, 1), entry(2, 2)])
    ahead = ReadAhead(outbox, chats, lambda: 0.0)
    ahead.set_queue(ahead.read_queue(), 0.0)
    never: Callable[[Any, float], bool] = lambda c, m: False  # noqa: E731
    assert ahead.pick(0.0, never, never)[0] == [1, 2]
    ahead.view = ahead.read([1], set(), {})  # a dispatch: chat 1's digest is in an hour
    assert ahead.wait(1, 0.0, 3600.0) == 3600.0
    ahead.view = None
    assert ahead.pick(1.0, never, never)[0] == [2]  # chat 1 not read again meanwhile
    assert ahead.pick(CHAT_TTL, never, never)[0] == [1, 2]  # (another instance's change)
    ahead.view = View()
    ahead.wait(1, 0.0, 3600.0)
    ahead.view = None
    ahead.invalidate()  # a wake: new entries or changed settings
    assert ahead.pick(1.0, never, never)[0] == [1, 2]


async def test_alerts_enqueued_without_a_wake_go_within_the_queue_refresh() -> None:
    rig = make_rig(role=FakeRole(free=True))
    await rig.sender.start()
    await settle(rig.clock, 2)
    rig.outbox.enqueue([entry(7, 1)])  # as another instance would: nobody wakes this sender
    await settle(rig.clock, QUEUE_REFRESH + ROLE_CHECK + 0.5)
    assert [s.chat_id for s in rig.notifier.sent] == [7]
    await rig.sender.stop()


# -- another instance's store objects on one PostgreSQL database ------------------------------


@pytest.fixture
def sender_and_other(pg_url: str) -> Iterator[tuple[Sender, FakeNotifier, Any]]:
    from storage.postgres import open_stores

    mine, other = open_stores(pg_url), open_stores(pg_url)
    sender, recorder = recorded_sender(mine)
    yield sender, recorder, other
    for stores in (mine, other):
        stores.close_unused()


async def test_another_instances_alerts_and_chat_changes_reach_the_sender(
    sender_and_other: tuple[Sender, FakeNotifier, Any],
) -> None:
    sender, recorder, other = sender_and_other
    other.chats.save_chat(Chat(id=11))
    other.chats.save_chat(Chat(id=12))
    await sender.start()
    try:
        # A new alert for a chat, enqueued by the other instance: sent, no wake needed.
        other.outbox.enqueue([entry(11, 1)])
        await wait_for(lambda: [s.chat_id for s in recorder.sent] == [11], 30)
        # The other instance pauses chat 11: seen by the sender within CHAT_TTL seconds.
        other.chats.save_chat(Chat(id=11, paused=True))
        await asyncio.sleep(CHAT_TTL + QUEUE_REFRESH + ROLE_CHECK)
        other.outbox.enqueue([entry(11, 2)])
        other.outbox.enqueue([entry(12, 3)])  # queued after 11's: sent once 11 was looked at
        await wait_for(lambda: any(s.chat_id == 12 for s in recorder.sent), 30)
        await asyncio.sleep(0.5)
        assert [s.chat_id for s in recorder.sent] == [11, 12]
        # Resumed by the other instance: its alert goes.
        other.chats.save_chat(Chat(id=11))
        await wait_for(lambda: [s.chat_id for s in recorder.sent] == [11, 12, 11], 30)
    finally:
        await sender.stop()
