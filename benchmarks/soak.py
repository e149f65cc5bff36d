"""Soak test of delivery: thousands of chats, minutes of virtual time, faults, restarts.

    python benchmarks/soak.py [--chats 2000] [--minutes 10] [--seed 1]

The real Sender and SQLite outbox (on a file) against a simulated Telegram, on a virtual
clock: time jumps to the next thing anyone waits for, so ten minutes take seconds. Every
simulated minute six new stories each reach a random 4 % of the chats (about 12 alerts a second,
below the 30/s limit, so a steady state), and the process restarts:
alternately a SIGTERM (the sender stops with its grace period, then reopens) and a kill -9
(in-flight sends abandoned unmarked, the outbox closed as it is). The simulated Telegram
answers 429 storms (every chat, 3-8 s), 429s for single chats, 5xx, timeouts before the
request left, and late acceptances (the message arrives, the answer never does), and
holds every answer for a round trip. At the end: every (chat, story) delivered, repeats per
chat against the kill -9 count, and memory per minute (RSS, what the sender remembers).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import heapq
import itertools
import logging
import os
import random
import re
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.alerts.sender import Sender  # noqa: E402
from bot.errors import RetryLater, TransientError, Uncertain  # noqa: E402
from bot.models import Chat, ChatKind, Hit, OutboxEntry, Story  # noqa: E402
from storage.memory import MemoryChatStore  # noqa: E402
from storage.outbox_sqlite import SqliteOutbox  # noqa: E402

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
LINK = re.compile(r"https://n\.example/(s\d+)")


class SimClock:
    """Virtual time: `sleep` waits for `advance` to reach it; nothing else moves time."""

    def __init__(self) -> None:
        self.t = 0.0
        self._waiting: list[tuple[float, int, asyncio.Future[None]]] = []
        self._order = itertools.count()

    def now(self) -> datetime:
        return T0 + timedelta(seconds=self.t)

    def monotonic(self) -> float:
        return self.t

    async def sleep(self, seconds: float) -> None:
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._waiting, (self.t + max(seconds, 0.0), next(self._order), future))
        await future

    async def settle(self) -> None:
        for _ in range(60):
            await asyncio.sleep(0)

    async def advance(self, until: float) -> None:
        """Run everything due up to `until`, in time order, then stand at `until`."""
        while True:
            await self.settle()
            while self._waiting and self._waiting[0][2].done():
                heapq.heappop(self._waiting)  # cancelled sleeps
            if not self._waiting or self._waiting[0][0] > until:
                self.t = max(self.t, until)
                return
            when, _, future = heapq.heappop(self._waiting)
            self.t = max(self.t, when)
            future.set_result(None)


class SimTelegram:
    """What Telegram does with each send: faults by chance and by storm, answers late."""

    def __init__(self, clock: SimClock, rng: random.Random, storms: list[tuple[float, float]]):
        self.clock = clock
        self.rng = rng
        self.storms = storms
        self.delivered: list[tuple[int, tuple[str, ...], float]] = []  # one per message
        self.outcomes: Counter[str] = Counter()

    async def send(
        self,
        chat_id: int,
        html: str,
        *,
        buttons: list[tuple[str, str]],
        preview_url: str | None,
        plain: bool = False,
        thread_id: int | None = None,
    ) -> None:
        now = self.clock.t
        storm = next((end for start, end in self.storms if start <= now < end), None)
        roll = self.rng.random()
        await self.clock.sleep(0.05 + self.rng.random() * 0.2)  # the request's way there
        if storm is not None:
            self.outcomes["429 storm"] += 1
            raise RetryLater(max(storm - self.clock.t, 1.0))
        if roll < 0.01:
            self.outcomes["429 one chat"] += 1
            raise RetryLater(self.rng.choice((3, 10, 30)))
        if roll < 0.03:
            self.outcomes["5xx"] += 1
            raise TransientError("502 Bad Gateway")
        if roll < 0.04:
            self.outcomes["timeout before sending"] += 1
            raise TransientError("ConnectTimeout")
        self.delivered.append((chat_id, tuple(LINK.findall(html)), self.clock.t))  # it has it
        await self.clock.sleep(0.05 + self.rng.random() * 0.2)  # the answer's way back
        if roll < 0.05:
            self.outcomes["late acceptance"] += 1
            raise Uncertain("ReadTimeout")
        self.outcomes["ok"] += 1


CORE = (str(ROOT / "bot"), str(ROOT / "storage"))


def held_by_core() -> float:
    """MB allocated by bot/ and storage/ code still alive (tracemalloc), else 0."""
    if not tracemalloc.is_tracing():
        return 0.0
    snapshot = tracemalloc.take_snapshot().filter_traces(
        [tracemalloc.Filter(True, f"{folder}/*") for folder in CORE]
    )
    return sum(stat.size for stat in snapshot.statistics("filename")) / 2**20


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def story(n: int, at: datetime) -> Story:
    return Story(
        id=f"s{n}",
        article_id=f"a{n}",
        title=f"Story {n}: Russian cargo plane leaves Syria for Libya",
        url=f"https://n.example/s{n}",
        summary="Moscow says it hopes to maintain its bases.",
        source="Soak",
        published=at,
        seen=at,
    )


async def soak(chats: int, minutes: int, seed: int, folder: Path) -> dict[str, Any]:
    rng = random.Random(seed)
    clock = SimClock()
    storms = []
    for minute in range(minutes):
        start = minute * 60 + rng.uniform(5, 50)
        storms.append((start, start + rng.uniform(3, 8)))
    telegram = SimTelegram(clock, rng, storms)
    store = MemoryChatStore(clock=clock.now)
    ids = [-(10_000 + i) if i % 10 == 0 else 10_000 + i for i in range(chats)]
    for chat_id in ids:
        store.save_chat(Chat(chat_id, kind=ChatKind.GROUP if chat_id < 0 else ChatKind.PRIVATE))
    path = folder / "newsbot.outbox.sqlite3"
    expected: set[tuple[int, str]] = set()
    kills = 0
    per_minute: list[tuple[int, float, float, int, int, int]] = []
    stories = itertools.count(1)
    started = time.perf_counter()

    def open_sender() -> tuple[SqliteOutbox, Sender]:
        outbox = SqliteOutbox(path, fsync=False)
        sender = Sender(outbox=outbox, chats=store, notifier=telegram, clock=clock, offload=False)
        return outbox, sender

    outbox, sender = open_sender()
    await sender.start()
    for minute in range(minutes):
        for second in (0, 12, 24, 36, 48, 57):  # polls bring one story each
            at = minute * 60 + second
            await clock.advance(at)
            n = next(stories)
            chosen = rng.sample(ids, k=len(ids) // 25)  # ~12 alerts/s: below the limit
            entries = [
                OutboxEntry(c, story(n, clock.now()), (Hit(1, "q", ("q",)),), created=clock.now())
                for c in chosen
            ]
            expected.update(e.key for e in outbox.enqueue(entries))
            sender.wake()
        await clock.advance((minute + 1) * 60)  # the restart finds sends in flight
        flying = len(sender._tasks)
        backlog = len(outbox.unsent())
        if minute % 2 == 0:  # SIGTERM: in-flight sends finish and are marked
            stopping = asyncio.create_task(sender.stop(grace=10.0))
            while not stopping.done():  # (virtual) time goes on while they finish
                await clock.advance(clock.t + 0.05)
            await stopping
        else:  # kill -9: in-flight sends abandoned, nothing more written
            kills += 1
            await sender.stop(grace=0.0)
        outbox.close()
        gc.collect()
        per_minute.append(
            (minute + 1, rss_mb(), held_by_core(), sender.remembered, flying, backlog)
        )
        outbox, sender = open_sender()
        await sender.start()
    # The stories stop; run until everything queued went out.
    deadline = clock.t + 3600
    while outbox.unsent() and clock.t < deadline:
        await clock.advance(clock.t + 10)
    await sender.stop(grace=10.0)
    left = len(outbox.unsent())
    outbox.close()

    seen: set[tuple[int, str]] = set()
    repeats_by_chat: Counter[int] = Counter()  # messages that brought nothing new
    repeated_alerts = 0
    for chat, stories_in, _ in telegram.delivered:
        keys = {(chat, s) for s in stories_in}
        if keys <= seen:
            repeats_by_chat[chat] += 1
        repeated_alerts += len(keys & seen)
        seen |= keys
    missing = expected - seen
    return {
        "chats": chats,
        "minutes": minutes,
        "virtual_s": clock.t,
        "wall_s": time.perf_counter() - started,
        "alerts": len(expected),
        "messages": len(telegram.delivered),
        "repeated_alerts": repeated_alerts,
        "in_flight_at_kills": sum(row[4] for row in per_minute if row[0] % 2 == 0),
        "missing": len(missing),
        "left_unsent": left,
        "repeats": sum(repeats_by_chat.values()),
        "max_repeats_one_chat": max(repeats_by_chat.values(), default=0),
        "kills": kills,
        "restarts": minutes,
        "outcomes": dict(telegram.outcomes),
        "per_minute": per_minute,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chats", type=int, default=2000)
    parser.add_argument("--minutes", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-trace", action="store_true", help="skip tracemalloc (faster)")
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # one line per uncertain send: counted below instead
    if not args.no_trace:
        tracemalloc.start()
    with tempfile.TemporaryDirectory() as tmp:
        got = asyncio.run(soak(args.chats, args.minutes, args.seed, Path(tmp)))
    print(
        f"{got['chats']} chats, {got['minutes']} simulated minutes "
        f"({got['virtual_s']:.0f} s virtual incl. the final drain) in {got['wall_s']:.1f} s wall"
    )
    print(f"restarts {got['restarts']} (kill -9: {got['kills']}, SIGTERM: the others)")
    print(f"Telegram's answers: {got['outcomes']}")
    print(f"alerts {got['alerts']} in {got['messages']} messages")
    print(f"missing {got['missing']}   still unsent {got['left_unsent']}")
    print(
        f"repeated messages {got['repeats']} ({got['repeated_alerts']} alerts in them), most "
        f"in one chat {got['max_repeats_one_chat']}; allowed: one per chat per kill -9 "
        f"({got['kills']} kills, {got['in_flight_at_kills']} sends in flight at them)"
    )
    print("minute | RSS MB | MB held by bot/+storage/ | sender remembers | in flight | unsent")
    for minute, rss, core, remembered, flying, backlog in got["per_minute"]:
        print(
            f"{minute:6} | {rss:6.1f} | {core:24.2f} | {remembered:16} | {flying:9} | {backlog:6}"
        )
    ok = (
        got["missing"] == 0
        and got["left_unsent"] == 0
        and got["max_repeats_one_chat"] <= got["kills"]
        and got["repeats"] <= got["in_flight_at_kills"]
    )
    print("PASS" if ok else "FAIL")
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
