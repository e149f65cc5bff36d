"""`newsbot run` as a real process: talks to the fake Bot API, stops cleanly on SIGTERM and
SIGINT, confirms what it fetched, and finds its subscriptions again after a restart."""

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


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram() as server:
        yield server


def start_bot(fake: FakeTelegram, tmp_path: Path, **settings: str) -> subprocess.Popen[str]:
    """`newsbot run` as a child process against `fake`, its store under tmp_path/data.

    By default it reads only a dead local feed and logs at DEBUG; `settings` override.
    """
    env = bot_env(
        TELEGRAM_BOT_TOKEN=fake.token,
        TELEGRAM_API_URL=fake.url,
        NEWSBOT_DB=str(tmp_path / "data" / "newsbot.json"),
        NEWSBOT_FEEDS=DEAD_FEED,  # never the built-in list: no test reaches the internet
        NEWSBOT_LOG_LEVEL="DEBUG",  # the most talkative level: the token must still not show
    )
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,
        env={**env, **settings},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_ready(fake: FakeTelegram, process: subprocess.Popen[str], polls_before: int) -> None:
    """Until the bot registered its menu and is long-polling (or died: then say why)."""

    def ready() -> bool:
        if process.poll() is not None:
            return True
        return fake.polls_waiting > 0 and len(fake.calls("setMyCommands")) > polls_before

    fake.wait_until(ready, within=60, what="the bot to start polling")
    if process.poll() is not None:
        _, err = process.communicate()
        pytest.fail(f"newsbot run exited with {process.returncode}: {err[-2000:]}")


def stop(process: subprocess.Popen[str], sig: signal.Signals) -> str:
    """Send the signal; the bot must exit 0 within a few seconds. Its stderr."""
    process.send_signal(sig)
    try:
        _, err = process.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        _, err = process.communicate()
        pytest.fail(f"newsbot run did not stop within 15 s of {sig.name}: {err[-2000:]}")
    assert process.returncode == 0, err[-2000:]
    return err


def test_run_stop_and_restart_keep_subscriptions(fake: FakeTelegram, tmp_path: Path) -> None:
    process = start_bot(fake, tmp_path)
    try:
        wait_ready(fake, process, 0)
        assert {"subscribe", "list"} <= {c["command"] for c in fake.commands}
        fake.command(42, "/subscribe Khmeimim")
        assert fake.next_message(42, within=30).text.startswith("Subscribed to “Khmeimim”.")
        fake.command(-100, "/sub@newsbot_test_bot Tartus OR Tartous", chat_type="group")
        assert "Subscribed" in fake.next_message(-100, within=30).text
        fake.command(42, "/list")
        assert "1. Khmeimim" in fake.next_message(42, within=30).text
    finally:
        err = stop(process, signal.SIGTERM) if process.poll() is None else ""
    assert fake.pending_updates() == [], "the last getUpdates confirmed every fetched update"
    assert fake.token.partition(":")[2] not in err
    assert "getUpdates" in err  # DEBUG logged the requests, masked
    assert (tmp_path / "data" / "newsbot.json").is_file()

    replies_before = len(fake.sent(42))
    process = start_bot(fake, tmp_path)
    try:
        wait_ready(fake, process, 1)
        fake.command(42, "/list")
        listing = fake.next_message(42, within=30)
        assert "1. Khmeimim" in listing.text
        fake.command(-100, "/list", chat_type="group")
        assert "1. Tartus OR Tartous" in fake.next_message(-100, within=30).text
        # Nothing handled before the restart is handled again.
        assert len(fake.sent(42)) == replies_before + 1
    finally:
        if process.poll() is None:
            stop(process, signal.SIGINT)
    assert fake.pending_updates() == []


def run_once(env_overrides: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = bot_env(NEWSBOT_DB=str(tmp_path / "db.json"), NEWSBOT_FEEDS=DEAD_FEED)
    return subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,
        env={**env, **env_overrides},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_a_refused_token_stops_start_up_with_one_line(fake: FakeTelegram, tmp_path: Path) -> None:
    secret = "y" * 30
    result = run_once(
        {"TELEGRAM_BOT_TOKEN": f"123:{secret}", "TELEGRAM_API_URL": fake.url}, tmp_path
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "newsbot: TELEGRAM_BOT_TOKEN: was refused by the Bot API server"
    ]
    assert secret not in result.stderr


def test_an_unreachable_bot_api_stops_start_up_with_one_line(tmp_path: Path) -> None:
    token = "123:" + "z" * 30
    # Port 9 on loopback: nothing listens there.
    result = run_once(
        {"TELEGRAM_BOT_TOKEN": token, "TELEGRAM_API_URL": "http://127.0.0.1:9"}, tmp_path
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("newsbot: cannot reach the Bot API at http://127.0.0.1:9")
    assert "z" * 30 not in result.stderr


def test_a_second_process_on_the_same_store_is_refused_in_one_line(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    first = start_bot(fake, tmp_path)
    try:
        wait_ready(fake, first, 0)
        db = tmp_path / "data" / "newsbot.json"
        second = run_once(
            {
                "TELEGRAM_BOT_TOKEN": fake.token,
                "TELEGRAM_API_URL": fake.url,
                "NEWSBOT_DB": str(db),
            },
            tmp_path,
        )
        assert second.returncode == 2
        lines = second.stderr.strip().splitlines()
        assert len(lines) == 1, second.stderr
        assert str(db) in lines[0]
        assert f"pid {first.pid}" in lines[0]
        # The first one never noticed: it still answers.
        fake.command(42, "/help")
        assert "Commands" in fake.next_message(42, within=30).text
    finally:
        if first.poll() is None:
            stop(first, signal.SIGTERM)
    # Once the first one is gone, the store is free again.
    again = start_bot(fake, tmp_path)
    try:
        wait_ready(fake, again, 1)
    finally:
        if again.poll() is None:
            stop(again, signal.SIGTERM)
