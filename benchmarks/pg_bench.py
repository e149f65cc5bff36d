"""PostgreSQL stores against the embedded ones, at the issue's bars, in one run.

Run: python benchmarks/pg_bench.py [--subscriptions 1000000] [--ops 200] [--fanout 20000]

PostgreSQL: NEWSBOT_BENCH_DATABASE_URL (an empty database, or one this script may fill),
else a throw-away local server from the `pgserver` wheel, fsync ON (the figures are for
durable writes). The same data goes into an embedded store (TinyDB + the SQLite outbox)
in a temporary folder, measured the same way beside it. Bars (issue 13):
- /subscribe durable at 1,000,000 subscriptions: p95 < 50 ms;
- an instance's start-up (loading every subscription) at 1,000,000: < 30 s;
- a story matching 20,000 chats written to the outbox: < 2 s.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.benchdb import bench_database
from benchmarks.store_bench import (
    SEED,
    START,
    build,
    chats_and_subscriptions,
    subscribe_latencies,
    summary,
)
from bot.app import build_index
from bot.models import Hit, OutboxEntry, Story
from storage.base import ChatStore, OutboxStore
from storage.chats import TinyChatStore
from storage.outbox_sqlite import SqliteOutbox
from storage.postgres.chats import PgChatStore
from storage.postgres.copy import Contents, write
from storage.postgres.outbox import PgOutbox
from storage.postgres.pool import Database


def contents(subscriptions: int, chats: int, rng: random.Random) -> Contents:
    """What store_bench.build writes, as one COPY for PostgreSQL."""
    chat_list, subs = chats_and_subscriptions(subscriptions, chats, rng)
    return Contents(
        chats=chat_list,
        subscriptions=subs,
        next_subscription_id=subscriptions + 1,
        articles=[],
        feed_states=[],
        outbox=[],
    )


def startup(open_store: Callable[[], ChatStore]) -> tuple[float, float]:
    """Seconds to (open and load every subscription, open and build the matching index
    from them as the bot's start-up does), each from a fresh open."""
    began = time.perf_counter()
    store = open_store()
    assert len(store.all_subscriptions()) > 0
    loaded = time.perf_counter() - began
    store.close()
    began = time.perf_counter()
    store = open_store()
    build_index(store)
    indexed = time.perf_counter() - began
    store.close()
    return loaded, indexed


def _startup_of(kind: str, where: str) -> tuple[float, float]:
    if kind == "postgresql":
        return startup(lambda: PgChatStore(Database(where)))
    return startup(lambda: TinyChatStore(Path(where)))


def startup_alone(kind: str, where: str) -> tuple[float, float]:
    """startup() in a process of its own, as an instance starts: the word lists and the
    matcher's caches cold for both stores (in one process, the second store measured
    would find them warm from the first and build its index several times faster)."""
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(_startup_of, (kind, where))


def fanout(box: OutboxStore, chats: int, stories: int) -> list[float]:
    """Seconds to enqueue one story for `chats` chats, for several stories."""
    samples = []
    for n in range(stories):
        story = Story(id=f"story-{n}", article_id=f"a{n}", title="Title", url="https://n.example/")
        batch = [
            OutboxEntry(chat_id=c, story=story, hits=(Hit(c, "syria", ("Syria",)),), created=START)
            for c in range(1, chats + 1)
        ]
        began = time.perf_counter()
        stored = box.enqueue(batch)
        samples.append(time.perf_counter() - began)
        assert len(stored) == chats
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscriptions", type=int, default=1_000_000)
    parser.add_argument("--chats", type=int, default=200_000)
    parser.add_argument("--ops", type=int, default=200)
    parser.add_argument("--embedded-ops", type=int, default=20, help="subscribes on TinyDB")
    parser.add_argument("--fanout", type=int, default=20_000)
    parser.add_argument("--stories", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(SEED)
    n = f"{args.subscriptions:,}"
    print(f"{platform.python_version()} on {os.cpu_count()} cores (machine shared: loaded)")

    rows: dict[str, str] = {}
    with bench_database() as url:
        data = contents(args.subscriptions, args.chats, rng)
        chat_ids = [c.id for c in data.chats]
        db = Database(url).retain()
        began = time.perf_counter()
        write(db, data)
        rows[f"PostgreSQL: COPY {n} subscriptions in"] = f"{time.perf_counter() - began:.1f} s"
        # What autovacuum does after a bulk load anyway, done now so that it does not run
        # in the middle of the measurements (a bot is measured in its steady state).
        with db.connection() as conn:
            conn.autocommit = True
            conn.execute("VACUUM ANALYZE")
        db.release()

        pg_load, pg_index = startup_alone("postgresql", url)
        pg = PgChatStore(Database(url))
        pg_sub = summary(subscribe_latencies(pg, chat_ids, args.ops, random.Random(SEED + 1)))
        pg.close()
        pg_box = PgOutbox(Database(url))
        pg_fan = sorted(fanout(pg_box, args.fanout, args.stories))
        pg_box.close()

        with tempfile.TemporaryDirectory(prefix="pg-bench-") as folder:
            path = Path(folder) / "newsbot.json"
            tiny_ids = build(path, args.subscriptions, args.chats, random.Random(SEED))
            tiny_load, tiny_index = startup_alone("embedded", str(path))
            tiny = TinyChatStore(path)
            tiny_sub = summary(
                subscribe_latencies(tiny, tiny_ids, args.embedded_ops, random.Random(SEED + 1))
            )
            tiny.close()
            box = SqliteOutbox(Path(folder) / "newsbot.outbox.sqlite3")
            tiny_fan = sorted(fanout(box, args.fanout, args.stories))
            box.close()

    def ms(s: tuple[float, float, float]) -> str:
        return f"median {s[0]:.1f} ms, p95 {s[1]:.1f} ms, max {s[2]:.1f} ms"

    rows |= {
        f"/subscribe durable @{n}, PostgreSQL ({args.ops} ops) [bar p95 < 50 ms]": ms(pg_sub),
        f"/subscribe durable @{n}, embedded ({args.embedded_ops} ops)": ms(tiny_sub),
        f"start-up: connect + load {n}, PostgreSQL [bar < 30 s]": f"{pg_load:.1f} s",
        "start-up: connect + load + build the index, PostgreSQL": f"{pg_index:.1f} s",
        f"start-up: open + load {n}, embedded": f"{tiny_load:.1f} s",
        "start-up: open + load + build the index, embedded": f"{tiny_index:.1f} s",
        f"outbox: one story to {args.fanout:,} chats, PostgreSQL [bar < 2 s]": (
            f"median {pg_fan[len(pg_fan) // 2]:.2f} s, max {pg_fan[-1]:.2f} s"
        ),
        f"outbox: one story to {args.fanout:,} chats, embedded (SQLite)": (
            f"median {tiny_fan[len(tiny_fan) // 2]:.2f} s, max {tiny_fan[-1]:.2f} s"
        ),
        "ratio /subscribe p95 embedded / PostgreSQL": f"{tiny_sub[1] / pg_sub[1]:.1f}x",
    }
    width = max(len(k) for k in rows)
    for name, value in rows.items():
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
