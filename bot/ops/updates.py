"""Each Telegram update handled once in webhook mode, though Telegram may deliver it again.

Telegram delivers an update again when its request failed or timed out, and the listener
answers only once the update was handled, so a slow handler can see the same `update_id`
twice: `RecentUpdates` runs the first and makes a repeat wait for it (or, once it is done,
return at once) without handling it again. A handler that raised is forgotten, so the
next delivery is handled afresh. It remembers the newest `capacity` update ids.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Protocol


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
