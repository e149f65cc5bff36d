"""What a /metrics scrape costs as the outbox grows, beside /status's figures (the same
stores read by the admin command) as the baseline, in the same run.

    python benchmarks/ops_bench.py [--sizes 1000 10000 100000] [--repeats 5]

For each size: an SQLite outbox with that many pending alerts (and as many stored feed
states / articles as a small bot has), then the median and worst time of a full scrape
(`Metrics.exposition`, run in a worker thread by the server) and of `StatusService.figures`.
Timings from a loaded machine vary: compare the two columns of one run.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.chats.status import StatusService  # noqa: E402
from bot.matching.index import SubscriptionIndex  # noqa: E402
from bot.models import Hit, OutboxEntry, Story  # noqa: E402
from bot.ops.metrics import Metrics, StoreFigures  # noqa: E402
from storage.articles import TinyArticleStore, articles_path  # noqa: E402
from storage.feedstate import TinyFeedStateStore, feeds_path  # noqa: E402
from storage.memory import MemoryChatStore  # noqa: E402
from storage.outbox_sqlite import SqliteOutbox, sqlite_outbox_path  # noqa: E402

NOW = datetime.now(UTC)
HIT = (Hit(1, "Khmeimim", ("Khmeimim ≈ Hmeimim",)),)
PENDING = re.compile(r'^newsbot_alerts_queued\{status="pending"\} (\S+)$', re.M)


def entries(count: int) -> list[OutboxEntry]:
    return [
        OutboxEntry(
            chat_id=1000 + n % 5000,
            story=Story(
                id=f"s{n}",
                article_id=f"a{n}",
                title=f"Russian cargo plane {n} leaves Syria for Libya",
                url=f"https://news.example/{n}",
                summary="Moscow says it hopes to keep its bases in Syria.",
                seen=NOW,
            ),
            hits=HIT,
            created=NOW - timedelta(seconds=count - n),
        )
        for n in range(count)
    ]


def timed(call: Callable[[], object], repeats: int) -> tuple[float, float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    print(
        f"{'pending':>9} {'scrape ms (median/worst)':>26} {'/status ms':>18} {'ratio':>6}"
        f" {'read: scrape /status':>21}"
    )
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "newsbot.json"
            outbox = SqliteOutbox(sqlite_outbox_path(db), fsync=False)
            outbox.enqueue(entries(size))
            feed_states = TinyFeedStateStore(feeds_path(db), fsync=False)
            articles = TinyArticleStore(articles_path(db), fsync=False)
            metrics = Metrics()
            metrics.watch(
                StoreFigures(
                    feed_states=feed_states,
                    articles=articles,
                    outbox=outbox,
                    index=SubscriptionIndex(),
                    feeds_configured=20,
                    now=lambda: datetime.now(UTC),
                )
            )
            status = StatusService(
                chats=MemoryChatStore(),
                feed_states=feed_states,
                articles=articles,
                outbox=outbox,
                feeds_configured=20,
            )
            scrape = timed(metrics.exposition, args.repeats)
            baseline = timed(status.figures, args.repeats)
            # What each read of the outbox found: both must count every queued alert.
            scraped = PENDING.search(metrics.exposition().decode())
            print(
                f"{size:>9,} {scrape[0]:>15.1f} / {scrape[1]:>7.1f} "
                f"{baseline[0]:>9.1f} / {baseline[1]:>6.1f} {scrape[0] / baseline[0]:>6.2f}"
                f" {float(scraped[1]) if scraped else -1:>13.0f} {status.figures().unsent:>7}"
            )
            for store in (outbox, feed_states, articles):
                store.close()


if __name__ == "__main__":
    main()
