"""A Sender on a virtual clock, for the tests: the clock, a recording Notifier, outbox
entries, a ready-made rig (make_rig), a fake sender role and the waits the tests use."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from bot.alerts.clock import Clock, SystemClock
from bot.alerts.limits import Limits
from bot.alerts.sender import Sender
from bot.models import Hit, OutboxEntry, Story
from storage.base import Role
from storage.memory import MemoryChatStore
from storage.outbox_sqlite import SqliteOutbox

if TYPE_CHECKING:
    from storage.postgres import PgStores

T0 = datetime(2024, 12, 14, 13, 20, tzinfo=UTC)


class VirtualClock:
    """Time that passes only when the sender sleeps (after everything else had its turn)."""

    def __init__(self, start: datetime = T0) -> None:
        self.start = start
        self.t = 0.0

    def now(self) -> datetime:
        return self.start + timedelta(seconds=self.t)

    def monotonic(self) -> float:
        return self.t

    async def sleep(self, seconds: float) -> None:
        for _ in range(30):  # let every runnable task finish its step first
            await asyncio.sleep(0)
        self.t += seconds


@dataclass
class Sent:
    at: float
    chat_id: int
    text: str
    buttons: list[tuple[str, str]]
    preview_url: str | None


class FakeNotifier:
    """The tests' Notifier (bot.alerts.clock): records sends at `clock.monotonic()`, each
    after a round trip of `rtt` seconds; `script[chat]` lists what successive attempts
    raise (None: accept)."""

    def __init__(self, clock: Clock, *, rtt: float = 0.0) -> None:
        self.clock = clock
        self.rtt = rtt
        self.sent: list[Sent] = []
        self.attempts: list[tuple[float, int]] = []
        self.script: dict[int, list[Exception | None]] = {}
        self.hang_on: Callable[[int, str], bool] = lambda chat, text: False

    async def send(
        self,
        chat_id: int,
        html: str,
        *,
        buttons: list[tuple[str, str]],
        preview_url: str | None,
        plain: bool = False,
        thread_id: int | None = None,
    ) -> None:
        await asyncio.sleep(self.rtt)
        at = self.clock.monotonic()
        self.attempts.append((at, chat_id))
        planned = self.script.get(chat_id)
        if planned:
            failure = planned.pop(0)
            if failure is not None:
                raise failure
        self.sent.append(Sent(at, chat_id, html, buttons, preview_url))
        if self.hang_on(chat_id, html):  # the process dies before the outbox hears of it
            await asyncio.Event().wait()

    def to(self, chat_id: int) -> list[Sent]:
        return [s for s in self.sent if s.chat_id == chat_id]


class NoNotifier:
    """A Notifier for a sender that must send nothing in the test."""

    async def send(self, chat_id: int, html: str, **_: object) -> None:
        raise AssertionError("nothing is sent here")


def entry(chat: int, n: int, *, created: datetime = T0) -> OutboxEntry:
    return OutboxEntry(
        chat_id=chat,
        story=Story(
            id=f"s{n}",
            article_id=f"a{n}",
            title=f"Story {n}",
            url=f"https://news.example/{n}",
            summary=f"Summary {n}.",
            source="Example",
            published=T0 + timedelta(seconds=n),
            seen=T0,
        ),
        hits=(Hit(7, "khmeimim", ("Khmeimim ≈ Hmeimim",)),),
        created=created,
    )


async def until(done: Callable[[], bool], steps: int = 200_000) -> None:
    """Let the event loop run until `done` (a bounded number of turns, never a sleep)."""
    for _ in range(steps):
        if done():
            return
        await asyncio.sleep(0)
    raise AssertionError("condition not reached")


@dataclass
class Rig:
    clock: VirtualClock
    notifier: FakeNotifier
    chats: MemoryChatStore
    outbox: SqliteOutbox
    sender: Sender

    async def until(self, done: Callable[[], bool], steps: int = 200_000) -> None:
        await until(done, steps)

    async def idle(self) -> None:
        """Until nothing is in flight and nothing is due."""
        await self.until(lambda: not self.outbox.unsent() or self._only_waiting())

    def _only_waiting(self) -> bool:
        return not self.sender._tasks and not self.sender._due_now()


def make_rig(
    path: Path | None = None, limits: Limits | None = None, *, role: Role | None = None
) -> Rig:
    """A Sender on a virtual clock with a FakeNotifier, an in-memory chat store and a SQLite
    outbox (in memory unless `path`); with `role`, it sends only while it holds that role
    (without one, as the embedded store's only process, it always does)."""
    clock = VirtualClock()
    notifier = FakeNotifier(clock)
    chats = MemoryChatStore(clock=clock.now)
    outbox = SqliteOutbox(path, fsync=False)
    sender = Sender(
        outbox=outbox,
        chats=chats,
        notifier=notifier,
        clock=clock,
        limits=limits,
        offload=False,
        role=role,
    )
    return Rig(clock, notifier, chats, outbox, sender)


class FakeRole:
    """A role another instance may hold (`free` False) or that may be lost (`lose`)."""

    def __init__(self, *, free: bool) -> None:
        self.free = free
        self._held = False
        self.acquires = 0
        self.checks = 0

    def acquire(self) -> bool:
        self.acquires += 1
        self._held = self._held or self.free
        return self._held

    def check(self) -> bool:
        self.checks += 1
        return self._held

    @property
    def held(self) -> bool:
        return self._held

    def release(self) -> None:
        self._held = False

    def lose(self) -> None:
        """The session ended (kill -9 of the database connection, a lost network)."""
        self._held = self.free = False


def recorded_sender(stores: PgStores) -> tuple[Sender, FakeNotifier]:
    """A sender on an instance's PostgreSQL stores, on the real clock, sending through a
    FakeNotifier (a short round trip) while it holds the database's sender role."""
    recorder = FakeNotifier(SystemClock(), rtt=0.01)
    sender = Sender(
        outbox=stores.outbox,
        chats=stores.chats,
        notifier=recorder,
        role=stores.outbox.sender_role(),
        limits=Limits(overall=200),  # quicker than Telegram's 30/s; the same logic
    )
    return sender, recorder


async def wait_for(done: Callable[[], bool], limit: float = 60.0) -> None:
    """Poll until done (the limit only keeps a failure short)."""
    deadline = time.monotonic() + limit
    while not done():
        assert time.monotonic() < deadline, "condition not reached"
        await asyncio.sleep(0.05)
