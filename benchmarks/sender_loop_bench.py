"""How long the sender's dispatches hold the event loop on PostgreSQL, and what it sends.

The Telegram cap (30 messages/s) hides a slow dispatch while the machine is quiet; under
load, every millisecond a dispatch blocks the loop delays every send in flight. This runs
the sender twice over the same PostgreSQL outbox (one alert for each of --chats chats, a
Notifier answering after --rtt seconds): first dispatching with its store reads inline on
the loop (the old way: Sender.dispatch() reading as it goes), then from a read-ahead made
in a thread (bot.alerts.readahead), and prints for each the messages/s, the time the loop
was held (a 1 ms ticker's lateness: total, p99, worst) and the ratio.

    python benchmarks/sender_loop_bench.py --seconds 8 --chats 1500
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.benchdb import bench_database  # noqa: E402
from bot.alerts.sender import Sender  # noqa: E402
from bot.models import Chat, Hit, OutboxEntry, Story  # noqa: E402

NOW = datetime.now(UTC)
HIT = (Hit(1, "Khmeimim", ("Khmeimim ≈ Hmeimim",)),)


class Quiet:
    """A Notifier that accepts every message after a round trip."""

    def __init__(self, rtt: float) -> None:
        self.rtt = rtt
        self.sent = 0

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
        self.sent += 1


class Timed(Sender):
    """The sender, timing each dispatch (the loop is held meanwhile)."""

    held: list[float]

    def dispatch(self, queue: Sequence[int] | None = None) -> float | None:
        started = time.perf_counter()
        try:
            return super().dispatch(queue)
        finally:
            self.held.append(time.perf_counter() - started)


class InlineSender(Timed):
    """The sender as it was: each dispatch reads the stores on the loop."""

    async def _dispatch_ahead(self) -> float | None:
        return self.dispatch()


async def run(kind: type[Timed], url: str, ids: list[int], seconds: float, rtt: float) -> str:
    from storage.postgres import open_stores

    stores = open_stores(url)
    story = Story(id=f"s{kind.__name__}", article_id="a", title="Story", url="https://x.example/")
    stores.outbox.enqueue([OutboxEntry(c, story, HIT, created=NOW) for c in ids])
    notifier = Quiet(rtt)
    sender = kind(
        outbox=stores.outbox,
        chats=stores.chats,
        notifier=notifier,
        role=stores.outbox.sender_role(),
    )
    sender.held = []
    late: list[float] = []
    stop = time.monotonic() + seconds

    async def ticker() -> None:
        while time.monotonic() < stop:
            before = time.monotonic()
            await asyncio.sleep(0.001)
            late.append(max(time.monotonic() - before - 0.001, 0.0))

    await sender.start()
    await asyncio.sleep(1.0)  # the role taken, the first dispatches made
    first = notifier.sent
    sender.held = []
    stop = time.monotonic() + seconds
    await ticker()
    rate = (notifier.sent - first) / seconds
    await sender.stop()
    stores.close_unused()
    held = sender.held or [0.0]
    return (
        f"{rate:.1f} messages/s; {len(held)} dispatches held the loop {sum(held):.2f} s"
        f" of {seconds:.0f} s (mean {statistics.mean(held) * 1000:.1f} ms,"
        f" worst {max(held) * 1000:.0f} ms); a 1 ms ticker's worst lateness"
        f" {max(late) * 1000:.0f} ms|{sum(held)}"
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--chats", type=int, default=1500)
    parser.add_argument("--rtt", type=float, default=0.05, help="Telegram's answer time (s)")
    args = parser.parse_args()
    with bench_database() as url:
        from storage.postgres import open_stores

        setup = open_stores(url)
        for chat_id in range(1, args.chats + 1):
            setup.chats.save_chat(Chat(chat_id))
        setup.close_unused()
        print(f"load average {os.getloadavg()[0]:.1f} (2 cores, shared)")
        held = {}
        ids = list(range(1, args.chats + 1))
        for name, kind in (("inline reads", InlineSender), ("read-ahead", Timed)):
            line, total = (await run(kind, url, ids, args.seconds, args.rtt)).split("|")
            held[name] = float(total)
            print(f"{name:>13}: {line}")
        ratio = held["read-ahead"] / held["inline reads"] if held["inline reads"] else 0.0
        print(f"loop held by the read-ahead sender: {ratio:.2f}x the inline one")
        print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    asyncio.run(main())
