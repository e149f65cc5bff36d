"""Work that one instance at a time may do (getUpdates: Telegram allows one consumer per
token), run while this instance holds the role's lock and stood by for otherwise.

`Standby` tries to take the lock every `interval` seconds; once it has it, it calls
`gain` (start the work) and checks every `interval` seconds that the lock is still held
(the lock's database session may end: a lost network, a restarted server). A lost lock
calls `lose` (stop the work) and the instance stands by again. When the holder dies, its
session ends and another instance's next try takes the role: within `interval` seconds
plus the time the server takes to notice (storage/postgres/roles.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Protocol

log = logging.getLogger(__name__)

# Seconds between tries to take the role, and between checks that it is still held.
INTERVAL = 1.0


class RoleLock(Protocol):
    """A lock that one instance holds at a time (storage/postgres/roles.py AdvisoryLock).
    Blocking calls: Standby runs them in a thread."""

    def acquire(self) -> bool: ...

    def check(self) -> bool: ...

    def release(self) -> None:
        """Give the role up if held; close what the tries keep open."""


class Standby:
    """Runs `gain` when this instance takes the role named `name`, `lose` when it loses or
    gives it up; `on_change(held)` at each change (the metrics)."""

    def __init__(
        self,
        name: str,
        lock: RoleLock,
        *,
        gain: Callable[[], Awaitable[None]],
        lose: Callable[[], Awaitable[None]],
        on_change: Callable[[bool], None] = lambda held: None,
        interval: float = INTERVAL,
    ) -> None:
        self.name, self.lock = name, lock
        self.gain, self.lose, self.on_change = gain, lose, on_change
        self.interval = interval
        self.held = False
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        """Begin trying to take the role, in the background."""
        self.on_change(False)  # standing by until the first try took the role
        self._stopping.clear()
        self._task = asyncio.create_task(self._run(), name=f"{self.name} role")

    async def stop(self) -> None:
        """Stop trying; if the role is held, stop the work and give the role up."""
        self._stopping.set()
        if self._task is not None:
            await self._task
            self._task = None
        if self.held:
            await self._drop()
        await asyncio.to_thread(self.lock.release)  # also closes a standby's kept session

    async def _run(self) -> None:
        told = False  # "standing by" is logged once per stand-by, not at every try
        while not self._stopping.is_set():
            try:
                told = await self._step(told)
            except Exception:  # the loop must outlive any one failure, or nobody takes over
                log.exception("%s role: trying or checking the lock failed", self.name)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self.interval)

    async def _step(self, told: bool) -> bool:
        """One try to take the role, or one check that it is still held; whether the
        stand-by line has been logged."""
        if not self.held:
            if await asyncio.to_thread(self.lock.acquire):
                await self._take()
                return False
            if not told:
                log.info("standing by: another instance holds the %s role", self.name)
            return True
        if not await asyncio.to_thread(self.lock.check):
            log.warning("%s role lost: stopping its work, standing by", self.name)
            await self._drop()
        return told

    async def _take(self) -> None:
        log.info("%s role taken: this instance does its work now", self.name)
        self._set(True)
        try:
            await self.gain()
        except Exception:
            # Nothing runs under the role: give it back, so that another instance (or
            # this one, at the next try) takes it.
            log.exception("%s role: starting its work failed; giving the role back", self.name)
            self._set(False)
            await asyncio.to_thread(self.lock.release)

    async def _drop(self) -> None:
        self._set(False)
        try:
            await self.lose()
        except Exception:
            log.exception("%s role: stopping its work failed", self.name)

    def _set(self, held: bool) -> None:
        self.held = held
        self.on_change(held)
