"""Telegram updates across instances on PostgreSQL: how long chats go unanswered when the
instance holding the updates role is killed, and what the shared update_id claims cost
a webhook update.

Run: python benchmarks/updates_role_bench.py [--rounds 3] [--updates 500]

- Takeover: two `newsbot run` processes in polling mode on one database, against the
  fake Bot API; each round kills the holder with SIGKILL, sends /help at once and times
  the reply (the survivor must take the role, start polling and answer), then starts a
  new instance to stand by for the next round. Baseline: the same /help answered while
  the holder is alive.
- Claims: `SharedUpdates.run_once` over the handled_updates table (one INSERT and one
  UPDATE per update) against the in-process `RecentUpdates`, per update, sequentially.

PostgreSQL: NEWSBOT_BENCH_DATABASE_URL (a database this script may write to), else a
throw-away local server from the `pgserver` wheel (fsync on).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.benchdb import bench_database
from bot.ops.updates import RecentUpdates, SharedUpdates, UpdateGate
from storage.postgres.pool import Database
from storage.postgres.updates import PgUpdateClaims
from tests.conftest import bot_env
from tests.e2e import DEAD_FEED
from tests.fakes.telegram_server import FakeTelegram

TAKEN = "updates role taken"


def start(fake: FakeTelegram, folder: Path, url: str) -> tuple[subprocess.Popen[str], Path]:
    folder.mkdir(parents=True)
    log = folder / "stderr.log"
    env = bot_env(
        TELEGRAM_BOT_TOKEN=fake.token,
        TELEGRAM_API_URL=fake.url,
        NEWSBOT_DB=str(folder / "data" / "newsbot.json"),
        NEWSBOT_DATABASE_URL=url,
        NEWSBOT_FEEDS=DEAD_FEED,
        NEWSBOT_LOG_LEVEL="INFO",
        NO_PROXY="127.0.0.1,localhost",
    )
    with open(log, "w", encoding="utf-8") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"],
            cwd=folder,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=err,
            text=True,
        )
    return process, log


def reply_seconds(fake: FakeTelegram, chat_id: int) -> float:
    began = time.perf_counter()
    fake.command(chat_id, "/help")
    fake.wait_until(lambda: bool(fake.sent(chat_id)), within=120, what="a reply")
    return time.perf_counter() - began


def takeover(url: str, rounds: int, work: Path) -> None:
    with FakeTelegram() as fake:
        instances = [start(fake, work / "i0", url)]
        fake.wait_until(lambda: TAKEN in instances[0][1].read_text(), within=120, what=TAKEN)
        instances.append(start(fake, work / "i1", url))
        fake.wait_until(
            lambda: "standing by" in instances[1][1].read_text(), within=120, what="stand-by"
        )
        chat = 100
        alive, after_kill = [], []
        try:
            for n in range(rounds):
                for _ in range(3):
                    chat += 1
                    alive.append(reply_seconds(fake, chat))
                holder = next(i for i in instances if TAKEN in i[1].read_text())
                holder[0].send_signal(signal.SIGKILL)
                holder[0].wait()
                instances.remove(holder)
                chat += 1
                after_kill.append(reply_seconds(fake, chat))
                print(f"  round {n + 1}: answered {after_kill[-1]:.2f} s after the kill")
                instances.append(start(fake, work / f"i{n + 2}", url))
                fake.wait_until(
                    lambda: "standing by" in instances[-1][1].read_text(),
                    within=120,
                    what="stand-by",
                )
        finally:
            for process, _ in instances:
                process.kill()
                process.wait()
    base = statistics.median(alive)
    worst = max(after_kill)
    print(f"/help answered, holder alive (baseline): median {base * 1000:.0f} ms")
    print(
        f"/help sent right after kill -9 of the holder: median "
        f"{statistics.median(after_kill):.2f} s, worst {worst:.2f} s "
        f"({worst / base:.0f}x the baseline) over {len(after_kill)} rounds"
    )


async def per_update(gate: UpdateGate, first: int, count: int) -> float:
    async def handle() -> None:
        return None

    began = time.perf_counter()
    for update_id in range(first, first + count):
        await gate.run_once(update_id, handle)
    return (time.perf_counter() - began) / count


def claims(url: str, count: int) -> None:
    claims = PgUpdateClaims(Database(url, max_size=4))
    try:
        with claims._db.connection() as conn:
            conn.execute("DELETE FROM handled_updates")
        shared = asyncio.run(per_update(SharedUpdates(claims), 1, count))
    finally:
        claims.close()
    local = asyncio.run(per_update(RecentUpdates(), 1, count))
    print(
        f"webhook update_id gate, {count} updates: shared (PostgreSQL) {shared * 1000:.2f} ms, "
        f"in-process {local * 1000:.3f} ms per update ({shared / local:.0f}x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--updates", type=int, default=500)
    args = parser.parse_args()
    print(f"{platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    with bench_database() as url:
        Database(url).close()  # the migrations, before two instances start together
        with tempfile.TemporaryDirectory() as work:
            takeover(url, args.rounds, Path(work))
        claims(url, args.updates)


if __name__ == "__main__":
    main()
