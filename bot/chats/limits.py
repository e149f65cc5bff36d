"""How often one chat may run the commands that cost CPU (/latest, /subscribe's dry run).

A token bucket per chat: `burst` commands at once, then one every `1/rate` seconds. A
refused command is answered with one "slow down" line at most once per `warn_every`
seconds; the others are dropped quietly, so a flood cannot make the bot flood back.
Pure: the caller passes the time.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

BURST = 5  # commands a chat may send at once
RATE = 0.5  # commands a second afterwards (one every 2 s)
WARN_EVERY = 30.0  # seconds between two "slow down" answers to one chat
MAX_CHATS = 10_000  # buckets kept; beyond, the chats whose bucket is full again are forgotten


class Verdict(Enum):
    RUN = "run"
    SLOW_DOWN = "slow down"  # refused: answer with one line
    IGNORE = "ignore"  # refused: already told, say nothing


@dataclass(slots=True)
class _Bucket:
    tokens: float
    at: float  # when `tokens` was counted
    warned: float | None = None  # when the chat was last told to slow down


class CommandLimiter:
    """The per-chat rule; one instance for the whole bot."""

    def __init__(
        self,
        *,
        burst: int = BURST,
        rate: float = RATE,
        warn_every: float = WARN_EVERY,
        max_chats: int = MAX_CHATS,
    ) -> None:
        if burst < 1 or rate <= 0:
            raise ValueError("a command limit needs burst >= 1 and rate > 0")
        self.burst = burst
        self.rate = rate
        self.warn_every = warn_every
        self.max_chats = max_chats
        self._buckets: dict[int, _Bucket] = {}

    def __len__(self) -> int:
        return len(self._buckets)

    def check(self, chat_id: int, now: float) -> Verdict:
        """Take one command of the chat's allowance at `now` (seconds, monotonic)."""
        bucket = self._buckets.get(chat_id)
        if bucket is None:
            if len(self._buckets) >= self.max_chats:
                self._forget_idle(now)
            bucket = self._buckets[chat_id] = _Bucket(float(self.burst), now)
        else:
            bucket.tokens = self._refilled(bucket, now)
            bucket.at = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            return Verdict.RUN
        if bucket.warned is not None and now - bucket.warned < self.warn_every:
            return Verdict.IGNORE
        bucket.warned = now
        return Verdict.SLOW_DOWN

    def wait(self, chat_id: int, now: float) -> float:
        """Seconds until the chat may run one more command (0 when it may now)."""
        bucket = self._buckets.get(chat_id)
        if bucket is None:
            return 0.0
        return max(0.0, (1 - self._refilled(bucket, now)) / self.rate)

    def _refilled(self, bucket: _Bucket, now: float) -> float:
        return min(float(self.burst), bucket.tokens + max(0.0, now - bucket.at) * self.rate)

    def _forget_idle(self, now: float) -> None:
        # A full bucket with no warning still running holds nothing a fresh one would not.
        for chat_id in [
            c
            for c, b in self._buckets.items()
            if self._refilled(b, now) >= self.burst
            and (b.warned is None or now - b.warned >= self.warn_every)
        ]:
            del self._buckets[chat_id]
