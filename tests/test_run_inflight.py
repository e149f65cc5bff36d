"""Thirty alerts being sent when `newsbot run` is stopped, as a real process against the fake
Bot API enforcing Telegram's flood limits (30/s overall, 1/s per private chat, 20/min per
group), then restarted.

- SIGTERM is not a crash: sends in flight finish within the grace period and are marked,
  what was not started stays queued and goes after the restart: every chat gets its alert
  exactly once.
- kill -9 is a crash: sends Telegram carried out but had not answered yet are not marked,
  so they may go again, and nothing else: every chat gets its alert, and a chat gets it
  twice only if its send was in flight at the kill (README: "a crash can at worst repeat
  the one message in flight").
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storage.outbox_sqlite import open_outbox
from tests.fakes.feed_server import FeedServer, Item, rss
from tests.fakes.telegram_server import FakeTelegram, FloodLimits
from tests.test_run_subprocess import start_bot, stop, wait_ready

pytestmark = pytest.mark.slow

PRIVATE = list(range(101, 121))  # twenty people
GROUPS = list(range(-1001, -1011, -1))  # ten groups
CHATS = PRIVATE + GROUPS
LATE = 8  # the first sends Telegram carries out at once but answers LATE_SECONDS later
LATE_SECONDS = 3.0  # well within the sender's 10 s grace
HELD_CHAT = PRIVATE[-1]  # answered 429 retry_after=30: not sent again before the stop


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram(limits=FloodLimits()) as server:
        yield server


def item(n: int, title: str) -> Item:
    return Item(
        title=title,
        link=f"https://news.example/{n}",
        description=f"{title}. Officials said more would follow.",
        published=datetime.now(UTC) - timedelta(minutes=5),
        guid=f"item-{n}",
    )


def start(fake: FakeTelegram, feed_url: str, tmp_path: Path) -> subprocess.Popen[str]:
    return start_bot(
        fake,
        tmp_path,
        NEWSBOT_FEEDS=feed_url,
        NEWSBOT_POLL_SECONDS="1",
        NEWSBOT_FULLTEXT="0",  # the items' links point nowhere reachable
        NEWSBOT_LOG_LEVEL="INFO",
    )


def alerts(fake: FakeTelegram) -> Counter[int]:
    """How many alerts each chat received (the fake records a send when it carries it out,
    before answering)."""
    return Counter(m.chat_id for m in fake.all_sent() if m.text.startswith("🔔"))


def thirty_alerts_under_way(
    fake: FakeTelegram, feeds: FeedServer, tmp_path: Path
) -> tuple[subprocess.Popen[str], str]:
    """The bot running, thirty chats subscribed, a matching story published and LATE of its
    alerts carried out by Telegram but not answered yet. The process and the feed URL."""
    old = item(1, "Parliament debates budget")
    feed_url = feeds.route("/world.xml", body=rss([old]))
    process = start(fake, feed_url, tmp_path)
    wait_ready(fake, process, 0)
    fake.wait_until(lambda: len(feeds.requests_to("/world.xml")) >= 1, within=30)
    for chat_id in CHATS:
        kind = "private" if chat_id > 0 else "group"
        fake.command(chat_id, "/subscribe Khmeimim", chat_type=kind)
        assert "Subscribed" in fake.next_message(chat_id, within=30).text
    fake.answer_late("sendMessage", seconds=LATE_SECONDS, times=LATE)
    fake.fail_next("sendMessage", status=429, retry_after=30, chat_id=HELD_CHAT)
    feeds.route("/world.xml", body=rss([item(2, "Russian planes leave Khmeimim"), old]))
    fake.wait_until(
        lambda: sum(alerts(fake).values()) >= LATE, within=30, what=f"{LATE} alerts sent"
    )
    return process, feed_url


def all_delivered_after_restart(fake: FakeTelegram, feed_url: str, tmp_path: Path) -> Counter[int]:
    """Restart, wait until every chat has its alert, stop with SIGTERM; then nothing is left
    queued in the outbox. Alerts per chat."""
    process = start(fake, feed_url, tmp_path)
    try:
        wait_ready(fake, process, 1)
        # The previous process's last long poll may still count as waiting in the fake:
        # an answered command shows this one is polling (a SIGTERM during PTB's start-up
        # retries is another matter, see the report of issue 11).
        fake.command(999, "/help")
        assert "Commands" in fake.next_message(999, within=30).text
        fake.wait_until(
            lambda: set(alerts(fake)) >= set(CHATS), within=90, what="every chat's alert"
        )
    finally:
        if process.poll() is None:
            stop(process, signal.SIGTERM)
    outbox = open_outbox(tmp_path / "data" / "newsbot.json")
    try:
        assert outbox.unsent() == [], "every alert was sent and marked"
    finally:
        outbox.close()
    return alerts(fake)


def alive(pid: int) -> bool:
    """Whether the process runs (a zombie waiting for a reaper counts as ended)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rpartition(")")[2].split()[0] not in ("Z", "X")


def still_alive(pids: list[int], *, within: float) -> list[int]:
    """The processes still running after waiting up to `within` seconds for them to end
    (one whose pipes closed may still be exiting)."""
    deadline = time.monotonic() + within
    while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return [pid for pid in pids if alive(pid)]


def descendants(pid: int) -> list[int]:
    """The process ids of pid's children and theirs (Linux /proc)."""
    found: list[int] = []
    todo = [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            with contextlib.suppress(OSError):
                children = [int(c) for c in (task / "children").read_text().split()]
                found += children
                todo += children
    return found


def test_sigterm_while_thirty_alerts_are_sent_repeats_and_loses_nothing(
    fake: FakeTelegram, feeds: FeedServer, tmp_path: Path
) -> None:
    process, feed_url = thirty_alerts_under_way(fake, feeds, tmp_path)
    try:
        fake.wait_until(lambda: fake.rate_limited >= 1, within=30, what="the 429")
    finally:
        stop(process, signal.SIGTERM)  # exits 0 within 15 s
    before = alerts(fake)
    # The stop came while alerts were going: some had not been sent (at least the chat
    # told to wait 30 s), and the late answers arrived during the grace period.
    assert HELD_CHAT not in before
    assert set(before) < set(CHATS), before

    after = all_delivered_after_restart(fake, feed_url, tmp_path)
    assert after == Counter(dict.fromkeys(CHATS, 1)), after


def test_kill_9_while_thirty_alerts_are_sent_repeats_at_most_the_ones_in_flight(
    fake: FakeTelegram, feeds: FeedServer, tmp_path: Path
) -> None:
    process, feed_url = thirty_alerts_under_way(fake, feeds, tmp_path)
    workers = descendants(process.pid)  # the feed parser's, and multiprocessing's helper
    assert workers
    process.kill()  # while LATE sends wait for their answer
    try:
        # The workers end with the bot (bot/reading/workers.py), so its pipes close.
        process.communicate(timeout=30)
        outlived = still_alive(workers, within=30)
    finally:
        for pid in workers:  # none may be left behind, even when this fails
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
    assert process.returncode == -signal.SIGKILL
    assert outlived == [], "processes outlived the bot"
    at_kill = alerts(fake)
    assert set(at_kill) < set(CHATS), at_kill  # the kill came while alerts were going

    after = all_delivered_after_restart(fake, feed_url, tmp_path)
    assert set(after) == set(CHATS), "none lost"
    assert max(after.values()) <= 2, after  # at most one repeat per chat
    repeated = {chat for chat, n in after.items() if n > 1}
    # Only a send Telegram had carried out at the kill can have gone twice.
    assert repeated <= set(at_kill), (repeated, at_kill)
