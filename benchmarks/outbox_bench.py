"""Outbox benchmark: the real sender against the fake Bot API (enforcing Telegram's flood
limits) with a backlog of alerts, on an outbox that already holds a week of sent history.

    python benchmarks/outbox_bench.py [--backlog 10000] [--sent 1000000] [--seconds 15]
        [--baseline-sent 100000]

Runs the SQLite outbox with `--sent` sent entries, and the JSON outbox of earlier versions
with `--baseline-sent` as the baseline (a million makes the JSON run take minutes). Prints,
for each: open time, messages/s accepted by the fake over `--seconds` (limit 30/s), the
mark time (median and max) and the process's peak memory. Timings from a loaded machine
vary: compare the two runs of the same invocation, not numbers across machines.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")

from benchmarks.delivery_bench import _bot  # noqa: E402
from bot.alerts.sender import Sender  # noqa: E402
from bot.models import Chat, Hit, OutboxEntry, OutboxStatus, Story  # noqa: E402
from handlers.notifier import BotNotifier  # noqa: E402
from storage.base import OutboxStore  # noqa: E402
from storage.memory import MemoryChatStore  # noqa: E402
from storage.outbox import JsonOutbox, entry_to_json, outbox_path  # noqa: E402
from storage.outbox_sqlite import SqliteOutbox, sqlite_outbox_path  # noqa: E402
from tests.fakes.telegram_server import FakeTelegram, FloodLimits  # noqa: E402

NOW = datetime.now(UTC)


def story(n: int) -> Story:
    return Story(
        id=f"s{n}",
        article_id=f"a{n}",
        title=f"Russian cargo plane {n} leaves Syria for Libya, more flights expected",
        url=f"https://www.trtworld.com/world/russian-cargo-plane-{n}",
        summary="Moscow says it hopes to maintain its naval and air bases in Syria.",
        source="TRT World",
        published=NOW,
        seen=NOW,
    )


HIT = (Hit(1, "Khmeimim", ("Khmeimim ≈ Hmeimim",)),)


def history(first: int, count: int) -> list[OutboxEntry]:
    """A week of sent alerts: 10,000 chats, a hundred stories a week each."""
    at = NOW - timedelta(days=3)
    return [
        OutboxEntry(
            chat_id=100_000 + i % 10_000,
            story=story(1_000_000 + i),
            hits=(),
            created=at,
            status=OutboxStatus.SENT,
            sent=at,
        )
        for i in range(first, first + count)
    ]


def fill_sqlite(path: Path, sent: int) -> None:
    box = SqliteOutbox(path, fsync=False)
    for start in range(0, sent, 100_000):
        box.import_entries(history(start, min(100_000, sent - start)))
    box.close()


def fill_json(path: Path, sent: int) -> None:
    import json

    docs = {f"{e.chat_id}:{e.story.id}": entry_to_json(e) for e in history(0, sent)}
    path.write_text(json.dumps({"outbox": docs}))


class TimedOutbox:
    """Measures `mark`, the call each delivered alert waits for."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.marks: list[float] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def mark(self, keys: Sequence[tuple[int, str]], *, status: str, at: datetime) -> None:
        started = time.perf_counter()
        self.inner.mark(keys, status=status, at=at)
        self.marks.append(time.perf_counter() - started)


async def run(outbox: OutboxStore, backlog: int, seconds: float) -> dict[str, float]:
    chats = MemoryChatStore()
    ids = [1000 + i for i in range(backlog)]
    with FakeTelegram(limits=FloodLimits()) as fake:
        for chat_id in ids:
            fake.register_chat(chat_id, "private")
            chats.save_chat(Chat(chat_id))
        outbox.enqueue([OutboxEntry(c, story(1), HIT, created=NOW) for c in ids])
        bot = await _bot(fake)
        timed = TimedOutbox(outbox)
        sender = Sender(outbox=timed, chats=chats, notifier=BotNotifier(bot))
        started = time.monotonic()
        await sender.start()
        await asyncio.sleep(seconds)
        await sender.stop()
        await bot.shutdown()
        # Messages accepted per second once running: after the first second, to the end.
        window = [m.at for m in fake.all_sent() if m.at >= started + 1.0]
        return {
            "rate": len(window) / (seconds - 1.0),
            "sent": len(fake.all_sent()),
            "rate_limited": fake.rate_limited,
            "mark_median_ms": statistics.median(timed.marks) * 1000 if timed.marks else 0.0,
            "mark_max_ms": max(timed.marks) * 1000 if timed.marks else 0.0,
            "marks": len(timed.marks),
        }


def report(name: str, opened: float, got: dict[str, float]) -> None:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{name}: open {opened:.2f} s | {got['rate']:.1f} messages/s ({got['sent']:.0f} sent, "
        f"{got['rate_limited']:.0f} 429s) | mark median {got['mark_median_ms']:.1f} ms, "
        f"max {got['mark_max_ms']:.1f} ms over {got['marks']:.0f} writes | peak RSS so far "
        f"{peak:.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--backlog", type=int, default=10_000, help="alerts queued (one a chat)")
    parser.add_argument("--sent", type=int, default=1_000_000, help="sent history (SQLite)")
    parser.add_argument("--baseline-sent", type=int, default=100_000, help="sent history (JSON)")
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--skip-baseline", action="store_true")
    args = parser.parse_args()
    print(f"backlog {args.backlog} alerts, {args.seconds:g} s of sending, limit 30 messages/s")
    with tempfile.TemporaryDirectory() as tmp:
        main_db = Path(tmp) / "newsbot.json"
        fill_sqlite(sqlite_outbox_path(main_db), args.sent)
        started = time.perf_counter()
        box = SqliteOutbox(sqlite_outbox_path(main_db))
        opened = time.perf_counter() - started
        report(
            f"SQLite, {args.sent:,} sent", opened, asyncio.run(run(box, args.backlog, args.seconds))
        )
        box.close()
        if not args.skip_baseline:
            fill_json(outbox_path(main_db), args.baseline_sent)
            started = time.perf_counter()
            json_box = JsonOutbox(outbox_path(main_db))
            opened = time.perf_counter() - started
            got = asyncio.run(run(json_box, args.backlog, args.seconds))
            report(f"JSON (baseline), {args.baseline_sent:,} sent", opened, got)
            json_box.close()


if __name__ == "__main__":
    main()
