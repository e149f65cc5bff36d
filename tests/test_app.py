"""The composition root's own promises: the lifecycle hooks and the store lock."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.app import (
    build_application,
    build_bot,
    build_services,
    close_stores,
    start_services,
    stop_services,
)
from bot.errors import StorageError
from handlers.notifier import BotNotifier
from storage.lock import StoreLock, lock_path
from storage.memory import MemoryChatStore
from tests.e2e import e2e_settings
from tests.fakes.telegram_server import FakeTelegram


def test_background_work_stops_in_post_stop_and_stores_close_in_post_shutdown(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    # PTB shuts the bot's HTTP client down before post_shutdown: a sender stopped there
    # could never let a send in flight finish. post_stop runs while the client is open.
    settings = e2e_settings(fake_telegram, tmp_path / "newsbot.json")
    bot = build_bot(settings)
    services = build_services(settings, BotNotifier(bot), chats=MemoryChatStore(), feeds=())
    application = build_application(services, bot)
    assert application.post_init is start_services
    assert application.post_stop is stop_services
    assert application.post_shutdown is close_stores
    services.close()


def test_the_store_lock_admits_one_holder_and_names_it(tmp_path: Path) -> None:
    db = tmp_path / "data" / "newsbot.json"
    with StoreLock(db):
        assert lock_path(db).read_text().strip() == str(os.getpid())
        with pytest.raises(StorageError) as refused:
            StoreLock(db).acquire()
        message = str(refused.value)
        assert str(db) in message
        assert f"pid {os.getpid()}" in message
        assert "\n" not in message
    with StoreLock(db):  # released: free again
        pass
