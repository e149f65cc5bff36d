"""The whole product as users run it: `newsbot run` as a process, reading a local feed and
alerting through the fake Bot API; a restart repeats nothing and new stories still arrive."""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.fakes.feed_server import FeedServer, Item, rss
from tests.fakes.telegram_server import FakeTelegram
from tests.test_run_subprocess import start_bot, stop, wait_ready

pytestmark = pytest.mark.slow


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram() as server:
        yield server


def start(fake: FakeTelegram, feed_url: str, tmp_path: Path) -> subprocess.Popen[str]:
    return start_bot(
        fake,
        tmp_path,
        NEWSBOT_FEEDS=feed_url,
        NEWSBOT_POLL_SECONDS="1",
        NEWSBOT_FULLTEXT="0",  # the items' links point nowhere reachable
        NEWSBOT_LOG_LEVEL="INFO",  # the default level
    )


def item(n: int, title: str) -> Item:
    return Item(
        title=title,
        link=f"https://news.example/{n}",
        description=f"{title}. Officials said more would follow.",
        published=datetime.now(UTC) - timedelta(minutes=5),
        guid=f"item-{n}",
    )


def alerts(fake: FakeTelegram, chat_id: int) -> list[str]:
    return [m.text for m in fake.sent(chat_id) if m.text.startswith("🔔")]


def test_feed_to_alert_across_a_restart(
    fake: FakeTelegram, feeds: FeedServer, tmp_path: Path
) -> None:
    old = item(1, "Parliament debates budget")
    feed_url = feeds.route("/world.xml", body=rss([old]))
    process = start(fake, feed_url, tmp_path)
    try:
        wait_ready(fake, process, 0)
        fake.wait_until(lambda: len(feeds.requests_to("/world.xml")) >= 1, within=30)
        fake.command(42, "/subscribe Khmeimim")
        assert fake.next_message(42, within=30).text.startswith("Subscribed to “Khmeimim”")
        fake.command(7, "/subscribe Epstein")
        assert fake.next_message(7, within=30).text.startswith("Subscribed")

        news = item(2, "Russian planes leave the Hmeimim air base")
        feeds.route("/world.xml", body=rss([news, old]))
        fake.wait_until(lambda: bool(alerts(fake, 42)), within=30, what="the alert")
        (alert,) = alerts(fake, 42)
        assert "Russian planes leave the Hmeimim air base" in alert
        assert "https://news.example/2" in alert
        assert "Hmeimim" in alert.splitlines()[-1]  # the "matched:" line
    finally:
        stop(process, signal.SIGTERM)

    process = start(fake, feed_url, tmp_path)
    try:
        wait_ready(fake, process, 1)
        polled = len(feeds.requests_to("/world.xml"))
        fake.wait_until(lambda: len(feeds.requests_to("/world.xml")) >= polled + 2, within=30)
        later = item(3, "Satellite images show Khmeimim runway work")
        feeds.route("/world.xml", body=rss([later, item(2, news.title), old]))
        fake.wait_until(lambda: len(alerts(fake, 42)) == 2, within=30, what="the next alert")
        fake.command(42, "/help")  # a round trip: anything queued before it was sent by now
        fake.next_message(42, within=30)
    finally:
        stop(process, signal.SIGTERM)
    texts = alerts(fake, 42)
    assert len(texts) == 2, texts  # the first story was not alerted again after the restart
    assert "Satellite images show Khmeimim runway work" in texts[1]
    assert alerts(fake, 7) == []
