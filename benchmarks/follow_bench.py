"""How soon a subscription made on one instance is matched by another (issue 13: "within
a second"), by NOTIFY and, as the baseline, by the periodic read alone.

Run: python benchmarks/follow_bench.py [--changes 200] [--subscriptions 10000]

PostgreSQL: NEWSBOT_BENCH_DATABASE_URL (an empty database, or one this script may fill),
else a throw-away local server from the `pgserver` wheel, fsync on. Instance A is a chat
store adding and removing subscriptions; instance B is a follower with its index on this
process's event loop. Each figure is from A's commit (add_subscription returned) to the
key being in B's index, polled every millisecond.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg

from benchmarks.benchdb import bench_database
from benchmarks.store_bench import make_query
from bot.matching.index import SubscriptionIndex
from storage.postgres.chats import PgChatStore
from storage.postgres.follow import POLL_EVERY, PgFollower
from storage.postgres.pool import Database

SEED = 20241214


def absent(index: SubscriptionIndex, key: int) -> bool:
    return key not in index


async def until(condition: Callable[[], bool]) -> None:
    """Wait for the condition, looking every millisecond."""
    while True:
        if condition():
            return
        await asyncio.sleep(0.001)


async def latencies(a: PgChatStore, b: PgFollower, index: SubscriptionIndex, n: int) -> list[float]:
    rng = random.Random(SEED)
    out: list[float] = []
    for i in range(n):
        chat = 1_000 + i % 50
        sub = await asyncio.to_thread(a.add_subscription, chat, make_query(rng))
        began = time.perf_counter()
        await until(partial(index.__contains__, sub.id))
        out.append(time.perf_counter() - began)
        await asyncio.to_thread(a.remove_subscription, chat, sub.id)
        await until(partial(absent, index, sub.id))
    return out


def summary(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return (
        f"median {statistics.median(ordered) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms,"
        f" worst {ordered[-1] * 1000:.1f} ms"
    )


async def run(url: str, changes: int, preload: int) -> None:
    a = PgChatStore(Database(url, max_size=2))
    b_store = PgChatStore(Database(url, max_size=2))
    rng = random.Random(SEED + 1)
    for i in range(preload):
        a.add_subscription(i % 2_000, make_query(rng))
    SubscriptionIndex().prepare()  # the word lists loaded once, outside the figures
    try:
        for label, notify, poll in (
            ("by NOTIFY", True, 60.0),
            (f"baseline: the periodic read alone (every {POLL_EVERY:g} s)", False, POLL_EVERY),
        ):
            with psycopg.connect(url, autocommit=True) as conn:
                state = "ENABLE" if notify else "DISABLE"
                conn.execute(f"ALTER TABLE subscription_changes {state} TRIGGER USER".encode())
            follower = PgFollower(b_store, poll_every=poll)
            index = SubscriptionIndex()
            began = time.perf_counter()
            index.add_stored([(s.id, s.query) for s in follower.snapshot()])
            loaded = time.perf_counter() - began
            follower.follow(index)
            await follower.start()
            try:
                n = changes if notify else max(5, changes // 20)
                found = await latencies(a, follower, index, n)
            finally:
                await follower.stop()
            print(f"{label}: {n} subscriptions, {summary(found)}")
            print(f"  (B's snapshot and index of {len(index)} subscriptions: {loaded:.2f} s)")
    finally:
        a.close()
        b_store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=200)
    parser.add_argument("--subscriptions", type=int, default=10_000, help="stored first")
    args = parser.parse_args()
    print(f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores")
    with bench_database() as url:
        asyncio.run(run(url, args.changes, args.subscriptions))


if __name__ == "__main__":
    main()
