"""`newsbot run` as a real process in webhook mode with JSON logs: it serves updates posted
to its listener, exposes /healthz, stops cleanly on SIGTERM, and every log line is a JSON
object in which neither the token nor the webhook secret shows."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from handlers.webhook import SECRET_HEADER
from tests.conftest import bot_env
from tests.e2e import DEAD_FEED
from tests.fakes.telegram_server import FakeTelegram
from tests.test_run_subprocess import stop

pytestmark = pytest.mark.slow

SECRET = "process-webhook-secret"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def answers(url: str) -> bool:
    try:
        httpx.get(url, timeout=2, trust_env=False)
    except httpx.HTTPError:
        return False
    return True


def test_webhook_mode_in_a_real_process_with_json_logs(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    hook, ops = free_port(), free_port()
    env = bot_env(
        TELEGRAM_BOT_TOKEN=fake_telegram.token,
        TELEGRAM_API_URL=fake_telegram.url,
        NEWSBOT_DB=str(tmp_path / "data" / "newsbot.json"),
        NEWSBOT_FEEDS=DEAD_FEED,
        NEWSBOT_LOG_LEVEL="DEBUG",
        NEWSBOT_LOG_FORMAT="json",
        NEWSBOT_WEBHOOK_URL="https://bot.example.org/hook",
        NEWSBOT_WEBHOOK_SECRET=SECRET,
        NEWSBOT_WEBHOOK_LISTEN=f"127.0.0.1:{hook}",
        NEWSBOT_OPS_LISTEN=f"127.0.0.1:{ops}",
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "run"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        fake_telegram.wait_until(
            lambda: process.poll() is not None or answers(f"http://127.0.0.1:{hook}/hook"),
            within=60,
            what="the webhook listener",
        )
        assert process.poll() is None, process.communicate()[1][-2000:]
        fake_telegram.command(42, "/subscribe Khmeimim")
        (update,) = fake_telegram.pending_updates()
        response = httpx.post(
            f"http://127.0.0.1:{hook}/hook",
            json=update,
            headers={SECRET_HEADER: SECRET},
            timeout=30,
            trust_env=False,
        )
        assert response.status_code == 200
        (reply,) = fake_telegram.sent(42)  # sent before the answer
        assert reply.text.startswith("Subscribed to “Khmeimim”.")
        health = httpx.get(f"http://127.0.0.1:{ops}/healthz", timeout=10, trust_env=False)
        assert health.json()["status"] == "ok"
        metrics = httpx.get(f"http://127.0.0.1:{ops}/metrics", timeout=10, trust_env=False)
        assert "newsbot_index_subscriptions 1.0" in metrics.text
    finally:
        err = stop(process, signal.SIGTERM) if process.poll() is None else ""
    assert fake_telegram.calls("getUpdates") == []  # never polled
    assert fake_telegram.calls("deleteWebhook") == []
    lines = err.splitlines()
    assert lines
    records = [json.loads(line) for line in lines]  # every line is one JSON object
    assert {"time", "level", "logger", "message"} <= set(records[0])
    messages = [r["message"] for r in records]
    assert any(m.startswith("webhook listener on 127.0.0.1:") for m in messages)
    assert "newsbot stopped" in messages
    assert fake_telegram.token.partition(":")[2] not in err
    assert SECRET not in err
