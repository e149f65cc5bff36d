"""A long backlog for one chat: CPU to plan and send it, planned once vs re-planned.

    python benchmarks/backlog_bench.py [--alerts 10000]

The real Sender and SQLite outbox (in memory), a Notifier that accepts at once, and a
virtual clock (the chat's 1 message/s limit costs no wall time). "once" is the sender as
it is: the backlog is planned and formatted once, then sent message by message. The
baseline re-plans the whole backlog before every message, as the sender did before.
Prints CPU seconds, messages, and CPU per message.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.soak import SimClock  # noqa: E402
from bot.alerts.sender import Sender  # noqa: E402
from bot.models import Chat, Hit, OutboxEntry, Story  # noqa: E402
from storage.memory import MemoryChatStore  # noqa: E402
from storage.outbox_sqlite import SqliteOutbox  # noqa: E402

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


class Accepting:
    def __init__(self) -> None:
        self.messages = 0

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
        self.messages += 1


class Replanning(Sender):
    """The baseline: the plan is forgotten before every message."""

    async def _dispatch_ahead(self) -> float | None:
        self._planned.clear()  # before the read-ahead, which reads what unplanned chats need
        return await super()._dispatch_ahead()


async def run(alerts: int, cls: type[Sender]) -> tuple[float, int]:
    clock = SimClock()
    chats = MemoryChatStore()
    chats.save_chat(Chat(42))
    outbox = SqliteOutbox(None, fsync=False)
    outbox.enqueue(
        [
            OutboxEntry(
                42,
                Story(
                    id=f"s{n}",
                    article_id=f"a{n}",
                    title=f"Story {n}: Russian cargo plane leaves Syria for Libya",
                    url=f"https://news.example/{n}",
                    source="Bench",
                    published=T0 + timedelta(seconds=n),
                    seen=T0,
                ),
                (Hit(1, "q", ("q",)),),
                created=T0,
            )
            for n in range(alerts)
        ]
    )
    notifier = Accepting()
    sender = cls(outbox=outbox, chats=chats, notifier=notifier, clock=clock, offload=False)
    started = time.process_time()
    await sender.start()
    while outbox.unsent():
        await clock.advance(clock.t + 1.0)
    await sender.stop()
    return time.process_time() - started, notifier.messages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--alerts", type=int, default=10_000)
    args = parser.parse_args()
    print(f"one chat, a backlog of {args.alerts} alerts (loaded machine: compare the rows)")
    for name, cls in (("planned once", Sender), ("re-planned (before)", Replanning)):
        cpu, messages = asyncio.run(run(args.alerts, cls))
        print(
            f"{name:20}: {cpu:6.2f} s CPU, {messages} messages, {cpu / messages * 1000:.1f} ms each"
        )


if __name__ == "__main__":
    main()
