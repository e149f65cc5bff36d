"""When Telegram accepts a message but answers late: what the sender does, by delay.

    python benchmarks/late_answer_bench.py [--timeout 1.0] [--delays 0.2,0.5,0.9,1.1,2,4]

The real sender and PTB Bot against the fake Bot API, which stores each message at once
and answers `delay` seconds later. For each delay: whether the alert counted as ok or as
uncertain, how many copies reached the chat (must be 1), and how long the chat waited
before its next alert could go. The window in which a send is uncertain is the answer
timeout (SEND_ANSWER_TIMEOUT, 30 s in the app): any later answer is never waited for.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")

from telegram import Bot  # noqa: E402
from telegram.request import HTTPXRequest  # noqa: E402

from bot.alerts.sender import Sender  # noqa: E402
from bot.models import Hit, OutboxEntry, Story  # noqa: E402
from handlers.notifier import BotNotifier  # noqa: E402
from storage.memory import MemoryChatStore  # noqa: E402
from storage.outbox_sqlite import SqliteOutbox  # noqa: E402
from tests.fakes.telegram_server import FakeTelegram  # noqa: E402


def alert(n: int) -> OutboxEntry:
    now = datetime.now(UTC)
    story = Story(id=f"s{n}", article_id=f"s{n}", title=f"Story {n}", url="", seen=now)
    return OutboxEntry(42, story, (Hit(1, "q", ("q",)),), created=now)


async def trial(delay: float, answer_timeout: float) -> tuple[str, int, float]:
    outbox = SqliteOutbox(None)
    outbox.enqueue([alert(1)])
    with FakeTelegram() as fake:
        fake.answer_late(seconds=delay, chat_id=42)
        bot = Bot(fake.token, base_url=f"{fake.url}/bot", request=HTTPXRequest())
        await bot.initialize()
        notifier = BotNotifier(bot, answer_timeout=answer_timeout)
        sender = Sender(outbox=outbox, chats=MemoryChatStore(), notifier=notifier)
        started = time.monotonic()
        await sender.drain(limit=delay + answer_timeout + 10)
        held = time.monotonic() - started
        await asyncio.sleep(max(delay - held, 0) + 0.2)  # let a late answer land
        await sender.drain(limit=5)
        outcome = "uncertain" if sender.stats.uncertain else "ok"
        copies = len(fake.sent(42))
        await bot.shutdown()
    return outcome, copies, held


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--timeout", type=float, default=1.0)
    parser.add_argument("--delays", default="0.2,0.5,0.9,1.1,2,4")
    args = parser.parse_args()
    print(f"answer timeout {args.timeout:g} s")
    print("delay s | outcome   | copies | chat held s")
    for delay in (float(d) for d in args.delays.split(",")):
        outcome, copies, held = asyncio.run(trial(delay, args.timeout))
        print(f"{delay:7.2f} | {outcome:9} | {copies:6} | {held:6.2f}")


if __name__ == "__main__":
    main()
