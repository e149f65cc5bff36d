"""`newsbot run` as a real process when the Bot API starts refusing the token while the bot
runs (revoked in @BotFather: 401; the bot deleted: 404). PTB's polling gives up for good
then; the bot must not stay up doing nothing: one line saying so, and exit code 3."""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from handlers.polling import EXIT_TOKEN_REFUSED
from tests.fakes.telegram_server import FakeTelegram
from tests.test_run_subprocess import start_bot, stop, wait_ready

pytestmark = pytest.mark.slow


class RevocableTelegram(FakeTelegram):
    """The fake Bot API, whose token can be refused from some point on with 401 or 404."""

    def __init__(self) -> None:
        super().__init__()
        self.refuse_with: int | None = None

    def handle(
        self, token: str, method: str, params: dict[str, Any], *, client: str = ""
    ) -> tuple[int, dict[str, Any]]:
        if self.refuse_with is None:
            return super().handle(token, method, params, client=client)
        description = "Unauthorized" if self.refuse_with == 401 else "Not Found"
        with self._cond:
            self._cond.notify_all()
        return self.refuse_with, {
            "ok": False,
            "error_code": self.refuse_with,
            "description": description,
        }


@pytest.fixture
def fake() -> Iterator[RevocableTelegram]:
    server = RevocableTelegram()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.mark.parametrize("status", [401, 404])
def test_a_token_refused_while_running_stops_the_bot_with_one_line(
    fake: RevocableTelegram, tmp_path: Path, status: int
) -> None:
    process = start_bot(fake, tmp_path, NEWSBOT_LOG_LEVEL="INFO")
    try:
        wait_ready(fake, process, 0)
        fake.command(42, "/subscribe Khmeimim")
        assert fake.next_message(42, within=30).text.startswith("Subscribed")
        # Polling confirms an update once handled (handlers/polling.py): refused before
        # that, the next run would be given /subscribe again.
        fake.wait_until(lambda: not fake.pending_updates(), within=30, what="the confirmation")
        fake.refuse_with = status
        # The long poll under way ends within POLL_TIMEOUT; the next one is refused.
        _, err = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        _, err = process.communicate()
        pytest.fail(f"newsbot run stayed up after the token was refused: {err[-2000:]}")
    assert process.returncode == EXIT_TOKEN_REFUSED, err[-2000:]
    said = [line for line in err.splitlines() if "refused TELEGRAM_BOT_TOKEN" in line]
    assert len(said) == 1, err[-2000:]
    assert f"HTTP {status}" in said[0]
    assert "Traceback" not in err, err[-3000:]
    assert fake.token.partition(":")[2] not in err
    # It stopped cleanly: the stores were closed, the subscription is still there.
    assert "newsbot stopped" in err
    fake.refuse_with = None
    again = start_bot(fake, tmp_path)
    try:
        wait_ready(fake, again, 1)
        fake.command(42, "/list")
        assert "1. Khmeimim" in fake.next_message(42, within=30).text
    finally:
        if again.poll() is None:
            stop(again, signal.SIGTERM)
