"""An instance's matching index following the subscription changes of every instance.

Each instance holds every subscription in its index (bot/matching/index.py). A change
made on any instance writes a row of `subscription_changes` in its transaction, and the
trigger of migration 0002 sends a NOTIFY when it commits. `PgFollower` starts from a
snapshot (`PgChatStore.snapshot`: the subscriptions and the change log's position, read
together), LISTENs on a connection of its own, and on each notification, and every
POLL_EVERY seconds in case one was lost, reads the changes it has not read and applies
the changed subscriptions' current rows to the index (storage/follow.py), telling the
alert side of each subscription removed or muted (its queued alerts do not go), and the
subscription service of each one removed (its row gone, indexed here or not: an add of it
that this instance's edge makes late, after its own store write, must not index it). It runs
as an asyncio task on the bot's event loop, the index's one writer; a lost connection (a
database restart) is opened again and the log read from where it stopped.

The log is pruned (`prune`, every PRUNE_EVERY seconds by whichever instance gets there
first, one at a time under a transaction advisory lock): changes older than RETENTION,
always keeping the last KEEP, and the position pruned through noted in
`subscription_changes_pruned` (migration 0009). Each read of the log reads that position
in the same statement: a follower whose cursor fell below it (disconnected longer than
the retention) may have missed changes, and reloads its index from a snapshot instead
(telling the alert side of the removals and mutes the log kept, and the service of the
removals).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import Callable, Iterable
from typing import Any

import psycopg

from bot.errors import StorageError
from bot.models import Subscription
from storage.follow import (
    Applied,
    ChangeCursor,
    Index,
    Removed,
    Withdrawn,
    apply_current,
    apply_snapshot,
)
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

# Pruning the log: changes older than this many seconds go, ...
RETENTION = 86_400.0
# ... but never the last this many (a start-up's snapshot looks at the last 1,000).
KEEP = 10_000
# Seconds between prunes (each instance tries; one at a time prunes, the others skip).
PRUNE_EVERY = 600.0
PRUNE_BATCH = 50_000  # rows deleted by one prune at most (a long log goes over several)
PRUNE_LOCK = 0x6E657773_626F7405  # a transaction advisory lock: "newsbot" + 5

# The pruned position and the changes not read yet, in one statement (one snapshot): a
# prune committed before it shows in the position, one committed after deleted nothing
# this read needed. One row with the position and NULLs when there is no change to read.
_READ = (
    "SELECT p.through, c.seq, c.subscription_id, c.chat_id, c.op, c.query, c.muted"
    " FROM (SELECT coalesce(max(through), 0) AS through FROM subscription_changes_pruned) p"
    " LEFT JOIN LATERAL (SELECT c.seq, c.subscription_id, c.chat_id, c.op, s.query,"
    " COALESCE((s.doc->>'muted')::boolean, false) AS muted FROM subscription_changes c"
    " LEFT JOIN subscriptions s ON s.id = c.subscription_id"
    " WHERE c.seq > %s OR c.seq = ANY(%s) ORDER BY c.seq LIMIT %s) c ON true"
)
# After a reload: the removals, and the mutes still in force, that the log kept (at most
# what a prune leaves), as (chat id, subscription id, whether its row is gone).
_GONE_KEPT = (
    "SELECT DISTINCT c.chat_id, c.subscription_id, s.id IS NULL FROM subscription_changes c"
    " LEFT JOIN subscriptions s ON s.id = c.subscription_id"
    " WHERE c.op = 'remove' OR (c.op = 'mute' AND COALESCE((s.doc->>'muted')::boolean, false))"
)
# Where to prune through: below the first change inside the retention (all of them when
# none is), never into the last `keep`, at most `batch` rows past the oldest.
_PRUNE_TO = (
    "SELECT least("
    " coalesce((SELECT min(seq) - 1 FROM subscription_changes"
    " WHERE at >= now() - make_interval(secs => %(retention)s)), max(seq)),"
    " max(seq) - %(keep)s, min(seq) + %(batch)s - 1)"
    " FROM subscription_changes"
)
_PRUNED = (
    "INSERT INTO subscription_changes_pruned (through) VALUES (%s)"
    " ON CONFLICT (only_row) DO UPDATE SET at = now(),"
    " through = greatest(subscription_changes_pruned.through, excluded.through)"
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
        prune_every: float = PRUNE_EVERY,
        retention: float = RETENTION,
        keep: int = KEEP,
    ) -> None:
        self.store = store
        self.poll_every = poll_every
        self.retry_first = retry_first
        self.clock = clock
        self.prune_every, self.retention, self.keep = prune_every, retention, keep
        # Instances started together do not all try to prune at the same moment.
        self._next_prune = clock() + prune_every * random.uniform(0.5, 1.0)
        self.reloads = 0  # times the index was reloaded from a snapshot (log pruned past it)
        self.cursor: ChangeCursor | None = None
        self.index: Index | None = None
        self.withdrawn: Withdrawn | None = None
        self.removed: Removed | None = None
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

    def follow(
        self, index: Index, *, withdrawn: Withdrawn | None = None, removed: Removed | None = None
    ) -> None:
        """The index to keep in step, who hears of each subscription removed or muted
        (the alert side: queued alerts of it do not go, and one it is deciding just now
        is dropped; also told of this instance's own, which changes nothing the second
        time), and who hears of each subscription removed, whether the index held it or
        not (the subscription service: a late `add_to_index` of one stays out). Without a
        snapshot first (an index built some other way), it follows the changes from now
        on."""
        self.index = index
        self.withdrawn = withdrawn
        self.removed = removed
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
                if self.clock() >= self._next_prune:
                    await self._prune_now(conn)
                async for _ in conn.notifies(timeout=self.poll_every, stop_after=1):
                    pass

    async def _prune_now(self, conn: psycopg.AsyncConnection[tuple[Any, ...]]) -> None:
        deleted = await self.prune(conn)
        # A long log goes batch after batch, a second apart; otherwise at the next time.
        later = 1.0 if deleted >= PRUNE_BATCH else self.prune_every
        self._next_prune = self.clock() + later

    async def prune(self, conn: psycopg.AsyncConnection[tuple[Any, ...]]) -> int:
        """Delete the changes older than the retention (never the last `keep`, at most
        PRUNE_BATCH) and note how far; how many rows went. Nothing when another instance
        is pruning just now (it does the same)."""
        async with conn.transaction():
            got = await (
                await conn.execute("SELECT pg_try_advisory_xact_lock(%s)", (PRUNE_LOCK,))
            ).fetchone()
            if not got or not got[0]:
                return 0
            params = {"retention": self.retention, "keep": self.keep, "batch": PRUNE_BATCH}
            row = await (await conn.execute(_PRUNE_TO, params)).fetchone()
            through = None if row is None or row[0] is None else int(row[0])
            if through is None or through <= 0:
                return 0
            cursor = await conn.execute(
                "DELETE FROM subscription_changes WHERE seq <= %s", (through,)
            )
            await conn.execute(_PRUNED, (through,))
            deleted = cursor.rowcount
        if deleted:
            log.info("subscription change log pruned through %d (%d rows)", through, deleted)
        return deleted

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

    def _forget(self, gone: Iterable[int]) -> None:
        if self.removed is None:
            return
        for sub_id in gone:
            try:
                self.removed(sub_id)
            except Exception:  # the index is in step; a late add of it may not be kept out
                log.exception("could not note subscription %s as removed", sub_id)

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
            found = await (
                await conn.execute(_READ, (cursor.last, list(cursor.gaps), BATCH))
            ).fetchall()
            pruned = int(found[0][0]) if found else 0
            if pruned > cursor.last:  # changes after what was read may be gone: reload
                done = await self._reload(index, conn)
                cursor = self.cursor
                assert cursor is not None
                added += done.added
                removed += done.removed
                refused += done.refused
                continue
            rows = [r[1:] for r in found if r[1] is not None]
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
            # Every row gone, held or not: one stored here a moment ago, not indexed yet
            # and removed on another instance, must not be indexed by the edge's late add.
            self._forget(key for key, text in current.items() if text is None)
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

    async def _reload(
        self, index: Index, conn: psycopg.AsyncConnection[tuple[Any, ...]]
    ) -> Applied:
        """The log was pruned past this follower's cursor (it was away longer than the
        retention): the whole index brought in line with a snapshot of every subscription,
        and the cursor set where that snapshot stood. The alert side is told of the
        subscriptions this index held that were removed or muted (and still are) by a
        change the log kept, as reading those changes would have told it; of those whose
        change was pruned it cannot be (the chat is not known), and their instance
        withdrew their queued alerts longer than the retention ago.

        Every subscription removed by a change the log kept is also taken out of the index
        if there and told to `removed`, held or not: a subscription stored by this instance
        and removed on another before its edge's `add_to_index` (milliseconds; the log
        keeps a day) is neither in the snapshot nor held, and that late add may even have
        landed while the snapshot was read in a thread."""
        log.warning(
            "subscription change log pruned past what this instance read (%d):"
            " reloading the index from a snapshot",
            self.cursor.last if self.cursor else 0,
        )
        held = set(index.subscription_keys())
        subscriptions, start, recent = await asyncio.to_thread(self.store.snapshot)
        done = apply_snapshot(index, subscriptions, held=held)
        self.cursor = ChangeCursor.at(start, recent, self.clock())
        self.reloads += 1
        log.info(
            "index reloaded: %d indexed, %d removed (log read from %d)",
            len(done.added),
            len(done.removed),
            start,
        )
        found = [
            (int(c), int(s), bool(g))
            for c, s, g in await (await conn.execute(_GONE_KEPT)).fetchall()
        ]
        gone = sorted({s for _, s, is_gone in found if is_gone})
        late = apply_current(index, dict.fromkeys(gone))  # ids are never reused
        held.update(late.removed)
        # Only what this index held (or a late add put there): no alert was queued here
        # for the others.
        self._tell(sorted((c, s) for c, s, _ in found if s in held))
        self._forget(gone)
        return Applied(done.added, done.removed + late.removed, done.refused)
