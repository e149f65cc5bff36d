"""Telegram's flood limits as the sender keeps them: 30 messages a second overall, one a
second to a private chat, 20 a minute to a group (FloodLimit in PTB's constants)."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

# With paid broadcasts (allow_paid_broadcast, charged in Stars per message beyond the free
# 30 a second) Telegram lets a bot send up to this many messages a second.
PAID_BROADCAST_PACE = 1000


@dataclass(frozen=True, slots=True)
class Limits:
    """Telegram's flood limits as the sender keeps them (FloodLimit in PTB's constants)."""

    overall: int = 30  # messages ...
    overall_period: float = 1.0  # ... per this many seconds, over all chats
    private_rate: float = 1.0  # messages a second to one private chat ...
    private_burst: int = 2  # ... after a short burst (Telegram tolerates a few)
    group: int = 20  # messages ...
    group_period: float = 60.0  # ... per this many seconds to one group


class Slot:
    """One send counted by a sliding window: its start time until Telegram answered."""

    __slots__ = ("at", "done")

    def __init__(self, at: float) -> None:
        self.at = at
        self.done = False


class RateLimiter:
    """Telegram's limits, kept on the sender's side so 429s are the exception.

    Sliding windows (overall, per group) count a send from when it starts and, once
    answered, from when the answer came: Telegram counts it somewhere in between, so
    this never overshoots however the network delays requests. Private chats use a
    token bucket with a smaller burst than Telegram tolerates.
    """

    TIDY_EVERY = 1000  # sends between forgetting chats whose limits have recovered

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self._overall: deque[Slot] = deque()
        self._groups: dict[int, deque[Slot]] = {}
        self._private: dict[int, tuple[float, float]] = {}  # chat -> (tokens, at)
        self._starts = 0

    def __len__(self) -> int:
        """Chats the limiter keeps state for (bounded by the chats sent to recently)."""
        return len(self._groups) + len(self._private)

    def tidy(self, now: float) -> None:
        """Forget chats whose limits have fully recovered: a full bucket, an empty window."""
        burst = float(self.limits.private_burst)
        self._private = {c: v for c, v in self._private.items() if self._tokens(c, now) < burst}
        period = self.limits.group_period
        self._groups = {
            c: w
            for c, w in self._groups.items()
            if any(not s.done or s.at > now - period for s in w)
        }

    @staticmethod
    def _window_delay(window: deque[Slot], size: int, period: float, now: float) -> float:
        while window and window[0].done and window[0].at <= now - period:
            window.popleft()
        if len(window) < size:
            return 0.0
        # Count only what is still inside the window (a slow in-flight head counts as now).
        live = [s for s in window if not s.done or s.at > now - period]
        if len(live) < size:
            return 0.0
        ends = sorted(s.at + period if s.done else now + period for s in live)
        return max(ends[len(live) - size] - now, 0.001)

    def overall_delay(self, now: float) -> float:
        """Seconds until any send may start (0: now)."""
        return self._window_delay(
            self._overall, self.limits.overall, self.limits.overall_period, now
        )

    def chat_delay(self, chat_id: int, is_group: bool, now: float) -> float:
        """Seconds until a send to this chat may start, ignoring the overall limit."""
        if is_group:
            window = self._groups.get(chat_id)
            if not window:
                return 0.0
            return self._window_delay(window, self.limits.group, self.limits.group_period, now)
        tokens = self._tokens(chat_id, now)
        return 0.0 if tokens >= 1.0 else (1.0 - tokens) / self.limits.private_rate

    def _tokens(self, chat_id: int, now: float) -> float:
        burst = float(self.limits.private_burst)
        tokens, at = self._private.get(chat_id, (burst, now))
        return min(burst, tokens + (now - at) * self.limits.private_rate)

    def delay(self, chat_id: int, is_group: bool, now: float) -> float:
        """Seconds until a send to this chat may start under every limit."""
        return max(self.overall_delay(now), self.chat_delay(chat_id, is_group, now))

    def start(self, chat_id: int, is_group: bool, now: float) -> tuple[Slot, ...]:
        """Count a send starting now; pass the result to `finish` when Telegram answered."""
        self._starts += 1
        if self._starts % self.TIDY_EVERY == 0:
            self.tidy(now)
        slot = Slot(now)
        self._overall.append(slot)
        if is_group:
            self._groups.setdefault(chat_id, deque()).append(slot)
        else:
            self._private[chat_id] = (self._tokens(chat_id, now) - 1.0, now)
        return (slot,)

    def finish(self, slots: tuple[Slot, ...], now: float) -> None:
        """Telegram answered (or the send ended) at `now`; once per slot, later calls keep
        the first answer's time."""
        for slot in slots:
            if not slot.done:
                slot.at = max(slot.at, now)
                slot.done = True

    def forget(self, chat_id: int) -> None:
        """Drop per-chat state (the chat moved or was deleted)."""
        self._groups.pop(chat_id, None)
        self._private.pop(chat_id, None)


@dataclass(frozen=True, slots=True)
class Ticket:
    """A message's slot under the bot-wide limits, from `Pacer.take` until `Pacer.done`."""

    slots: tuple[Slot, ...] = ()  # counted in this process's RateLimiter (LocalPacer)
    slot_id: int | None = None  # the shared slot's row (storage/postgres/pace.py)
    asked: float = 0.0  # monotonic time just before the slot was asked for


class Pacer(Protocol):
    """Telegram's limits for the whole bot: every message (alert or reply) takes a slot
    before it is sent and gives it back once Telegram answered. LocalPacer when the bot is
    one process (the embedded store); storage.postgres.pace.PgPacer when several instances
    share a database, whose slots every instance counts."""

    async def take(self, chat_id: int, is_group: bool, *, reply: bool) -> Ticket:
        """Wait until a message to the chat may go under every limit; count it. `reply`:
        a command reply or other non-alert message (never starved by alerts)."""
        ...

    def done(self, ticket: Ticket) -> None:
        """Telegram answered the message (or it was not sent after all)."""

    async def close(self) -> None:
        """Give back what the pacer holds (connections)."""


class LocalPacer:
    """The bot is this one process: its alert sender's RateLimiter counts every message.
    Alerts are counted there by the sender itself when it plans them (so `take` adds
    nothing for them); replies are counted on `take` and never held back."""

    def __init__(self, limiter: RateLimiter, clock: Callable[[], float]) -> None:
        self.limiter = limiter
        self.clock = clock  # the sender's monotonic clock

    async def take(self, chat_id: int, is_group: bool, *, reply: bool) -> Ticket:
        if not reply:
            return Ticket()
        return Ticket(self.limiter.start(chat_id, is_group, self.clock()))

    def done(self, ticket: Ticket) -> None:
        if ticket.slots:
            self.limiter.finish(ticket.slots, self.clock())

    async def close(self) -> None:
        return None
