"""Feed polling by lease: which feeds this process polls, when several share one database.

`LeasedPolling` is the poller's scheduler. Every tick (and whenever a poll ends) it asks
the FeedLeases (storage.base) for up to its free capacity of due feeds, polls each under
its lease, renews the leases of the polls still running every third of a lease, and
releases each feed with its next due time when the poll ends. A process that dies holds
its leases until they expire; then another instance claims those feeds.

`LocalLeases` is the FeedLeases of a single process (the embedded store): leases and due
times in memory, every feed for this process.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import logging
import os
import secrets
import socket
import threading
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime, timedelta

from bot.errors import StorageError
from storage.base import FeedLeases

log = logging.getLogger(__name__)

# How long a claimed feed stays this process's without a renewal: also how long a feed
# of a dead instance waits before another instance polls it.
LEASE_SECONDS = 60.0
# The longest a due feed waits for the next claim (shorter when the poll interval is).
MAX_TICK_SECONDS = 5.0
MIN_TICK_SECONDS = 0.05
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # the heap's time of a feed due at once


def instance_owner() -> str:
    """This process's lease owner id: host, process id and a random part (a restarted
    process, or a reused pid on another container, never passes for the one before)."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"


class LocalLeases:
    """FeedLeases in memory, for one process (the embedded store).

    A feed first asked about is due at `first_due(url)` (None: at once). Due feeds wait in
    a heap by due time, so a claim costs what it takes, not the number of feeds (a list
    of feeds passed again unchanged is not read again). Thread-safe.
    """

    def __init__(self, first_due: Callable[[str], datetime | None] | None = None) -> None:
        self._first_due = first_due or (lambda url: None)
        self._lock = threading.Lock()
        self._due: dict[str, datetime | None] = {}  # url → due (None: at once), unleased
        self._heap: list[tuple[bool, datetime, str]] = []  # (has a due time, due, url)
        self._leases: dict[str, tuple[str, datetime]] = {}  # url → (owner, until)
        self._asked: Sequence[str] = ()
        self._listed: frozenset[str] = frozenset()

    def claim(
        self, urls: Sequence[str], *, owner: str, now: datetime, lease: timedelta, limit: int
    ) -> list[str]:
        if limit <= 0 or not urls:
            return []
        with self._lock:
            if urls is not self._asked:
                self._asked, self._listed = urls, frozenset(urls)
                for url in dict.fromkeys(urls):
                    if url not in self._due and url not in self._leases:
                        self._queue(url, self._first_due(url))
            for url, (_, until) in list(self._leases.items()):
                if until <= now:  # its poll stopped renewing: due again at once
                    del self._leases[url]
                    self._queue(url, None)
            taken: list[str] = []
            while self._heap and len(taken) < limit:
                has_due, when, url = self._heap[0]
                if has_due and when > now:
                    break
                heapq.heappop(self._heap)
                if url not in self._due or self._due[url] != (when if has_due else None):
                    continue  # stale: leased, or due at another time since
                if url not in self._listed:  # not polled now: queued again if listed again
                    del self._due[url]
                    continue
                del self._due[url]
                self._leases[url] = (owner, now + lease)
                taken.append(url)
            return taken

    def renew(
        self, urls: Sequence[str], *, owner: str, now: datetime, lease: timedelta
    ) -> list[str]:
        with self._lock:
            held = [u for u in dict.fromkeys(urls) if self._leases.get(u, ("",))[0] == owner]
            for url in held:
                self._leases[url] = (owner, now + lease)
            return sorted(held)

    def release(self, url: str, *, owner: str, next_due: datetime) -> bool:
        with self._lock:
            held = self._leases.get(url)
            if held is None or held[0] != owner:
                return False
            del self._leases[url]
            self._queue(url, next_due)
            return True

    def _queue(self, url: str, when: datetime | None) -> None:
        self._due[url] = when
        heapq.heappush(self._heap, (when is not None, when or _EPOCH, url))


class LeasedPolling:
    """Claims due feeds and polls them, at most `capacity` at a time.

    `feeds()`: the feeds this process would poll (the candidates of a claim); `poll(url)`:
    one poll, returning when the feed is due next (never raises but for cancellation).
    """

    def __init__(
        self,
        *,
        leases: FeedLeases,
        feeds: Callable[[], Sequence[str]],
        poll: Callable[[str], Awaitable[datetime]],
        clock: Callable[[], datetime],
        owner: str,
        capacity: int,
        interval: float,
        lease_seconds: float = LEASE_SECONDS,
    ) -> None:
        self.leases = leases
        self.feeds = feeds
        self.poll = poll
        self.clock = clock
        self.owner = owner
        self.capacity = max(1, capacity)
        self.lease = timedelta(seconds=lease_seconds)
        self.tick = min(MAX_TICK_SECONDS, max(MIN_TICK_SECONDS, interval / 4))
        self.polling: dict[str, asyncio.Task[None]] = {}  # url → its poll, while leased
        self._wake = asyncio.Event()
        self._stopping = asyncio.Event()
        self._loops: list[asyncio.Task[None]] = []

    def start(self) -> None:
        self._stopping.clear()
        self._loops = [
            asyncio.create_task(self._claiming(), name="claim feeds"),
            asyncio.create_task(self._renewing(), name="renew feed leases"),
        ]

    def wake(self) -> None:
        """Claim now (the feeds changed, or a poll ended)."""
        self._wake.set()

    def drop(self, urls: Sequence[str]) -> None:
        """Stop the polls of feeds no longer wanted (each releases its lease)."""
        for url in urls:
            task = self.polling.get(url)
            if task is not None:
                task.cancel()

    async def stop(self, grace: float) -> None:
        """Stop claiming; polls in flight may finish within `grace` seconds, then are
        cancelled (their feeds released, due at once for another instance)."""
        self._stopping.set()
        for loop in self._loops:
            loop.cancel()
        await asyncio.gather(*self._loops, return_exceptions=True)
        self._loops = []
        tasks = list(self.polling.values())
        if tasks:
            _, pending = await asyncio.wait(tasks, timeout=grace)
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)

    async def _claiming(self) -> None:
        while not self._stopping.is_set():
            free = self.capacity - len(self.polling)
            if free > 0:
                try:
                    claimed = await asyncio.to_thread(
                        self.leases.claim,
                        self.feeds(),  # the poller's tuple: the same object until it changes
                        owner=self.owner,
                        now=self.clock(),
                        lease=self.lease,
                        limit=free,
                    )
                except StorageError as exc:  # the database is away: again at the next tick
                    log.warning("claiming due feeds failed: %s", exc)
                    claimed = []
                except Exception:
                    log.exception("claiming due feeds failed")
                    claimed = []
                for url in claimed:
                    if url in self.polling:  # cannot happen: a lease held is not claimable
                        continue
                    self.polling[url] = asyncio.create_task(self._one(url), name=f"poll {url}")
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self.tick)

    async def _one(self, url: str) -> None:
        try:
            next_due = await self.poll(url)
        except asyncio.CancelledError:
            # Dropped or stopping: free the feed at once (a blocking call, as awaiting
            # here could be cancelled again); another instance may poll it now.
            self.polling.pop(url, None)
            self._release(url, self.clock())
            raise
        except Exception:  # a bug: the feed is tried again a lease later, the rest go on
            log.exception("feed %s: polling under its lease failed", url)
            next_due = self.clock() + self.lease
        self.polling.pop(url, None)
        await asyncio.to_thread(self._release, url, next_due)
        self.wake()

    def _release(self, url: str, next_due: datetime) -> None:
        try:
            if not self.leases.release(url, owner=self.owner, next_due=next_due):
                log.warning(
                    "feed %s: its lease had expired and passed on before the poll ended", url
                )
        except Exception:  # the lease expires by itself; the feed is polled again then
            log.exception("feed %s: releasing its lease failed", url)

    async def _renewing(self) -> None:
        period = self.lease.total_seconds() / 3
        while not self._stopping.is_set():
            await asyncio.sleep(period)
            urls = list(self.polling)
            if not urls:
                continue
            try:
                held = await asyncio.to_thread(
                    self.leases.renew, urls, owner=self.owner, now=self.clock(), lease=self.lease
                )
            except Exception:
                log.exception("renewing %d feed leases failed", len(urls))
                continue
            for url in sorted(set(urls) - set(held) & set(self.polling)):
                log.warning("feed %s: lease lost while polling (another instance has it)", url)
