"""Nothing a feed sends stalls the event loop: story de-duplication and loop lag (issue 10).

1. Story decisions for a poll of N distinct titles beside K stored ones from other feeds:
   the StoryIndex (trigram blocking) against the old search, rapidfuzz's process.extract
   over every known title per entry (kept here as the baseline), same answers checked.
2. Event-loop lag while FeedPoller polls a feed of N entries served on 127.0.0.1 (parse
   in a worker process, decisions in a thread): a ticker every 10 ms records how late it
   woke. The baseline is the same parse and decisions run inline, as loop time.

    python benchmarks/stall_bench.py [--sizes 10000 30000] [--known 2000] [--no-baseline]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from rapidfuzz import fuzz, process

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.config import Settings  # noqa: E402
from bot.models import Article  # noqa: E402
from bot.reading.decide import decide  # noqa: E402
from bot.reading.feeds import parse_feed  # noqa: E402
from bot.reading.poller import FeedPoller  # noqa: E402
from bot.reading.stories import (  # noqa: E402
    STORY_MIN_FUZZY_LENGTH,
    STORY_TITLE_SCORE,
    StoryIndex,
    story_title,
)
from storage.articles import TinyArticleStore, articles_path  # noqa: E402
from storage.feedstate import TinyFeedStateStore, feeds_path  # noqa: E402
from tests.fakes.feed_server import FeedServer, Item, rss  # noqa: E402

NOW = datetime.now(UTC)
WORDS = """minister storm election court flood talks plane port strike rates deal fire quake
rebels vote ban oil gas border army police budget bank union leader summit trade health
school prices energy climate market power water city coast island capital""".split()  # noqa: SIM905


REAL = Path(os.environ.get("NEWSBOT_SHARED", ROOT.parent / "shared")) / "corpora/feeds/real"
_NEWS_WORDS: list[str] = []


def news_words(rng: random.Random) -> list[str]:
    """The words of the titles in the real feeds of ../shared/corpora (made-up ones
    without them), as often as they occur there: a news vocabulary."""
    if not _NEWS_WORDS:
        for path in sorted(REAL.rglob("*")) if REAL.is_dir() else []:
            if path.is_file() and path.stat().st_size < 5_000_000:
                with contextlib.suppress(Exception):
                    for a in parse_feed(path.read_bytes()).articles:
                        _NEWS_WORDS.extend(a.title.split())
        if not _NEWS_WORDS:
            syllables = [c + v for c in "bcdfghklmnprstvz" for v in "aeiou"]
            _NEWS_WORDS.extend(
                "".join(rng.choice(syllables) for _ in range(rng.randint(1, 4)))
                for _ in range(5000)
            )
    return _NEWS_WORDS


def titles(rng: random.Random, n: int, vocabulary: list[str]) -> list[str]:
    out = []
    for i in range(n):
        words = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(5, 11)))
        out.append(f"{words.capitalize()} ({i})")  # distinct, as in the finding
    return out


def articles(names: list[str], feed: str, seen: datetime) -> list[Article]:
    return [
        Article(id=f"{feed}-{i}", url=f"https://{feed}/{i}", title=t, feed=feed, seen=seen)
        for i, t in enumerate(names)
    ]


class OldStoryOf:
    """The search before the index: every known long title scanned for each entry."""

    def __init__(self, known: list[Article]) -> None:
        self.knowns = [a for a in known if len(story_title(a.title)) >= STORY_MIN_FUZZY_LENGTH]
        self.titles = [story_title(a.title) for a in self.knowns]

    def story_of(self, a: Article) -> str | None:
        title = story_title(a.title)
        found = process.extract(
            title, self.titles, scorer=fuzz.ratio, score_cutoff=STORY_TITLE_SCORE, limit=20
        )
        for _, _, i in found:
            k = self.knowns[i]
            if k.feed != a.feed and abs((k.published or k.seen) - (a.published or a.seen)) <= (
                timedelta(hours=48)
            ):
                return k.story
        return None

    def add(self, a: Article) -> None:  # the old index grew during the poll
        self.knowns.append(a)
        self.titles.append(story_title(a.title))


def bench_decisions(n: int, known: int, baseline: bool, narrow: bool) -> None:
    rng = random.Random(n)
    vocabulary = WORDS if narrow else news_words(rng)
    stored = articles(titles(rng, known, vocabulary), "other.example", NOW - timedelta(hours=1))
    # A tenth of the poll retells stored stories with a typo: the search must find them.
    polled = articles(titles(rng, n, vocabulary), "big.example", NOW)
    for i in range(0, n // 10):
        told = stored[i % known].title
        polled[i] = Article(
            id=f"big-re-{i}", url=f"https://big.example/re{i}",
            title=told[:5] + told[6:] + "!", feed="big.example", seen=NOW,
        )  # fmt: skip
    index = StoryIndex()
    started = time.process_time()
    index.add_all(stored)
    build = time.process_time() - started
    started = time.process_time()
    new = [d.article.story_id for d in decide(polled, stories=index, first_poll=False,
                                              listed=set(), now=NOW)]  # fmt: skip
    for a in polled:
        index.add(a)
    ours = time.process_time() - started
    kind = "narrow vocabulary (40 words)" if narrow else "words of real titles"
    print(f"decisions  n={n:>6} known={known}, {kind}: index build {build:6.2f} s, "
          f"poll {ours:6.2f} s CPU ({sum(bool(s) for s in new)} second sources)")  # fmt: skip
    if not baseline:
        return
    old = OldStoryOf(stored)
    started = time.process_time()
    found = []
    for a in polled:
        found.append(old.story_of(a) or "")
        old.add(a)
    theirs = time.process_time() - started
    agree = sum(x == y for x, y in zip(found, new, strict=True))
    print(
        f"  baseline process.extract per entry: {theirs:6.2f} s CPU; "
        f"ratio {theirs / max(ours, 1e-9):6.1f}x; same answer {agree}/{n}"
    )


async def bench_loop_lag(n: int) -> None:
    rng = random.Random(7)
    items = [Item(t, f"https://wire.example.com/{i}", "A teaser.", NOW)
             for i, t in enumerate(titles(rng, n, news_words(rng)))]  # fmt: skip
    body = rss(items)
    with FeedServer() as server, tempfile.TemporaryDirectory() as tmp:
        url = server.route("/big", body=body)
        settings = Settings(db_path=Path(tmp) / "n.json", feeds=(url,), fulltext=False)
        store = TinyArticleStore(articles_path(settings.db_path), fsync=False)
        states = TinyFeedStateStore(feeds_path(settings.db_path), fsync=False)
        received: list[Article] = []

        async def on_new(stories: list[Article]) -> None:
            received.extend(stories)

        import httpx

        async with httpx.AsyncClient(timeout=60, trust_env=False) as client:
            poller = FeedPoller(settings=settings, client=client, articles=store,
                                feed_states=states, on_new=on_new)  # fmt: skip
            await poller.workers.run(time.process_time, limit=60)  # workers started
            lags: list[float] = []

            async def ticker() -> None:
                while True:
                    planned = time.monotonic() + 0.01
                    await asyncio.sleep(0.01)
                    lags.append(time.monotonic() - planned)

            tick = asyncio.create_task(ticker())
            started = time.monotonic()
            result = await poller.poll_once(url)
            wall = time.monotonic() - started
            tick.cancel()
            await poller.stop()
        store.close()
        states.close()
    lags.sort()
    print(
        f"loop lag   n={n:>6} ({len(body) / 1e6:.1f} MB): poll {result.outcome}, "
        f"{len(result.new)} new, {wall:5.1f} s wall; lag max {lags[-1] * 1000:6.0f} ms, "
        f"p99 {lags[int(len(lags) * 0.99)] * 1000:5.0f} ms over {len(lags)} ticks"
    )
    started = time.process_time()
    parsed = parse_feed(body, url=url, now=NOW)
    list(decide(parsed.articles, stories=StoryIndex(), first_poll=True, listed=set(), now=NOW))
    inline = time.process_time() - started
    print(
        f"  baseline: the same parse + decisions inline would hold the loop {inline:5.1f} s; "
        f"ratio {inline / max(lags[-1], 1e-3):6.0f}x the worst lag"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000])
    parser.add_argument("--known", type=int, default=2000)
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    for n in args.sizes:
        for narrow in (False, True):
            bench_decisions(n, args.known, not args.no_baseline, narrow)
    for n in args.sizes:
        asyncio.run(bench_loop_lag(n))


if __name__ == "__main__":
    main()
