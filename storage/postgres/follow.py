"""An instance's matching index following the subscription changes of every instance.

Each instance holds every subscription in its index (bot/matching/index.py). A change
made on any instance writes a row of `subscription_changes` in its transaction, and the
trigger of migration 0002 sends a NOTIFY when it commits. `PgFollower` starts from a
snapshot (`PgChatStore.snapshot`: the subscriptions and the change log's position, read
together), LISTENs on a connection of its own, and on each notification, and every
POLL_EVERY seconds in case one was lost, reads the changes it has not read and applies
the changed subscriptions' current rows to the index (storage/follow.py), telling the
alert side of each subscription removed or muted (its queued alerts do not go). It runs
as an asyncio task on the bot's event loop, the index's one writer; a lost connection (a
database restart) is opened again and the log read from where it stopped.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from typing import Any

import psycopg

from bot.errors import StorageError
from bot.models import Subscription
from storage.follow import Applied, ChangeCursor, Index, Withdrawn, apply_current
from storage.postgres.chats import PgChatStore
from storage.postgres.pool import first_line

log = logging.getLogger(__name__)

CHANNEL = "subscription_changes"
# Seconds between reads of the log when no notification came (one may have been lost).
POLL_EVERY = 2.0
# Changes read at once; a follower far behind reads batch after batch.
BATCH = 5_000
# Seconds before connecting again after the connection failed, doubling up to the last.
RETRY_FIRST, RETRY_MOST = 0.25, 5.0

_READ = (
    "SELECT c.seq, c.subscription_id, c.chat_id, c.op, s.query,"
    " COALESCE((s.doc->>'muted')::boolean, false) FROM subscription_changes c"
    " LEFT JOIN subscriptions s ON s.id = c.subscription_id"
    " WHERE c.seq > %s OR c.seq = ANY(%s) ORDER BY c.seq LIMIT %s"
)


class PgFollower:
    """Keeps one index in step with the change log (see the module's docstring).

    `snapshot()` (at start-up, before the index is built from what it returns), then
    `follow(index)`, then `start()` on the event loop that changes the index, `stop()` at
    shutdown. `catch_up(conn)` is one read-and-apply, for tests as much as for the loop.
    """

    def __init__(
        self,
        store: PgChatStore,
        *,
        poll_every: float = POLL_EVERY,
        retry_first: float = RETRY_FIRST,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store = store
        self.poll_every = poll_every
        self.retry_first = retry_first
        self.clock = clock
        self.cursor: ChangeCursor | None = None
        self.index: Index | None = None
        self.withdrawn: Withdrawn | None = None
        # The listening connection's server process while it is up (None while not):
        # what the operator (or a test) sees with pg_stat_activity.
        self.listener_pid: int | None = None
        self._task: asyncio.Task[None] | None = None
        self._failures = 0  # connection attempts failed in a row

    def snapshot(self) -> list[Subscription]:
        """Every subscription, noting where the change log stood in the same snapshot."""
        subscriptions, start, recent = self.store.snapshot()
        self.cursor = ChangeCursor.at(start, recent, self.clock())
        return subscriptions

    def follow(self, index: Index, *, withdrawn: Withdrawn | None = None) -> None:
        """The index to keep in step, and who hears of each subscription removed or muted
        (the alert side: queued alerts of it do not go, and one it is deciding just now
        is dropped; also told of this instance's own, which changes nothing the second
        time). Without a snapshot first (an index built some other way), it follows the
        changes from now on."""
        self.index = index
        self.withdrawn = withdrawn
        if self.cursor is None:
            start, recent = self.store.change_position()
            self.cursor = ChangeCursor.at(start, recent, self.clock())

    async def start(self) -> None:
        if self.index is None:
            raise StorageError("the subscription follower has no index to follow")
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="subscription follower")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _run(self) -> None:
        while True:
            try:
                await self._listen()
            except Exception as exc:
                self.listener_pid = None
                delay = min(self.retry_first * 2**self._failures, RETRY_MOST)
                self._failures += 1
                if not isinstance(exc, psycopg.Error | OSError | StorageError):
                    # A bug, not the database: said loudly, and following goes on.
                    log.exception("following subscription changes failed")
                log.log(
                    logging.WARNING if self._failures == 1 else logging.DEBUG,
                    "following subscription changes: %s; connecting again in %.2g s",
                    first_line(exc),
                    delay,
                )
                await asyncio.sleep(delay)

    async def _listen(self) -> None:
        async with await psycopg.AsyncConnection.connect(self.store.url, autocommit=True) as conn:
            await conn.execute(f"LISTEN {CHANNEL}")
            self.listener_pid = conn.info.backend_pid
            if self._failures:
                log.info("following subscription changes again")
                self._failures = 0
            log.debug("following subscription changes (LISTEN %s)", CHANNEL)
            while True:
                # LISTEN before reading: a change committed meanwhile is read now or notified.
                await self.catch_up(conn)
                async for _ in conn.notifies(timeout=self.poll_every, stop_after=1):
                    pass

    def _tell(self, gone: list[tuple[int, int]]) -> None:
        if self.withdrawn is None:
            return
        for chat_id, sub_id in gone:
            try:
                self.withdrawn(chat_id, sub_id)
            except Exception:  # the index is in step; the alert side said what failed
                log.exception(
                    "could not withdraw queued alerts of subscription %s in chat %s",
                    sub_id,
                    chat_id,
                )

    async def catch_up(self, conn: psycopg.AsyncConnection[tuple[Any, ...]]) -> Applied:
        """Read every change not read yet (and the missing numbers looked for again) and
        apply the changed subscriptions to the index; what that did."""
        index, cursor = self.index, self.cursor
        if index is None or cursor is None:
            raise StorageError("the subscription follower has no index to follow")
        added: list[int] = []
        removed: list[int] = []
        refused: list[int] = []
        while True:
            rows = await (
                await conn.execute(_READ, (cursor.last, list(cursor.gaps), BATCH))
            ).fetchall()
            # One statement, one snapshot: each subscription's row as of that moment.
            current: dict[int, str | None] = {}
            gone: list[tuple[int, int]] = []
            for _seq, sub_id, chat_id, op, query, muted in rows:
                current[int(sub_id)] = None if query is None else str(query)
                # A mute already undone withdraws nothing more (unmuting brings nothing
                # back, and alerts queued since are the unmuted subscription's).
                if op == "remove" or (op == "mute" and muted):
                    gone.append((int(chat_id), int(sub_id)))
            done = apply_current(index, current)
            cursor.advance((int(r[0]) for r in rows), self.clock())
            self._tell(gone)
            added += done.added
            removed += done.removed
            refused += done.refused
            if len(rows) < BATCH:
                break
        if added or removed:
            log.debug(
                "subscription changes: %d indexed, %d removed (log read to %d)",
                len(added),
                len(removed),
                cursor.last,
            )
        return Applied(tuple(added), tuple(removed), tuple(refused))
