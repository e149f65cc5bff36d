"""Read-path throughput: the real feeds of ../shared/corpora through FeedPoller.

A child process serves every feed listed in INVENTORY.tsv on 127.0.0.1; this process,
pinned to one core, polls them all through the whole read path (HTTP download, parse,
dedupe and story detection, one atomic store write per feed, feed state) and prints
feeds per second (wall and per CPU second), entries per second and peak memory. A
parse-only pass over the same bytes is the baseline. Full text is off (no internet).

    python benchmarks/read_bench.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import logging
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.config import Settings  # noqa: E402
from bot.models import Article  # noqa: E402
from bot.reading.feeds import parse_feed  # noqa: E402
from bot.reading.poller import FeedPoller  # noqa: E402
from storage.articles import TinyArticleStore, articles_path  # noqa: E402
from storage.feedstate import TinyFeedStateStore, feeds_path  # noqa: E402

SHARED = Path(os.environ.get("NEWSBOT_SHARED", ROOT.parent / "shared"))
REAL = SHARED / "corpora" / "feeds" / "real"


def feed_files() -> list[Path]:
    with (REAL / "INVENTORY.tsv").open(encoding="utf-8") as handle:
        return [REAL / row["path"] for row in csv.DictReader(handle, delimiter="\t")]


def _serve(files: list[str], ports: multiprocessing.Queue[int], stop: object) -> None:
    from tests.fakes.feed_server import FeedServer

    with FeedServer() as server:
        for number, file in enumerate(files):
            server.serve_file(f"/{number}", Path(file))
        ports.put(server.port)
        stop.wait()  # type: ignore[attr-defined]


async def poll_round(urls: list[str], folder: Path) -> tuple[float, float, int, int]:
    settings = Settings(db_path=folder / "newsbot.json", feeds=tuple(urls), fulltext=False)
    articles = TinyArticleStore(articles_path(settings.db_path))
    states = TinyFeedStateStore(feeds_path(settings.db_path))
    received: list[Article] = []

    async def on_new(stories: list[Article]) -> None:
        received.extend(stories)

    import httpx

    async with httpx.AsyncClient(timeout=30, trust_env=False) as client:
        poller = FeedPoller(
            settings=settings, client=client, articles=articles, feed_states=states,
            on_new=on_new,
        )  # fmt: skip
        wall, cpu = time.perf_counter(), time.process_time()
        results = await poller.poll_all()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    articles.close()
    states.close()
    entries = sum(r.entries for r in results)
    return wall, cpu, len(results), entries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # malformed-feed warnings are expected here
    files = feed_files()
    ctx = multiprocessing.get_context("spawn")
    ports: multiprocessing.Queue[int] = ctx.Queue()
    stop = ctx.Event()
    child = ctx.Process(target=_serve, args=([str(f) for f in files], ports, stop), daemon=True)
    child.start()
    port = ports.get(timeout=60)
    if hasattr(os, "sched_setaffinity") and len(os.sched_getaffinity(0)) > 1:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core for the read path
    urls = [f"http://127.0.0.1:{port}/{n}" for n in range(len(files))]

    bodies = [f.read_bytes() for f in files]
    start = time.process_time()
    parsed = 0
    for body in bodies:
        with contextlib.suppress(Exception):  # a few corpus files are not feeds at all
            parsed += parse_feed(body, url="http://127.0.0.1/").entries
    parse_cpu = time.process_time() - start
    print(f"{len(files)} real feeds, {sum(map(len, bodies)) / 1e6:.1f} MB")
    rate = len(files) / parse_cpu
    print(f"parse only:  {rate:7.1f} feeds/CPU-s  {parsed / parse_cpu:8.0f} entries/CPU-s")

    best = None
    for n in range(args.rounds):
        with tempfile.TemporaryDirectory() as folder:
            wall, cpu, feeds, entries = asyncio.run(poll_round(urls, Path(folder)))
        print(f"read path round {n + 1}: {feeds / wall:7.1f} feeds/s wall  {feeds / cpu:7.1f} "
              f"feeds/CPU-s  {entries / wall:8.0f} entries/s  ({wall:.2f} s)")  # fmt: skip
        best = wall if best is None else min(best, wall)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert best is not None
    ratio = (len(files) / best) / (len(files) / parse_cpu)
    print(f"best: {len(files) / best:.1f} feeds/s; read path / parse only = {ratio:.2f}")
    print(f"peak RSS {peak:.0f} MB")
    stop.set()
    child.join(timeout=10)


if __name__ == "__main__":
    main()
