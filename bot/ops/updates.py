"""Each Telegram update handled once in webhook mode, though Telegram may deliver it again.

Telegram delivers an update again when its request failed or timed out, and the listener
answers only once the update was handled, so a slow handler can see the same `update_id`
twice: `RecentUpdates` runs the first and makes a repeat wait for it (or, once it is done,
return at once) without handling it again. A handler that raised is forgotten, so the
next delivery is handled afresh. It remembers the newest `capacity` update ids.

Several instances behind one load balancer share `SharedUpdates` instead: the claims live
in the database (storage/postgres/updates.py), so a repeat delivered to another instance
is not handled again either.
"""

from __future__ import annotations

import asyncio
import enum
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Protocol

log = logging.getLogger(__name__)


class UpdateGate(Protocol):
    """Runs each update_id's handling once: what the webhook listener needs. RecentUpdates
    does it within one process; instances behind one load balancer need one that the
    database shares (a table of handled update_ids), passed to the listener instead."""

    async def run_once(self, update_id: int, handle: Callable[[], Awaitable[None]]) -> bool: ...


# Update ids remembered: Telegram redelivers within hours, at most ~100 updates pending.
CAPACITY = 100_000


class RecentUpdates:
    """The update ids handled (or being handled) lately, and `run_once` over them."""

    def __init__(self, *, capacity: int = CAPACITY) -> None:
        self.capacity = capacity
        self._done: OrderedDict[int, None] = OrderedDict()
        self._running: dict[int, asyncio.Task[None]] = {}

    def __len__(self) -> int:
        return len(self._done)

    async def run_once(self, update_id: int, handle: Callable[[], Awaitable[None]]) -> bool:
        """Handle the update unless it was handled or is being handled: True if `handle`
        ran now, False for a repeat (which returns once the first was handled). An
        exception of `handle` reaches the first caller and any repeat waiting for it."""
        if update_id in self._done:
            return False
        running = self._running.get(update_id)
        if running is not None:
            await asyncio.shield(running)
            return False

        async def call() -> None:
            await handle()

        task = asyncio.ensure_future(call())
        self._running[update_id] = task
        task.add_done_callback(lambda t: self._finished(update_id, t))
        # shield: a caller given up on (its connection closed) does not cancel the handling.
        await asyncio.shield(task)
        return True

    def _finished(self, update_id: int, task: asyncio.Task[None]) -> None:
        del self._running[update_id]
        if task.cancelled() or task.exception() is not None:
            return  # not handled: a delivery again is handled afresh
        self._done[update_id] = None
        while len(self._done) > self.capacity:
            self._done.popitem(last=False)


# -- across instances ---------------------------------------------------------------------


class UpdateBusy(Exception):
    """Another instance is still handling this update_id: answer so that Telegram delivers
    it again later (by then it is done, or its instance died and the claim went stale)."""

    def __init__(self, update_id: int) -> None:
        super().__init__(f"update {update_id} is being handled by another instance")
        self.update_id = update_id


class Claim(enum.Enum):
    """What claiming an update_id found."""

    WON = "won"  # this instance handles it now
    HANDLING = "handling"  # someone is handling it
    DONE = "done"  # someone handled it


class UpdateClaims(Protocol):
    """The shared record of update_ids claimed (storage/postgres/updates.py). Blocking
    calls: SharedUpdates runs them in a thread."""

    def claim(self, update_id: int) -> Claim:
        """Claim the update_id, in one atomic step: WON for exactly one caller."""
        ...

    def finish(self, update_id: int) -> None:
        """The claimed update was handled: later claims find it DONE."""
        ...

    def release(self, update_id: int) -> None:
        """The claimed update's handling failed: the next claim wins again."""
        ...

    def prune(self) -> int:
        """Forget claims older than a day; how many."""
        ...


# Seconds a repeat waits for another instance to finish the same update before answering
# 503 (Telegram then delivers it again later), and how often it looks meanwhile.
REPEAT_WAIT = 10.0
REPEAT_POLL = 0.2
# Seconds between prunes of the shared claims.
PRUNE_EVERY = 3600.0


class SharedUpdates:
    """`run_once` over claims that every instance shares."""

    def __init__(
        self,
        claims: UpdateClaims,
        *,
        wait: float | None = None,
        poll: float = REPEAT_POLL,
        prune_every: float = PRUNE_EVERY,
    ) -> None:
        self.claims = claims
        self.wait = REPEAT_WAIT if wait is None else wait  # read at construction
        self.poll, self.prune_every = poll, prune_every
        self._pruned: float | None = None

    async def run_once(self, update_id: int, handle: Callable[[], Awaitable[None]]) -> bool:
        """Handle the update if this instance wins its claim: True if `handle` ran now,
        False when it was handled already (at once, or after waiting for the instance
        handling it). UpdateBusy when that instance is still at it after `wait` seconds.
        An exception of `handle` releases the claim and reaches the caller."""
        await self._prune_now_and_then()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.wait
        while True:
            claim = await asyncio.to_thread(self.claims.claim, update_id)
            if claim is Claim.DONE:
                return False
            if claim is Claim.WON:
                break
            if loop.time() >= deadline:
                raise UpdateBusy(update_id)
            await asyncio.sleep(self.poll)

        async def call() -> None:
            try:
                await handle()
            except BaseException:
                await asyncio.to_thread(self.claims.release, update_id)
                raise
            await asyncio.to_thread(self.claims.finish, update_id)

        # shield: a caller given up on (its connection closed) does not cancel the handling.
        await asyncio.shield(asyncio.ensure_future(call()))
        return True

    async def _prune_now_and_then(self) -> None:
        now = asyncio.get_running_loop().time()
        if self._pruned is not None and now - self._pruned < self.prune_every:
            return
        self._pruned = now
        try:
            pruned = await asyncio.to_thread(self.claims.prune)
        except Exception as exc:  # the claims table grows a while longer; not fatal
            log.warning("could not prune the handled updates: %s", exc)
            return
        if pruned:
            log.info("pruned %d handled updates older than a day", pruned)
