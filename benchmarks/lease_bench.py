"""What a poller's claim of due feeds, and the story step, cost on PostgreSQL.

Run: python benchmarks/lease_bench.py [--feeds 1000,10000,100000] [--claims 50]

PostgreSQL: NEWSBOT_BENCH_DATABASE_URL (a server where this script may create databases),
else a throw-away local server from the `pgserver` wheel, fsync on.

- claim: `PgFeedStateStore.claim` of 16 due feeds among N (every feed of the instance is a
  candidate, as in the poller), each claimed feed released due again later; baseline: the
  one-process `LocalLeases` over the same N.
- story step: `PgArticleStore.add_new` of a poll's batch (20 new articles) with 10,000
  stored and another instance's 5 articles to read; baseline: the plain `add` of the
  same batch (no lock, nothing read, no settle).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg

from benchmarks.benchdb import bench_database
from bot.models import Article
from bot.reading.leasing import LocalLeases
from bot.reading.pollsteps import settle
from storage.base import FeedLeases
from storage.postgres.articles import PgArticleStore, PgFeedStateStore
from storage.postgres.pool import Database

T0 = datetime(2024, 12, 14, 13, 20, tzinfo=UTC)
LEASE = timedelta(seconds=60)


def claims(leases: FeedLeases, feeds: list[str], n: int) -> list[float]:
    """Times of `n` claims of 16 due feeds (each claimed feed then released, untimed, due
    again in a day, so the next claim finds others)."""
    now = T0
    out = []
    for round_ in range(n + 1):  # the first claim creates the rows: not counted
        began = time.perf_counter()
        got = leases.claim(feeds, owner="bench", now=now, lease=LEASE, limit=16)
        if round_:
            out.append(time.perf_counter() - began)
        assert len(got) == 16, len(got)
        for url in got:
            leases.release(url, owner="bench", next_due=now + timedelta(days=1))
        now += timedelta(seconds=1)
    return out


def ms(values: list[float]) -> str:
    q = statistics.quantiles(values, n=20)
    return f"median {statistics.median(values) * 1000:7.2f} ms, p95 {q[18] * 1000:7.2f} ms"


def article(n: int, who: str) -> Article:
    return Article(
        id=f"{who}{n}",
        url=f"https://{who}.example/{n}",
        title=f"Headline {who} number {n} about a matter of some length",
        text="Body text. " * 100,
        feed=f"https://{who}.example/feed",
        seen=T0,
    )


def given(articles: list[Article], _: list[Article]) -> list[Article]:
    """A settle step that keeps the articles it was given (the other instance's)."""
    return articles


def story_steps(url: str, n: int) -> tuple[list[float], list[float]]:
    db, other_db = Database(url, max_size=2), Database(url, max_size=2)
    mine, other = PgArticleStore(db, max_articles=100_000), PgArticleStore(other_db)
    other.add([article(i, "old") for i in range(10_000)])
    steps, plain = [], []
    for round_ in range(n):
        mark = mine.mark()
        theirs = [article(round_ * 5 + i, "b") for i in range(5)]
        other.add_new(after=other.mark(), settle=partial(given, theirs))
        batch = [article(round_ * 20 + i, "a") for i in range(20)]
        fresh = frozenset(a.id for a in batch)
        began = time.perf_counter()
        mine.add_new(after=mark, settle=partial(settle, batch, fresh))
        steps.append(time.perf_counter() - began)
        again = [article(round_ * 20 + i, "c") for i in range(20)]
        began = time.perf_counter()
        mine.add(again)
        plain.append(time.perf_counter() - began)
    for store in (mine, other):
        store.close()
    return steps, plain


def fresh_database(url: str, name: str) -> str:
    """An empty database `name` on the server of `url` (dropped first if it is there)."""
    from tests.postgres import with_database

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)".encode())
        conn.execute(f"CREATE DATABASE {name}".encode())
    return with_database(url, name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", default="1000,10000,100000")
    parser.add_argument("--claims", type=int, default=50)
    args = parser.parse_args()
    counts = [int(x) for x in args.feeds.split(",")]
    if min(counts) < 16 * (args.claims + 1):  # each claim's feeds are due again in a day
        parser.error(f"--feeds: at least 16 x (--claims + 1) = {16 * (args.claims + 1)} each")
    with bench_database() as url:
        print(f"{platform.node()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}")
        for count in counts:
            feeds = [f"https://feeds{n % 97}.example/{n}/rss" for n in range(count)]
            fresh = fresh_database(url, f"lease_bench_{count}")
            db = Database(fresh, max_size=2)
            pg = claims(PgFeedStateStore(db), feeds, args.claims)
            local = claims(LocalLeases(), feeds, args.claims)
            db.close()
            ratio = statistics.median(pg) / statistics.median(local)
            print(f"claim 16 of {count:>7,} feeds: PostgreSQL {ms(pg)}; local {ms(local)}")
            print(f"{'':26}PostgreSQL / local (median): {ratio:.1f}x")
        steps, plain = story_steps(fresh_database(url, "lease_bench_stories"), args.claims)
        ratio = statistics.median(steps) / statistics.median(plain)
        print(f"story step, 20 new + 5 others', 10,000 stored: {ms(steps)}")
        print(
            f"baseline plain add of 20:                     {ms(plain)}  (step / add {ratio:.1f}x)"
        )


if __name__ == "__main__":
    main()
