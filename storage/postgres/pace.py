"""Telegram's flood limits kept for the whole bot across instances: a bot.alerts.limits.Pacer
whose slots live in the database every instance uses (migrations 0007_pace.sql, and
0008_pace_replies.sql for replies).

Every message (an alert from the one sender, a command reply from any instance) takes a
slot in `pace_slots` before it is sent. A slot counts in a sliding window from when it was
taken (the database's clock, so the machines' clocks do not matter) until Telegram answered,
which is how Telegram and the fake Bot API count: 30 in any second overall, two in any two
seconds to a private chat (one a second, a burst of two), 20 in any minute to a group.
Fixed per-second counters would let 30 go at the end of one second and 30 more at the
start of the next.

Asks are batched: the sends waiting at one moment (the sender starts several at once, for
different chats) and the answers reported since the last call go in one round trip, the
`pace_take` function, serialised by a transaction advisory lock. A message refused (a
limit full) asks again RETRY seconds later. Replies take precedence: they are considered
first, and once a reply has found the overall limit full, alerts leave `reserve` of it free
for a second, so the reply gets through within about a second of an alert burst. A reply
counts in its chat's own window (alerts to the chat wait behind it) but never waits for
it, as in one process (bot.alerts.limits.LocalPacer): only the overall limit holds it.
The limits are `Limits`' (bot/alerts/limits.py), passed on every call: the SQL has none.

If the database cannot be reached, messages go without a shared slot (the sender still
keeps its own limits in process) and the pacer tries to connect again RECONNECT seconds later.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import psycopg

from bot.alerts.limits import Limits, Ticket
from storage.postgres.pool import first_line, redact

log = logging.getLogger(__name__)

RETRY = 0.02  # seconds between asks while a message waits for its slot
STALE = 10.0  # a slot never reported answered (its instance died) counts as answered after this
RECONNECT = 2.0  # seconds without shared slots after the database failed to answer
CONNECT_TIMEOUT = 5
RESERVE_SHARE = 6  # while a reply waits, alerts leave overall // this (at least 1) free

_TAKE = (
    "SELECT pos, slot_id FROM pace_take(%s::bigint[], %s::boolean[], %s::boolean[],"
    " %s::bigint[], %s::float8[], %s, %s, %s, %s, %s, %s, %s, %s)"
)


@dataclass(slots=True)
class _Ask:
    chat_id: int
    is_group: bool
    reply: bool
    future: asyncio.Future[Ticket]


class PgPacer:
    """A bot.alerts.limits.Pacer shared by every instance on the database at `url`. Use it
    on one event loop; it keeps one connection of its own (not the pool's)."""

    def __init__(
        self,
        url: str,
        limits: Limits | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        retry: float = RETRY,
    ) -> None:
        self.url = url
        self.limits = limits or Limits()
        self._clock = clock
        self._retry = retry
        self._asks: list[_Ask] = []
        self._answered: list[tuple[int, float]] = []  # (slot id, seconds from asking)
        self._wake: asyncio.Event | None = None
        self._worker: asyncio.Task[None] | None = None
        self._conn: psycopg.AsyncConnection[Any] | None = None
        self._down_until = float("-inf")
        self.round_trips = 0  # calls of pace_take (for tests and benchmarks)

    # --- the Pacer -----------------------------------------------------------------------

    async def take(self, chat_id: int, is_group: bool, *, reply: bool) -> Ticket:
        future: asyncio.Future[Ticket] = asyncio.get_running_loop().create_future()
        self._asks.append(_Ask(chat_id, is_group, reply, future))
        self._kick()
        return await future

    def done(self, ticket: Ticket) -> None:
        if ticket.slot_id is None:
            return
        self._answered.append((ticket.slot_id, self._clock() - ticket.asked))
        self._kick()

    async def close(self) -> None:
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await worker
        for ask in self._asks:  # at shutdown: sent without a shared slot
            if not ask.future.done():
                ask.future.set_result(Ticket())
        self._asks = []
        if self._answered:  # the last answers, so other instances need not wait for STALE
            answered, self._answered = self._answered, []
            await self._call([], answered)
        await self._disconnect()

    # --- the batching worker ---------------------------------------------------------------

    def _kick(self) -> None:
        worker = self._worker
        if worker is None or worker.done():
            self._wake = asyncio.Event()
            self._worker = asyncio.create_task(self._run(), name="pacer")
        assert self._wake is not None
        self._wake.set()

    async def _run(self) -> None:
        assert self._wake is not None
        wake = self._wake
        while True:
            await wake.wait()
            wake.clear()
            while self._asks or self._answered:
                if await self._round():
                    await asyncio.sleep(self._retry)  # some wait: ask again soon

    async def _round(self) -> bool:
        """One round trip: take slots for every waiting ask, report the answers. Whether
        some asks still wait."""
        asks = [a for a in self._asks if not a.future.done()]  # cancelled: not sent
        answered, self._asks, self._answered = self._answered, [], []
        asked = self._clock()
        try:
            granted = await self._call(asks, answered)
        except asyncio.CancelledError:  # close() mid-round: it settles what this round carried
            self._asks, self._answered = asks + self._asks, answered + self._answered
            raise
        except Exception:  # a bug here must not hold the messages back for good
            log.exception("pacer: sending without shared limits this time")
            granted = None
        if granted is None:  # the database is unreachable: send without shared slots
            for ask in asks:
                if not ask.future.done():
                    ask.future.set_result(Ticket(asked=asked))
            return False
        waiting = []
        for position, ask in enumerate(asks, 1):
            slot_id = granted.get(position)
            if slot_id is None:
                waiting.append(ask)
            elif ask.future.done():  # cancelled while asking: give the slot back at once
                self._answered.append((slot_id, self._clock() - asked))
            else:
                ask.future.set_result(Ticket(slot_id=slot_id, asked=asked))
        self._asks = waiting + self._asks
        return bool(waiting)

    async def _call(
        self, asks: list[_Ask], answered: list[tuple[int, float]]
    ) -> dict[int, int] | None:
        """pace_take's grants (position -> slot id), or None when the database failed."""
        if self._clock() < self._down_until:
            return None
        limits = self.limits
        params = (
            [a.chat_id for a in asks],
            [a.is_group for a in asks],
            [a.reply for a in asks],
            [slot for slot, _ in answered],
            [seconds for _, seconds in answered],
            limits.overall,
            limits.overall_period,
            max(1, limits.overall // RESERVE_SHARE),
            limits.private_burst,
            limits.private_burst / limits.private_rate,
            limits.group,
            limits.group_period,
            STALE,
        )
        try:
            conn = await self._connect()
            cursor = await conn.execute(_TAKE, params)
            rows = await cursor.fetchall()
        except (psycopg.Error, OSError) as exc:
            log.warning(
                "pacer: the database does not answer (%s); sending without shared limits"
                " for %.0f s",
                first_line(exc),
                RECONNECT,
            )
            self._down_until = self._clock() + RECONNECT
            await self._disconnect()
            return None
        self.round_trips += 1
        return {int(pos): int(slot_id) for pos, slot_id in rows}

    async def _connect(self) -> psycopg.AsyncConnection[Any]:
        if self._conn is None or self._conn.closed:
            conn = await psycopg.AsyncConnection.connect(
                self.url,
                autocommit=True,
                connect_timeout=CONNECT_TIMEOUT,
                application_name="newsbot pacer",
            )
            # A slot lost in a crash of the server is harmless: never wait for the disk.
            await conn.execute("SET synchronous_commit = off")
            self._conn = conn
            log.debug("pacer: connected to %s", redact(self.url))
        return self._conn

    async def _disconnect(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(psycopg.Error):
                await conn.close()
