"""`newsbot webhook set|delete|info` against the fake Bot API, and `newsbot run` refusing to
poll (which would delete the webhook) while one is registered."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.__main__ import main
from bot.app import ALLOWED_UPDATES
from tests.fakes.telegram_server import FakeTelegram
from tests.test_run_subprocess import run_once

URL = "https://bot.example.org/telegram"
SECRET = "a-secret_token"


@pytest.fixture(autouse=True)
def _settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fake_telegram: FakeTelegram) -> None:
    """The fake's token and URL, the webhook settings, nothing from the machine."""
    for name in list(os.environ):
        if name.startswith(("NEWSBOT_", "TELEGRAM_")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", fake_telegram.token)
    monkeypatch.setenv("TELEGRAM_API_URL", fake_telegram.url)
    monkeypatch.setenv("NEWSBOT_WEBHOOK_URL", URL)
    monkeypatch.setenv("NEWSBOT_WEBHOOK_SECRET", SECRET)


def test_set_info_delete(fake_telegram: FakeTelegram, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["webhook", "info"]) == 0
    assert capsys.readouterr().out == "no webhook (long polling); 0 updates pending\n"

    assert main(["webhook", "set"]) == 0
    assert capsys.readouterr().out == f"webhook set: Telegram now posts updates to {URL}\n"
    assert fake_telegram.webhook["url"] == URL
    assert fake_telegram.webhook["secret_token"] == SECRET
    assert fake_telegram.webhook["allowed_updates"] == list(ALLOWED_UPDATES)

    fake_telegram.command(42, "/help")  # waits for the webhook now
    assert main(["webhook", "info"]) == 0
    assert capsys.readouterr().out == f"webhook: {URL}; 1 updates pending\n"

    assert main(["webhook", "delete"]) == 0
    assert "webhook deleted" in capsys.readouterr().out
    assert fake_telegram.webhook["url"] == ""


def test_a_refusal_is_one_line(
    fake_telegram: FakeTelegram,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("NEWSBOT_WEBHOOK_URL", "http://bot.example.org/plain-http")
    assert main(["webhook", "set"]) == 2
    err = capsys.readouterr().err
    assert err == (
        "newsbot: setWebhook failed: Bad Request: bad webhook: An HTTPS URL must be provided\n"
    )
    assert fake_telegram.webhook["url"] == ""

    monkeypatch.delenv("NEWSBOT_WEBHOOK_URL")
    assert main(["webhook", "set"]) == 2
    assert capsys.readouterr().err.startswith("newsbot: NEWSBOT_WEBHOOK_URL: is needed")
    with pytest.raises(SystemExit) as exited:
        main(["webhook", "sideways"])
    assert exited.value.code == 2
    assert "invalid choice: 'sideways'" in capsys.readouterr().err


@pytest.mark.slow
def test_run_without_the_webhook_url_refuses_to_delete_a_registered_webhook(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    fake_telegram.webhook = {"url": URL}
    result = run_once(
        {"TELEGRAM_BOT_TOKEN": fake_telegram.token, "TELEGRAM_API_URL": fake_telegram.url},
        tmp_path,
    )
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"newsbot: a webhook is set ({URL}) and polling would delete it")
    assert fake_telegram.webhook["url"] == URL
    assert fake_telegram.calls("deleteWebhook") == []
    assert fake_telegram.calls("getUpdates") == []
