"""Chat store speed: subscribe/unsubscribe latency (durable write included) and start-up.

Run: python benchmarks/store_bench.py [--subscriptions 10000] [--chats 2000] [--ops 200]
Builds the store in a temporary folder, then measures TinyChatStore against baselines run
in the same process: the same store at 100 subscriptions, and TinyDB's own Table
insert/remove on the same file (with and without this project's atomic storage).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tinydb import TinyDB
from tinydb.storages import JSONStorage

from bot.models import Chat, ChatKind, Subscription
from storage.atomic import AtomicJSONStorage
from storage.base import ChatStore
from storage.chats import TinyChatStore
from storage.memory import SUBSCRIPTIONS, store_tables, subscription_document

SEED = 20241214
START = datetime(2024, 1, 1, tzinfo=UTC)  # when the built subscriptions were made
WORDS = (
    "syria",
    "russia",
    "khmeimim",
    "tartus",
    "kyiv",
    "kiev",
    "ukraine",
    "gaza",
    "israel",
    "iran",
    "iraq",
    "libya",
    "mali",
    "election",
    "inflation",
    "bitcoin",
    "openai",
    "nvidia",
    "earthquake",
    "wildfire",
    "hurricane",
    "nato",
    "sanctions",
    "tariff",
    "bolsonaro",
    "epstein",
    "lula",
    "macron",
    "merz",
    "starmer",
    "modi",
    "xi",
)


def make_query(rng: random.Random) -> str:
    """A realistic query: one to three terms, sometimes an OR, a phrase or an exclusion."""
    terms = rng.sample(WORDS, rng.randint(1, 3))
    roll = rng.random()
    if roll < 0.2 and len(terms) > 1:
        return f"{terms[0]} OR {terms[1]}"
    if roll < 0.35 and len(terms) > 1:
        return f'"{terms[0]} {terms[1]}"'
    if roll < 0.45 and len(terms) > 1:
        return f"{terms[0]} -{terms[1]}"
    return " ".join(terms)


def chats_and_subscriptions(
    subscriptions: int, chats: int, rng: random.Random
) -> tuple[list[Chat], list[Subscription]]:
    """`chats` chats (two thirds of them supergroups) and `subscriptions` spread over them
    in turn, numbered from 1, each with a query from make_query."""
    chat_ids = [-1001000000000 - n if n % 3 else 100000 + n for n in range(chats)]
    chat_list = [
        Chat(
            id=c,
            kind=ChatKind.SUPERGROUP if c < 0 else ChatKind.PRIVATE,
            title=f"Chat {c}",
            created=START,
        )
        for c in chat_ids
    ]
    subs = [
        Subscription(
            id=n,
            chat_id=chat_ids[n % chats],
            query=make_query(rng),
            created=START + timedelta(seconds=n),
        )
        for n in range(1, subscriptions + 1)
    ]
    return chat_list, subs


def build(path: Path, subscriptions: int, chats: int, rng: random.Random) -> list[int]:
    """Write a store file holding `subscriptions` over `chats` in one go; the chat ids."""
    chat_list, subs = chats_and_subscriptions(subscriptions, chats, rng)
    AtomicJSONStorage(path).apply(store_tables(chat_list, subs, subscriptions + 1))
    return [c.id for c in chat_list]


def timed(action: Callable[[], object]) -> float:
    began = time.perf_counter()
    action()
    return (time.perf_counter() - began) * 1000


def summary(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95, ordered[-1]


def subscribe_latencies(
    store: ChatStore, chat_ids: list[int], ops: int, rng: random.Random
) -> list[float]:
    """Milliseconds of each of `ops` subscriptions (a random chat, a make_query query)."""
    return [
        timed(lambda: store.add_subscription(rng.choice(chat_ids), make_query(rng)))
        for _ in range(ops)
    ]


def store_latencies(
    path: Path, chat_ids: list[int], ops: int, rng: random.Random
) -> tuple[list[float], list[float]]:
    """Subscribe `ops` times, then unsubscribe `ops` of the older subscriptions."""
    store = TinyChatStore(path)
    adds = subscribe_latencies(store, chat_ids, ops, rng)
    victims = rng.sample(store.all_subscriptions(), ops)
    removes = [timed(partial(store.remove_subscription, s.chat_id, s.id)) for s in victims]
    store.close()
    return adds, removes


def startup(path: Path, rounds: int = 5) -> list[float]:
    """Open + load + list every chat and subscription, as the bot does at start-up."""

    def open_and_list() -> None:
        store = TinyChatStore(path)
        store.all_subscriptions()
        store.chats()
        store.close()

    return [timed(open_and_list) for _ in range(rounds)]


def tinydb_latencies(
    db: TinyDB, chat_ids: list[int], ops: int, rng: random.Random
) -> tuple[list[float], list[float]]:
    """TinyDB's own Table.insert / Table.remove on the same data."""
    table = db.table(SUBSCRIPTIONS)
    start = datetime(2024, 6, 1, tzinfo=UTC)

    def insert() -> int:
        sub = Subscription(id=0, chat_id=rng.choice(chat_ids), query=make_query(rng), created=start)
        return int(table.insert(subscription_document(sub)))

    added: list[int] = []
    adds = [timed(lambda: added.append(insert())) for _ in range(ops)]
    removes = [timed(partial(table.remove, doc_ids=[doc_id])) for doc_id in added]
    return adds, removes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscriptions", type=int, default=10_000)
    parser.add_argument("--chats", type=int, default=2_000)
    parser.add_argument("--ops", type=int, default=200)
    parser.add_argument("--baseline-ops", type=int, default=50, help="ops for TinyDB baselines")
    args = parser.parse_args()
    rng = random.Random(SEED)
    n = f"{args.subscriptions:,}"

    with tempfile.TemporaryDirectory(prefix="store-bench-") as folder:
        big = Path(folder) / "big" / "newsbot.json"
        small = Path(folder) / "small" / "newsbot.json"
        chat_ids = build(big, args.subscriptions, args.chats, rng)
        small_chats = build(small, 100, 20, rng)
        size_mb = big.stat().st_size / 1e6

        adds, removes = store_latencies(big, chat_ids, args.ops, rng)
        subscribe, unsubscribe, start = summary(adds), summary(removes), summary(startup(big))
        adds, removes = store_latencies(small, small_chats, args.ops, rng)
        small_rows = summary(adds), summary(removes), summary(startup(small))

        db = TinyDB(big, storage=AtomicJSONStorage)
        adds, removes = tinydb_latencies(db, chat_ids, args.baseline_ops, rng)
        db.close()
        tinydb_insert, tinydb_remove = summary(adds), summary(removes)
        db = TinyDB(big, storage=JSONStorage)  # TinyDB's default: no fsync, not crash-safe
        adds, _ = tinydb_latencies(db, chat_ids, args.baseline_ops, rng)
        db.close()
        default_insert = summary(adds)

    rows = {
        f"TinyChatStore subscribe @{n}": subscribe,
        f"TinyChatStore unsubscribe @{n}": unsubscribe,
        f"TinyChatStore start-up (open+load+list all) @{n}": start,
        "baseline: TinyChatStore subscribe @100": small_rows[0],
        "baseline: TinyChatStore unsubscribe @100": small_rows[1],
        "baseline: TinyChatStore start-up @100": small_rows[2],
        f"baseline: TinyDB Table.insert @{n} (AtomicJSONStorage)": tinydb_insert,
        f"baseline: TinyDB Table.remove @{n} (AtomicJSONStorage)": tinydb_remove,
        f"baseline: TinyDB Table.insert @{n} (default JSONStorage, no fsync)": default_insert,
    }
    load = os.getloadavg()
    print(
        f"store benchmark: {n} subscriptions over {args.chats:,} chats (file {size_mb:.1f} MB), "
        f"{args.ops} ops ({args.baseline_ops} for TinyDB baselines), durable writes included"
    )
    print(
        f"python {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}"
    )
    width = max(len(name) for name in rows)
    print(f"{'':{width}}  {'median':>9} {'p95':>9} {'worst':>9}")
    for name, (median, p95, worst) in rows.items():
        print(f"{name:{width}}  {median:7.2f}ms {p95:7.2f}ms {worst:7.2f}ms")
    print(f"ratio subscribe @{n} / @100 (median): {subscribe[0] / small_rows[0][0]:.1f}x")
    print(
        "ratio TinyDB Table.insert / TinyChatStore subscribe (median): "
        f"{tinydb_insert[0] / subscribe[0]:.1f}x"
    )
    verdict = "met" if max(subscribe[2], unsubscribe[2]) < 50 and start[2] < 1000 else "MISSED"
    print(f"bars (worst subscribe/unsubscribe < 50 ms, worst start-up < 1000 ms): {verdict}")


if __name__ == "__main__":
    main()
