"""Telegram's limits kept for the whole bot across instances, on a real PostgreSQL
(storage/postgres/pace.py, migration 0007_pace.sql).

Each "instance" is a PgPacer of its own (its own connection) on the test's database, as
two `newsbot run` processes would have. The windows are checked on the database's clock,
from the slots the pacers took (pace_slots), so the machine's load cannot change them.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from datetime import datetime

import psycopg

from bot.alerts.limits import Limits, Ticket
from storage.postgres.pace import PgPacer
from storage.postgres.pool import Database
from tests.system import worst_second


@asynccontextmanager
async def instances(url: str, n: int, limits: Limits) -> AsyncIterator[list[PgPacer]]:
    Database(url).close()  # the migrations
    pacers = [PgPacer(url, limits) for _ in range(n)]
    try:
        yield pacers
    finally:
        for pacer in pacers:
            await pacer.close()


def slots(url: str) -> list[tuple[int, int, datetime, datetime | None]]:
    """(id, chat, taken at, answered at) of every slot taken, in the order taken."""
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT id, chat_id, at, done_at FROM pace_slots ORDER BY id")
        return [(int(i), int(c), at, done) for i, c, at, done in rows.fetchall()]


def most_within(times: Iterable[float], seconds: float) -> int:
    """The most events inside any window [t, t + seconds)."""
    return worst_second(t / seconds for t in times)


async def send(pacer: PgPacer, chat: int, *, reply: bool, rng: random.Random) -> Ticket:
    """Take a slot, "send" (a short wait standing for Telegram's answer), report it."""
    ticket = await pacer.take(chat, chat < 0, reply=reply)
    await asyncio.sleep(rng.uniform(0.0, 0.02))
    pacer.done(ticket)
    return ticket


async def test_two_instances_sending_at_once_never_exceed_the_limits(pg_url: str) -> None:
    limits = Limits(group=3, group_period=2.0)  # a group's minute made short for the test
    rng = random.Random(13)
    async with instances(pg_url, 2, limits) as (first, second):
        asks = []
        for chat in range(1, 41):  # 40 private chats, three messages each, from both
            asks.append(send(first, chat, reply=False, rng=rng))
            asks.append(send(second, chat, reply=True, rng=rng))
            asks.append(send(first if chat % 2 else second, chat, reply=False, rng=rng))
        for _ in range(6):  # and one group, six messages
            asks.append(send(second, -100, reply=False, rng=rng))
        rng.shuffle(asks)
        tickets = await asyncio.gather(*asks)
    taken = slots(pg_url)
    assert len(taken) == len(tickets) == 126
    assert sorted(t.slot_id for t in tickets) == [i for i, *_ in taken]
    assert all(done is not None and done >= at for *_, at, done in taken)  # answers recorded
    start = taken[0][2]
    at = [(chat, (when - start).total_seconds()) for _, chat, when, _ in taken]
    # The overall limit is used to the full, never exceeded, in any second of the database.
    assert worst_second(t for _, t in at) == 30
    for chat in {c for c, _ in at}:
        times = [t for c, t in at if c == chat]
        if chat < 0:  # a group: 3 in any 2 s here
            assert most_within(times, 2.0) <= 3
        else:  # a private chat: one a second, a burst of two at most
            assert most_within(times, 2.0) <= 2


async def test_a_reply_gets_through_within_a_second_of_alerts_while_a_burst_goes_on(
    pg_url: str,
) -> None:
    rng = random.Random(7)
    async with instances(pg_url, 2, Limits()) as (sender, updates):
        # The sender's instance: 150 alerts to as many chats, all waiting at once (five
        # seconds' worth), so alerts are always waiting while the reply asks.
        burst = [asyncio.ensure_future(send(sender, c, reply=False, rng=rng)) for c in range(150)]
        for n, sent in enumerate(asyncio.as_completed(burst), 1):
            await sent
            if n == 45:  # the burst is well under way
                break
        before = max(t.result().slot_id or 0 for t in burst if t.done())
        reply = await send(updates, 1_000_000, reply=True, rng=rng)
        await asyncio.gather(*burst)
    alerts = [t.result().slot_id or 0 for t in burst]
    assert reply.slot_id is not None
    ahead = [i for i in alerts if before < i < reply.slot_id]
    # At most a second's worth of alerts went after the reply asked and before it went,
    assert len(ahead) <= 30
    # while alerts still waited: the reply went ahead of them.
    assert sum(i > reply.slot_id for i in alerts) >= 30


async def test_without_the_database_messages_go_without_shared_slots() -> None:
    pacer = PgPacer("postgresql://nobody@127.0.0.1:1/none", Limits())
    try:
        ticket = await pacer.take(5, False, reply=True)  # refused connection: not held back
    finally:
        await pacer.close()
    assert ticket.slot_id is None
