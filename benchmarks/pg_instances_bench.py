"""Real `newsbot run` processes on PostgreSQL: one instance's memory at 1,000,000
subscriptions, and the sender's rate with three instances running.

Run: python benchmarks/pg_instances_bench.py [memory] [send] [send1]
     [--subscriptions 1000000] [--chats 200000] [--backlog 3000] [--embedded]

- memory: the subscriptions are written into PostgreSQL (COPY), then one `newsbot run`
  starts on them against the fake Bot API; once /metrics shows every subscription in the
  index, and after 20 /subscribe commands answered, its peak RSS (VmHWM) and its worker
  processes' RSS are read from /proc. Bar (issue 13): under 1 GB. With --embedded, the same
  subscriptions in an embedded store (TinyDB) measured the same way beside it.
- send: `--backlog` alerts, one to each of as many private chats, are queued in the
  outbox; three instances start on the database and the fake Bot API, which enforces
  Telegram's limits (30 a second overall, 1 a second per chat: 429 beyond), records every
  accepted message. The rate is alert messages accepted per second from the first to the
  last; 429s are counted. Bar: 29 messages a second or more. `send1`: the same backlog
  with one instance alone, the baseline of the same run.

PostgreSQL: NEWSBOT_BENCH_DATABASE_URL (an empty database), else a throw-away local
server from the `pgserver` wheel, fsync on. The machine is shared: figures are noisy.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx

from benchmarks.benchdb import bench_database
from benchmarks.pg_bench import contents
from benchmarks.store_bench import build
from bot.models import Chat, ChatKind, Hit, OutboxEntry, Story
from storage.postgres.copy import Contents, write
from storage.postgres.pool import Database
from tests.e2e import DEAD_FEED
from tests.fakes.owners import Owners
from tests.fakes.telegram_server import FakeTelegram, FloodLimits
from tests.system import Instance, Instances, environment, wait_for

SEED = 20241214
START = datetime(2024, 1, 1, tzinfo=UTC)
_INDEXED = re.compile(r"^newsbot_index_subscriptions\s+(\S+)", re.MULTILINE)  # "1e+06"


def _kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(p) for p in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _indexed(instance: Instance) -> int:
    try:
        text = httpx.get(f"http://127.0.0.1:{instance.ops_port}/metrics", timeout=5).text
    except httpx.HTTPError:
        return -1
    found = _INDEXED.search(text)
    return int(float(found.group(1))) if found else -1


def measure_memory(env: dict[str, str], folder: Path, subscriptions: int) -> dict[str, str]:
    """Start one instance on `env`'s store, wait for its whole index, answer 20 commands;
    its peak RSS and its workers' RSS."""
    with FakeTelegram() as fake:
        owners = Owners()
        instances = Instances(
            folder,
            env | {"TELEGRAM_BOT_TOKEN": fake.token, "TELEGRAM_API_URL": fake.url},
            owners,
            startup=600.0,
        )
        began = time.monotonic()
        instance = instances.start("M")
        try:
            instances.wait_ready(instance)
            if not wait_for(lambda: _indexed(instance) >= subscriptions, within=600, step=1.0):
                raise SystemExit(f"index never reached {subscriptions}: {instances.tail(instance)}")
            ready = time.monotonic() - began
            for n in range(20):
                fake.command(900_000 + n, f"/subscribe quelqueword{n}")
            wait_for(lambda: all(fake.sent(900_000 + n) for n in range(20)), within=120)
            pid = instance.process.pid
            workers = sum(_kb(c, "VmRSS") for c in _children(pid))
            return {
                "ready (index built) in": f"{ready:.1f} s",
                "peak RSS of the bot process": f"{_kb(pid, 'VmHWM') / 1024:.0f} MB",
                "RSS of its worker processes": f"{workers / 1024:.0f} MB",
            }
        finally:
            instances.stop_all(grace=60)


def backlog(chats: int) -> Contents:
    chat_list = [Chat(id=100_000 + n, kind=ChatKind.PRIVATE, created=START) for n in range(chats)]
    entries = []
    for n, chat in enumerate(chat_list):
        story = Story(
            id=f"story-{n % 50}",
            article_id=f"a{n % 50}",
            title=f"Backlog story {n % 50} about the harbour budget",
            url=f"https://news.example/news/{n % 50}/a",
            seen=START,
        )
        entries.append(
            OutboxEntry(
                chat_id=chat.id,
                story=story,
                hits=(Hit(n, "harbour", ("harbour",)),),
                created=datetime.now(UTC),
            )
        )
    return Contents(chat_list, [], 1, [], [], entries)


def measure_sending(url: str, folder: Path, alerts: int, slots: str = "ABC") -> dict[str, str]:
    db = Database(url).retain()
    write(db, backlog(alerts))
    db.release()
    owners = Owners()
    with FakeTelegram(limits=FloodLimits(), exclusive_updates=True, identify=owners.of) as fake:
        env = environment(
            TELEGRAM_BOT_TOKEN=fake.token,
            TELEGRAM_API_URL=fake.url,
            NEWSBOT_DATABASE_URL=url,
            NEWSBOT_FEEDS=DEAD_FEED,
            NEWSBOT_FULLTEXT="0",
        )
        instances = Instances(folder, env, owners)
        try:
            for slot in slots:
                instances.start(slot)
            for instance in instances.live():
                instances.wait_ready(instance)

            def alert_times() -> list[float]:
                return [
                    r.at
                    for r in fake.calls("sendMessage")
                    if r.status == 200 and "news.example/news/" in str(r.params.get("text"))
                ]

            def delivered() -> int:
                chats = {
                    r.params.get("chat_id")
                    for r in fake.calls("sendMessage")
                    if r.status == 200 and "news.example/news/" in str(r.params.get("text"))
                }
                return len(chats)

            wait_for(lambda: delivered() >= alerts, within=alerts / 10 + 120, step=1.0)
            times = sorted(alert_times())
            senders = {r.client for r in fake.calls("sendMessage") if r.status == 200 and r.client}
        finally:
            instances.stop_all()
        span = times[-1] - times[0] if len(times) > 1 else 0.0
        return {
            f"alerts delivered (of {alerts:,} queued, one a chat)": f"{delivered():,}",
            "alert messages sent": f"{len(times):,} in {span:.1f} s by {sorted(senders)}",
            "rate, first to last [bar >= 29 msg/s]": f"{(len(times) - 1) / span:.1f} msg/s"
            if span
            else "n/a",
            "429 answers": str(fake.rate_limited),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", nargs="*", default=["memory", "send", "send1"])
    parser.add_argument("--subscriptions", type=int, default=1_000_000)
    parser.add_argument("--chats", type=int, default=200_000)
    parser.add_argument("--backlog", type=int, default=3000)
    parser.add_argument("--embedded", action="store_true", help="memory of the embedded store too")
    args = parser.parse_args()
    print(f"{platform.python_version()} on {os.cpu_count()} cores (machine shared: loaded)")
    from tests.postgres import _admin, with_database

    rows: dict[str, str] = {}
    with bench_database() as root, tempfile.TemporaryDirectory(prefix="pg-instances-") as tmp:
        folder = Path(tmp)
        if "memory" in args.what:
            _admin(root, "CREATE DATABASE bench_memory")
            url = with_database(root, "bench_memory")
            db = Database(url).retain()
            write(db, contents(args.subscriptions, args.chats, random.Random(SEED)))
            with db.connection() as conn:
                conn.autocommit = True
                conn.execute("VACUUM ANALYZE")
            db.release()
            env = environment(NEWSBOT_DATABASE_URL=url, NEWSBOT_FEEDS=DEAD_FEED)
            n = f"{args.subscriptions:,}"
            for name, value in measure_memory(env, folder, args.subscriptions).items():
                rows[f"PostgreSQL @{n}: {name}"] = value
            if args.embedded:
                path = folder / "embedded" / "newsbot.json"
                path.parent.mkdir()
                build(path, args.subscriptions, args.chats, random.Random(SEED))
                env = environment(NEWSBOT_DB=str(path), NEWSBOT_FEEDS=DEAD_FEED)
                for name, value in measure_memory(env, folder, args.subscriptions).items():
                    rows[f"embedded @{n}: {name}"] = value
        runs = {"send": ("ABC", "three instances"), "send1": ("S", "one instance (baseline)")}
        for what, (slots, label) in runs.items():
            if what not in args.what:
                continue
            name = f"bench_{what}"
            _admin(root, f"CREATE DATABASE {name}")
            Database(with_database(root, name)).close()  # the migrations
            sent = measure_sending(with_database(root, name), folder, args.backlog, slots)
            for key, value in sent.items():
                rows[f"sender, {label}: {key}"] = value
    width = max(len(k) for k in rows)
    for name, value in rows.items():
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
