"""The sender's two edges: the clock it keeps time with and the Notifier it sends through
(bot.alerts.sender imports them, and is where the rest of the bot imports them from)."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from typing import Protocol


class Notifier(Protocol):
    """Sends one message to one chat; raises a DeliveryError subclass when not accepted."""

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
        """Send `html` in HTML parse mode, or as it is with `plain` (no markup, no preview),
        into the forum topic `thread_id` when given."""


class Clock(Protocol):
    """Time for the sender: wall time for schedules, monotonic time and sleeping for limits."""

    def now(self) -> datetime: ...

    def monotonic(self) -> float: ...

    async def sleep(self, seconds: float) -> None: ...


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def monotonic(self) -> float:
        return time.monotonic()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)
