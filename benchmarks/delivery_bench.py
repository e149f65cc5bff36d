"""Delivery benchmark: alerts to many chats against the fake Bot API enforcing flood limits,
and the latency from a story appearing in a local feed to its alert.

    python benchmarks/delivery_bench.py [--chats 1000] [--groups 0.1] [--poll 2] [--trials 5]

Prints messages/s achieved (limit 30/s), 429s received, lost and repeated alerts, and
feed-to-alert latency against the poll interval. Everything runs on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")

import httpx  # noqa: E402
from telegram.ext import AIORateLimiter, ApplicationBuilder  # noqa: E402

from bot.alerts.pipeline import AlertService  # noqa: E402
from bot.alerts.sender import Sender  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.matching.document import prepare  # noqa: E402
from bot.matching.index import SubscriptionIndex  # noqa: E402
from bot.matching.query import parse_query  # noqa: E402
from bot.models import Article, Chat, ChatKind, Hit, OutboxEntry, Story  # noqa: E402
from bot.reading.poller import FeedPoller  # noqa: E402
from handlers.notifier import BotNotifier  # noqa: E402
from storage.articles import TinyArticleStore, articles_path  # noqa: E402
from storage.feedstate import TinyFeedStateStore, feeds_path  # noqa: E402
from storage.memory import MemoryChatStore  # noqa: E402
from storage.outbox_sqlite import open_outbox  # noqa: E402
from tests.fakes.feed_server import FeedServer, Item, rss  # noqa: E402
from tests.fakes.telegram_server import FakeTelegram, FloodLimits  # noqa: E402


async def _bot(fake: FakeTelegram) -> Any:
    """The bot as the app builds it (connection pool, AIORateLimiter with no retries)."""
    application = (
        ApplicationBuilder()
        .token(fake.token)
        .base_url(f"{fake.url}/bot")
        .base_file_url(f"{fake.url}/file/bot")
        .rate_limiter(AIORateLimiter())
        .build()
    )
    await application.bot.initialize()
    return application.bot


async def delivery(chats: int, group_share: float, folder: Path) -> dict[str, float]:
    """Queue one alert for each of `chats` chats and time their delivery."""
    now = datetime.now(UTC)
    store = MemoryChatStore()
    groups = int(chats * group_share)
    ids = [-(1000 + i) for i in range(groups)] + [1000 + i for i in range(chats - groups)]
    with FakeTelegram(limits=FloodLimits()) as fake:
        for chat_id in ids:
            kind = ChatKind.GROUP if chat_id < 0 else ChatKind.PRIVATE
            fake.register_chat(chat_id, kind)
            store.save_chat(Chat(chat_id, kind=kind))
        bot = await _bot(fake)
        outbox = open_outbox(folder / "newsbot.json")
        story = Story(
            id="s1",
            article_id="s1",
            title="Russian cargo plane leaves Syria for Libya, more flights expected",
            url="https://www.trtworld.com/world/russian-cargo-plane",
            summary="Moscow says it hopes to maintain its naval and air bases in Syria.",
            source="TRT World",
            published=now,
            seen=now,
        )
        hit = (Hit(1, "Khmeimim", ("Khmeimim ≈ Hmeimim",)),)
        outbox.enqueue([OutboxEntry(c, story, hit, created=now) for c in ids])
        sender = Sender(outbox=outbox, chats=store, notifier=BotNotifier(bot))
        started = time.monotonic()
        await sender.start()
        deadline = started + chats / 10 + 60
        while outbox.unsent() and time.monotonic() < deadline:  # noqa: ASYNC110 (polls a store)
            await asyncio.sleep(0.05)
        elapsed = time.monotonic() - started
        await sender.stop()
        await bot.shutdown()
        accepted = [m for m in fake.all_sent()]
        per_chat: dict[int, int] = {}
        for message in accepted:
            per_chat[message.chat_id] = per_chat.get(message.chat_id, 0) + 1
        times = sorted(m.at for m in accepted)
        span = times[-1] - times[0] if len(times) > 1 else 0.0
        outbox.close()
        return {
            "chats": chats,
            "seconds": elapsed,
            "rate": (len(times) - 1) / span if span else 0.0,
            "rate_wall": len(times) / elapsed if elapsed else 0.0,
            "rate_limited": fake.rate_limited,
            "lost": sum(1 for c in ids if per_chat.get(c, 0) == 0),
            "repeated": sum(n - 1 for n in per_chat.values() if n > 1),
        }


async def latency(poll_seconds: float, trials: int, folder: Path) -> list[float]:
    """Seconds from a story appearing in a local feed to its alert reaching the fake."""
    results: list[float] = []
    with FakeTelegram(limits=FloodLimits()) as fake, FeedServer() as feeds:
        feed_url = feeds.route(
            "/feed.xml", body=rss([]), headers={"Content-Type": "application/rss+xml"}
        )
        settings = Settings(
            db_path=folder / "latency.json",
            feeds=(feed_url,),
            poll_seconds=poll_seconds,
            fulltext=False,
            allow_private_urls=True,
        )
        store = MemoryChatStore()
        fake.register_chat(42, "private")
        store.save_chat(Chat(42))
        sub = store.add_subscription(42, "Khmeimim")
        index = SubscriptionIndex()
        index.add(sub.id, parse_query(sub.query))
        bot = await _bot(fake)
        outbox = open_outbox(settings.db_path)
        sender = Sender(outbox=outbox, chats=store, notifier=BotNotifier(bot))
        alerts = AlertService(
            index=index, prepare=prepare, chats=store, outbox=outbox, sender=sender
        )
        articles = TinyArticleStore(articles_path(settings.db_path))
        states = TinyFeedStateStore(feeds_path(settings.db_path))
        async with httpx.AsyncClient(timeout=10.0, trust_env=False) as client:

            async def on_new(stories: list[Article]) -> None:
                await alerts.on_new_stories(stories)

            poller = FeedPoller(
                settings=settings,
                client=client,
                articles=articles,
                feed_states=states,
                on_new=on_new,
            )
            await poller.poll_once(feed_url)  # the first poll: an empty feed
            await alerts.start()
            await poller.start()
            items: list[Item] = []
            for n in range(trials):
                await asyncio.sleep(poll_seconds * 0.37)  # land anywhere within an interval
                items.append(
                    Item(
                        title=f"Flight {n} leaves the Hmeimim air base",
                        link=f"https://news.example/flight-{n}",
                        description="More flights expected.",
                        published=datetime.now(UTC) - timedelta(seconds=1),
                        guid=f"flight-{n}",
                    )
                )
                before = len(fake.sent(42))
                feeds.route(
                    "/feed.xml", body=rss(items), headers={"Content-Type": "application/rss+xml"}
                )
                appeared = time.monotonic()
                while len(fake.sent(42)) == before:
                    if time.monotonic() - appeared > poll_seconds * 3 + 10:
                        raise SystemExit("latency: the alert never came")
                    await asyncio.sleep(0.01)
                results.append(time.monotonic() - appeared)
            await poller.stop()
            await alerts.stop()
        await bot.shutdown()
        articles.close()
        states.close()
        outbox.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chats", type=int, default=1000)
    parser.add_argument("--groups", type=float, default=0.1, help="share of group chats")
    parser.add_argument("--poll", type=float, default=2.0, help="poll interval for latency")
    parser.add_argument("--trials", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        got = asyncio.run(delivery(args.chats, args.groups, Path(tmp)))
        print(f"delivery to {got['chats']:.0f} chats ({args.groups:.0%} groups), limit 30 msg/s")
        print(f"  messages/s (server-side, first to last): {got['rate']:.1f}")
        print(f"  messages/s (wall, start to all marked):  {got['rate_wall']:.1f}")
        print(f"  total seconds: {got['seconds']:.1f}")
        print(f"  429 received: {got['rate_limited']:.0f}")
        print(f"  lost: {got['lost']:.0f}   repeated: {got['repeated']:.0f}")
        lat = asyncio.run(latency(args.poll, args.trials, Path(tmp)))
        print(f"latency feed -> alert, poll interval {args.poll:g} s, {len(lat)} stories")
        print(
            f"  mean {statistics.mean(lat):.2f} s   max {max(lat):.2f} s   "
            f"max over the interval: {max(lat) - args.poll:+.2f} s (aim < +2 s)"
        )


if __name__ == "__main__":
    main()
