"""Command latency with the real bot: /subscribe and /latest with 10,000 subscriptions and a
full article store, /help while another chat floods /latest,
and /help while new chats subscribe (their store writes: off the event loop or not).

    python benchmarks/command_bench.py [--subscriptions 10000] [--articles 10000]
                                       [--samples 30] [--flood 20] [--memory]

The bot is built as `newsbot run` builds it (embedded TinyDB stores in a temporary folder,
the prepared article index warmed at start-up) and talks to the fake Bot API on 127.0.0.1.
The article store is filled to its cap with real article texts (../shared/corpora,
scrapinghub's ground truth) repeated. Latency is from injecting the command to the fake
receiving the answer (getUpdates included). Each command comes from a chat of its own, so
the per-chat limit does not apply; the flood comes from one chat, as a user would send it.

The baseline, run in the same script: the search as it was before the prepared index
(every stored article tokenised again per command), one update handled at a time (PTB's
default) and no per-chat limit.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")

from telegram.ext import SimpleUpdateProcessor  # noqa: E402

from benchmarks.store_bench import WORDS, build  # noqa: E402
from bot.app import (  # noqa: E402
    ALLOWED_UPDATES,
    build_application,
    build_bot,
    build_services,
    start_services,
    stop_services,
)
from bot.chats.latest import DRY_RUN_ARTICLES, LATEST_SCAN  # noqa: E402
from bot.chats.limits import CommandLimiter  # noqa: E402
from bot.chats.prepared import PreparedArticles  # noqa: E402
from bot.chats.replies import APOLOGY  # noqa: E402
from bot.chats.subscriptions import DryRun  # noqa: E402
from bot.matching.document import prepare  # noqa: E402
from bot.matching.plan import match_query  # noqa: E402
from bot.matching.query import Query, parse_query  # noqa: E402
from bot.models import Article  # noqa: E402
from handlers.notifier import BotNotifier  # noqa: E402
from storage.articles import DEFAULT_MAX_TEXT_CHARS, TinyArticleStore, articles_path  # noqa: E402
from tests.e2e import e2e_settings  # noqa: E402
from tests.fakes.telegram_server import FakeTelegram  # noqa: E402

SHARED = Path(os.environ.get("NEWSBOT_SHARED", ROOT.parent / "shared"))
TRUTH = SHARED / "corpora" / "articles" / "scrapinghub" / "ground-truth.json"
HELP = "/subscribe <query>"  # a line of /help's answer

# What the search-alone section found for each query: the dry run's count and the ids of
# /latest's articles (both modes search the same queries: the same seed, the same draws).
Found = list[tuple[int, list[str]]]


class BaselineSearch:
    """The stored-article search before the prepared index: tokenises every article again."""

    def __init__(self, articles: TinyArticleStore) -> None:
        self.articles = articles

    def dry_run(self, query: Query) -> DryRun:
        recent = self.articles.recent(DRY_RUN_ARTICLES)
        hits = [a for a in recent if match_query(query, prepare(a)) is not None]
        return DryRun(matched=len(hits), scanned=len(recent), newest=hits[0] if hits else None)

    def latest(
        self,
        queries: Sequence[Query],
        *,
        limit: int,
        sees: Callable[[str], bool] | None = None,
    ) -> list[Article]:
        found: list[Article] = []
        seen: set[str] = set()
        for article in self.articles.recent(LATEST_SCAN):
            if sees is not None and not sees(article.feed):
                continue
            if article.story in seen:
                continue
            doc = prepare(article)
            if any(match_query(q, doc) is not None for q in queries):
                found.append(article)
                seen.add(article.story)
                if len(found) >= limit:
                    break
        return found


def corpus_articles(count: int, now: datetime) -> list[Article]:
    """`count` articles of real texts (repeated), one a minute back from `now`."""
    bodies = [v["articleBody"] for v in json.loads(TRUTH.read_text()).values()]
    articles = []
    for n in range(count):
        body = bodies[n % len(bodies)][:DEFAULT_MAX_TEXT_CHARS]
        when = now - timedelta(minutes=n)
        title = " ".join(body.split()[:10])
        articles.append(
            Article(
                id=f"a{n}",
                url=f"https://news.example/{n}",
                title=title,
                text=body,
                source="Example",
                published=when,
                seen=when,
            )
        )
    return articles


def summary(samples: list[float]) -> str:
    if not samples:
        return "no samples"
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (
        f"p50 {statistics.median(ordered) * 1000:8.1f} ms   p95 {p95 * 1000:8.1f} ms   "
        f"worst {ordered[-1] * 1000:8.1f} ms   (n={len(ordered)})"
    )


async def answer(fake: FakeTelegram, chat_id: int, text: str, within: float = 120) -> float:
    """Inject one command; seconds until the fake received the bot's answer."""
    began = time.monotonic()
    fake.command(chat_id, text)
    reply = await fake.next_message_async(chat_id, within=within)
    if reply.text == APOLOGY:  # a timing of the error handler would be no figure at all
        raise RuntimeError(f"{text!r}: the bot apologised (an error, see the log above)")
    return reply.at - began


async def run(
    folder: Path, args: argparse.Namespace, *, baseline: bool
) -> tuple[dict[str, list[float]], Found]:
    rng = random.Random(7)
    db = folder / "newsbot.json"
    chat_ids = build(db, args.subscriptions, max(1, args.subscriptions // 5), rng)
    store = TinyArticleStore(articles_path(db), max_articles=args.articles, fsync=False)
    store.add(corpus_articles(args.articles, datetime.now(UTC)))
    store.close()
    results: dict[str, list[float]] = {}
    found: Found = []
    with FakeTelegram() as fake:
        settings = e2e_settings(fake, db, log_level="WARNING")
        bot = build_bot(settings)
        articles = TinyArticleStore(articles_path(db), retention_days=settings.retention_days)
        services = build_services(
            settings,
            BotNotifier(bot),
            articles=articles,
            search=BaselineSearch(articles) if baseline else None,
            feeds=(),
            limits=CommandLimiter(burst=10**9, rate=1e9) if baseline else None,
        )
        application = build_application(services, bot)
        prepared = services.articles
        assert isinstance(prepared, PreparedArticles)
        if baseline:
            # PTB's default: one update at a time (the bench swaps the processor it built).
            application._update_processor = SimpleUpdateProcessor(1)
        await application.initialize()
        await start_services(application)
        assert application.updater is not None
        await application.updater.start_polling(
            poll_interval=0, timeout=2, allowed_updates=list(ALLOWED_UPDATES)
        )
        await application.start()
        try:
            # Both modes prepare the stored articles at start-up (the baseline's search does
            # not use them): measured once that is over, so that it takes no CPU meanwhile.
            began = time.monotonic()
            await fake.wait_until_async(
                lambda: prepared.cached() >= min(prepared.window, args.articles),
                within=600,
                what="the start-up preparation",
            )
            if not baseline:
                results["start-up preparation (s, once)"] = [time.monotonic() - began]
            chat = 9_000_000
            results["/subscribe"] = []
            for _ in range(args.samples):
                chat += 1
                query = " ".join(rng.sample(WORDS, rng.randint(1, 2)))
                results["/subscribe"].append(await answer(fake, chat, f"/subscribe {query}"))
            results["/latest <topic>"] = []
            for _ in range(args.samples):
                chat += 1
                topic = rng.choice(WORDS)
                results["/latest <topic>"].append(await answer(fake, chat, f"/latest {topic}"))
            results["/latest (the chat's subscriptions)"] = []
            for chat_id in rng.sample(chat_ids, args.samples):
                results["/latest (the chat's subscriptions)"].append(
                    await answer(fake, chat_id, "/latest")
                )
            # One chat floods /latest; another asks for /help again and again meanwhile.
            flooder, helper = 8_000_001, 8_000_002
            for n in range(args.flood):
                fake.command(flooder, f"/latest {WORDS[n % len(WORDS)]}")
            fake.command(flooder, "/help")  # answered once the whole flood was handled
            helps: list[float] = []
            while not any(HELP in m.text for m in fake.sent(flooder)):
                helps.append(await answer(fake, helper, "/help"))
            results[f"/help while another chat floods {args.flood} /latest"] = helps
            # New chats subscribing all at once (each: registration + subscription, two
            # fsynced writes of the chat file); another chat's /help meanwhile.
            newcomers = [chat + 1 + n for n in range(args.flood)]
            chat += args.flood
            for n, newcomer in enumerate(newcomers):
                fake.command(newcomer, f"/subscribe {WORDS[n % len(WORDS)]}")
            helps = []
            while not all(fake.sent(newcomer) for newcomer in newcomers):
                helps.append(await answer(fake, helper, "/help"))
            results[f"/help while {args.flood} new chats /subscribe"] = helps
            failed = [m.text for c in (flooder, *newcomers) for m in fake.sent(c)]
            if APOLOGY in failed:
                raise RuntimeError("the bot apologised to a flooding or new chat (see the log)")
            # The search alone, in this thread: no Telegram, no store write, no thread hop.
            search = services.search
            assert search is not None
            dry, latest = [], []
            for _ in range(args.samples):
                parsed = parse_query(" ".join(rng.sample(WORDS, rng.randint(1, 2))))
                began = time.perf_counter()
                matched = search.dry_run(parsed).matched
                dry.append(time.perf_counter() - began)
                began = time.perf_counter()
                newest = search.latest([parsed], limit=5)
                latest.append(time.perf_counter() - began)
                found.append((matched, [a.id for a in newest]))
            results["search alone: dry run (500 newest)"] = dry
            results["search alone: latest (2,000 newest)"] = latest
            # What /subscribe costs besides the search: registering a new chat and storing
            # the subscription (two durable writes of the chat file) and indexing it.
            writes = []
            for _ in range(args.samples):
                chat += 1
                began = time.perf_counter()
                services.subscriptions.touch_chat(chat)
                services.subscriptions.subscribe(chat, rng.choice(WORDS), dry_run=False)
                writes.append(time.perf_counter() - began)
            results["store alone: new chat + subscription (2 fsyncs)"] = writes
        finally:
            await application.updater.stop()
            await application.stop()
            await stop_services(application)
            await application.shutdown()
    return results, found


def memory(args: argparse.Namespace) -> None:
    """Bytes a prepared article holds, for the corpus as it is and cut/run to 20,000 chars."""
    now = datetime.now(UTC)
    plain = corpus_articles(min(args.articles, 2000), now)
    long = [
        Article(id=a.id, url=a.url, title=a.title, text=(a.text + " ") * 50, published=a.published)
        for a in plain[:500]
    ]
    for name, articles in (("corpus texts", plain), ("20,000-char texts", long)):
        with tempfile.TemporaryDirectory() as tmp:
            store = TinyArticleStore(Path(tmp) / "a.json", fsync=False)
            store.add(articles)
            stored = store.recent(len(articles))
            chars = sum(len(a.text) for a in stored) / len(stored)
            tracemalloc.start()
            prepared = PreparedArticles(store)
            prepared.warm()
            used, _ = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            print(
                f"memory, {name} (mean {chars:,.0f} chars): "
                f"{used / len(stored) / 1024:,.1f} KiB a prepared article "
                f"({used / 2**20:,.0f} MiB for {len(stored)}; window {prepared.window})"
            )
            store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscriptions", type=int, default=10_000)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--flood", type=int, default=20)
    parser.add_argument("--memory", action="store_true", help="also measure memory per article")
    parser.add_argument("--skip-baseline", action="store_true")
    args = parser.parse_args()
    if not TRUTH.is_file():
        sys.exit(f"command_bench: the corpus is missing: {TRUTH}")
    print(
        f"{args.subscriptions:,} subscriptions, {args.articles:,} stored articles, "
        f"{args.samples} samples per command, python {sys.version.split()[0]}, "
        f"{os.cpu_count()} cores"
    )
    modes = [False] if args.skip_baseline else [False, True]
    measured: dict[bool, dict[str, list[float]]] = {}
    found: dict[bool, Found] = {}
    for baseline in modes:
        with tempfile.TemporaryDirectory() as tmp:
            measured[baseline], found[baseline] = asyncio.run(
                run(Path(tmp), args, baseline=baseline)
            )
        print("\n" + ("baseline (re-tokenising, one update at a time)" if baseline else "this bot"))
        for name, samples in measured[baseline].items():
            print(f"  {name:52s} {summary(samples)}")
    if len(measured) == 2:
        print("\nbaseline / this bot")
        for name, samples in measured[True].items():
            ours = measured[False].get(name)
            if ours:
                p50 = statistics.median(samples) / statistics.median(ours)
                print(f"  {name:52s} p50 x{p50:,.1f}   worst x{max(samples) / max(ours):,.1f}")
        same = sum(a == b for a, b in zip(found[False], found[True], strict=True))
        print(f"\nsearch alone, the same answers as the baseline: {same} of {len(found[False])}")
    if args.memory:
        memory(args)


if __name__ == "__main__":
    main()
