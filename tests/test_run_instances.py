"""Two `newsbot run` processes in polling mode on one PostgreSQL database: one polls, the
other logs that it stands by; after `kill -9` of the first, the second takes the updates
role and answers the chats; it then stops cleanly on SIGTERM. And a webhook registered
while a process polls stops it with the one-line refusal (Telegram refuses getUpdates)."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import bot_env
from tests.e2e import DEAD_FEED
from tests.fakes.telegram_server import FakeTelegram

pytestmark = pytest.mark.slow

STANDING_BY = "standing by: another instance holds the updates role"
WITHIN = 60.0  # seconds any awaited change may take on a loaded machine


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram() as server:
        yield server


class Instance:
    """`newsbot run` as a child process, its log in a file (a pipe could fill up)."""

    def __init__(
        self, fake: FakeTelegram, folder: Path, database_url: str = "", db: Path | None = None
    ) -> None:
        folder.mkdir(parents=True)
        self.log = folder / "stderr.log"
        env = bot_env(
            TELEGRAM_BOT_TOKEN=fake.token,
            TELEGRAM_API_URL=fake.url,
            NEWSBOT_DB=str(db or folder / "data" / "newsbot.json"),
            NEWSBOT_DATABASE_URL=database_url,
            NEWSBOT_FEEDS=DEAD_FEED,
            NEWSBOT_LOG_LEVEL="INFO",
        )
        with open(self.log, "w", encoding="utf-8") as err:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bot", "run"],
                cwd=folder,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=err,
                text=True,
            )

    def logged(self, text: str) -> bool:
        return text in self.log.read_text(encoding="utf-8")

    def alive(self) -> bool:
        return self.process.poll() is None

    def tail(self) -> str:
        return self.log.read_text(encoding="utf-8")[-3000:]

    def end(self) -> None:
        if self.alive():
            self.process.kill()
            self.process.wait()


def wait_for(fake: FakeTelegram, instance: Instance, text: str) -> None:
    """Until the instance logged `text` (or died: then say why)."""
    try:
        fake.wait_until(
            lambda: instance.logged(text) or not instance.alive(), within=WITHIN, what=text
        )
    except AssertionError:
        pytest.fail(f"{text!r} not logged within {WITHIN:g} s: {instance.tail()}")
    if not instance.logged(text):
        pytest.fail(f"newsbot run exited with {instance.process.returncode}: {instance.tail()}")


def answered(fake: FakeTelegram, chat_id: int, text: str) -> str:
    fake.command(chat_id, text)
    fake.wait_until(lambda: bool(fake.sent(chat_id)), within=WITHIN, what=f"a reply to {text}")
    return fake.sent(chat_id)[-1].text


def test_the_standing_by_instance_takes_over_after_kill_9(
    fake: FakeTelegram, tmp_path: Path, pg_url: str
) -> None:
    # Both on one machine with the same NEWSBOT_DB: on PostgreSQL the embedded store's
    # one-process lock is not taken (nothing is stored there), so the second starts.
    shared = tmp_path / "shared" / "newsbot.json"
    first = Instance(fake, tmp_path / "first", pg_url, db=shared)
    second: Instance | None = None
    try:
        wait_for(fake, first, "updates role taken")
        second = Instance(fake, tmp_path / "second", pg_url, db=shared)
        wait_for(fake, second, STANDING_BY)
        assert "Commands" in answered(fake, 42, "/help")
        assert not second.logged("updates role taken")
        # Polling confirms an update once handled (handlers/polling.py): killed before
        # that, the first would leave /help to the second, which answers it again.
        fake.wait_until(lambda: not fake.pending_updates(), within=WITHIN, what="/help confirmed")

        first.process.send_signal(signal.SIGKILL)
        first.process.wait()
        wait_for(fake, second, "updates role taken")
        assert "Commands" in answered(fake, 43, "/help")
        assert len(fake.sent(42)) == 1

        second.process.send_signal(signal.SIGTERM)
        try:
            second.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pytest.fail(f"the second instance did not stop on SIGTERM: {second.tail()}")
        assert second.process.returncode == 0, second.tail()
        assert second.log.read_text(encoding="utf-8").count(STANDING_BY) == 1
    finally:
        first.end()
        if second is not None:
            second.end()


@pytest.mark.parametrize("store", ["embedded", "postgresql"])
def test_a_webhook_set_while_polling_stops_the_process_with_one_line(
    fake: FakeTelegram, tmp_path: Path, store: str, request: pytest.FixtureRequest
) -> None:
    url = request.getfixturevalue("pg_url") if store == "postgresql" else ""
    polling = Instance(fake, tmp_path / "polling", url)
    try:
        fake.wait_until(
            lambda: fake.polls_waiting > 0 or not polling.alive(), within=WITHIN, what="a poll"
        )
        assert "Commands" in answered(fake, 42, "/help")
        fake.webhook = {"url": "https://bot.example.org/hook"}  # `newsbot webhook set`
        fake.command(43, "/help")  # ends the waiting long poll: the next one gets 409
        try:
            polling.process.wait(timeout=WITHIN)
        except subprocess.TimeoutExpired:
            pytest.fail(f"still running with a webhook set: {polling.tail()}")
    finally:
        polling.end()
    assert polling.process.returncode == 2, polling.tail()
    last = polling.log.read_text(encoding="utf-8").strip().splitlines()[-1]
    assert last.startswith("newsbot: a webhook was set while polling (Telegram refuses")
    assert fake.webhook["url"] == "https://bot.example.org/hook"  # not deleted


def test_the_instance_taking_over_refuses_to_poll_once_a_webhook_is_set(
    fake: FakeTelegram, tmp_path: Path, pg_url: str
) -> None:
    """The holder stops on Telegram's 409; the instance standing by then takes the role,
    finds the webhook before PTB's polling would delete it, and stops with one line."""
    url = "https://bot.example.org/hook"
    # Both on one machine with the same NEWSBOT_DB: on PostgreSQL the embedded store's
    # one-process lock is not taken (nothing is stored there), so the second starts.
    shared = tmp_path / "shared" / "newsbot.json"
    first = Instance(fake, tmp_path / "first", pg_url, db=shared)
    second: Instance | None = None
    try:
        wait_for(fake, first, "updates role taken")
        second = Instance(fake, tmp_path / "second", pg_url, db=shared)
        wait_for(fake, second, STANDING_BY)
        deleted = len(fake.calls("deleteWebhook"))  # PTB's, at the holder's start
        fake.webhook = {"url": url}
        fake.command(42, "/help")  # ends the holder's long poll: the next one gets 409
        for instance in (first, second):
            try:
                instance.process.wait(timeout=WITHIN)
            except subprocess.TimeoutExpired:
                pytest.fail(f"still running with a webhook set: {instance.tail()}")
    finally:
        first.end()
        if second is not None:
            second.end()
    assert first.process.returncode == 2, first.tail()
    assert second.process.returncode == 2, second.tail()
    assert second.logged("updates role taken")
    last = second.log.read_text(encoding="utf-8").strip().splitlines()[-1]
    assert last == (
        f"newsbot: a webhook is set ({url}) and polling would delete it: set "
        "NEWSBOT_WEBHOOK_URL to run in webhook mode, or run `newsbot webhook delete` first"
    )
    assert fake.webhook["url"] == url
    assert len(fake.calls("deleteWebhook")) == deleted
