"""The sender on PostgreSQL (claims, fenced by the sender role) against the SQLite outbox,
and how long a takeover takes when the holder dies.

    python benchmarks/sender_role_bench.py [--backlog 3000] [--seconds 10] [--standbys 2]

1. Send rate: the real sender and BotNotifier against the fake Bot API enforcing
   Telegram's limits (30/s), `--seconds` each, on the SQLite outbox (the baseline) and on
   PostgreSQL with `--standbys` more senders of other "instances" standing by.
2. Takeover: the holder is killed mid-burst (its tasks cancelled, its database session
   terminated, as at kill -9); the seconds until a standby's first send.

PostgreSQL: NEWSBOT_BENCH_DATABASE_URL (a database this script may fill), else a
throw-away server from the `pgserver` wheel (fsync on). Timings from a loaded machine vary:
compare the two runs of one invocation, not numbers across machines.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")

import psycopg  # noqa: E402

from benchmarks.benchdb import bench_database  # noqa: E402
from benchmarks.delivery_bench import _bot  # noqa: E402
from bot.alerts.sender import Sender  # noqa: E402
from bot.models import Chat, Hit, OutboxEntry, Story  # noqa: E402
from handlers.notifier import BotNotifier  # noqa: E402
from storage.base import ChatStore, OutboxStore  # noqa: E402
from storage.memory import MemoryChatStore  # noqa: E402
from storage.outbox_sqlite import SqliteOutbox  # noqa: E402
from tests.fakes.telegram_server import FakeTelegram, FloodLimits  # noqa: E402

NOW = datetime.now(UTC)
HIT = (Hit(1, "Khmeimim", ("Khmeimim ≈ Hmeimim",)),)
TAKEOVER_AFTER = 60  # messages the holder sends before it is killed


def entries(ids: list[int], n: int) -> list[OutboxEntry]:
    story = Story(id=f"s{n}", article_id=f"a{n}", title=f"Story {n}", url=f"https://x.example/{n}")
    return [OutboxEntry(c, story, HIT, created=NOW) for c in ids]


async def send_rate(
    senders: list[tuple[OutboxStore, ChatStore]], ids: list[int], seconds: float
) -> tuple[float, int, int]:
    """Messages/s the fake accepted after the first second, 429s, and how many senders sent."""
    with FakeTelegram(limits=FloodLimits()) as fake:
        for chat_id in ids:
            fake.register_chat(chat_id, "private")
        bots, running = [], []
        for outbox, chats in senders:
            bot = await _bot(fake)
            bots.append(bot)
            role = outbox.sender_role() if hasattr(outbox, "sender_role") else None
            sender = Sender(outbox=outbox, chats=chats, notifier=BotNotifier(bot), role=role)
            running.append(sender)
        senders[0][0].enqueue(entries(ids, 1))
        started = time.monotonic()
        for sender in running:
            await sender.start()
        await asyncio.sleep(seconds)
        holders = sum(1 for s in running if s.stats.sent)
        for sender in running:
            await sender.stop()
        for bot in bots:
            await bot.shutdown()
        window = [m.at for m in fake.all_sent() if m.at >= started + 1.0]
        return len(window) / (seconds - 1.0), fake.rate_limited, holders


async def takeover(url: str, ids: list[int], standbys: int) -> float:
    """Seconds from the holder's death to a standby's first send."""
    from storage.postgres import open_stores

    with FakeTelegram(limits=FloodLimits()) as fake:
        for chat_id in ids:
            fake.register_chat(chat_id, "private")
        made = []
        for _ in range(1 + standbys):
            pg = open_stores(url)
            bot = await _bot(fake)
            sender = Sender(
                outbox=pg.outbox,
                chats=pg.chats,
                notifier=BotNotifier(bot),
                role=pg.outbox.sender_role(),
            )
            made.append((pg, bot, sender))
        first = made[0][2]
        await first.start()
        while not first.role_held:  # noqa: ASYNC110 (polling a figure, as a user would)
            await asyncio.sleep(0.05)
        for _, _, sender in made[1:]:
            await sender.start()
        made[0][0].outbox.enqueue(entries(ids, 2))
        first.wake()
        while len(fake.all_sent()) < TAKEOVER_AFTER:  # noqa: ASYNC110
            await asyncio.sleep(0.05)
        pid = getattr(first._role, "pid", None)
        runner = first._runner
        assert runner is not None
        for task in [runner, *first._tasks]:
            task.cancel()
        await asyncio.gather(runner, *first._tasks, return_exceptions=True)
        died = time.monotonic()
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("SELECT pg_terminate_backend(%s)", (pid,))
        before = len(fake.all_sent())
        while len(fake.all_sent()) == before:  # noqa: ASYNC110
            await asyncio.sleep(0.01)
        took = time.monotonic() - died
        for _, _, sender in made[1:]:
            await sender.stop()
        for pg, bot, _ in made:
            await bot.shutdown()
            pg.close_unused()
        first._role.release()
        return took


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--backlog", type=int, default=3000, help="alerts queued (one a chat)")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--standbys", type=int, default=2)
    args = parser.parse_args()
    if args.backlog <= TAKEOVER_AFTER:
        # Fewer, and the standby may have nothing left to send: the takeover never ends.
        parser.error(f"--backlog must be over {TAKEOVER_AFTER} (the holder dies after them)")
    ids = [1000 + i for i in range(args.backlog)]

    base = SqliteOutbox(None)
    chats = MemoryChatStore()
    for chat_id in ids:
        chats.save_chat(Chat(chat_id))
    rate, limited, _ = await send_rate([(base, chats)], ids, args.seconds)
    print(f"SQLite outbox, one process: {rate:.1f} messages/s, {limited} 429s")

    with bench_database() as url:
        from storage.postgres import open_stores

        stores = [open_stores(url) for _ in range(1 + args.standbys)]
        for chat_id in ids:
            stores[0].chats.save_chat(Chat(chat_id))
        pg_rate, pg_limited, holders = await send_rate(
            [(s.outbox, s.chats) for s in stores], ids, args.seconds
        )
        for s in stores:
            s.close_unused()
        print(
            f"PostgreSQL, {1 + args.standbys} instances: {pg_rate:.1f} messages/s"
            f" ({pg_rate / rate:.2f}x the SQLite run), {pg_limited} 429s,"
            f" {holders} instance(s) sent"
        )
        took = await takeover(url, [5000 + i for i in range(args.backlog)], args.standbys)
        print(f"takeover: a standby's first send {took:.2f} s after the holder died")


if __name__ == "__main__":
    asyncio.run(main())
