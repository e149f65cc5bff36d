"""Through the real Application: the durable writes a command makes (registering a new chat,
storing a subscription) happen off the event loop, so an fsync never holds up another
chat's reply; a chat already stored is not written again; one chat's commands still apply
in order."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from bot.chats.prepared import PreparedArticles
from bot.models import Chat, Subscription
from storage.memory import MemoryChatStore
from storage.postgres import open_stores
from storage.postgres.articles import PgArticleStore, PgFeedStateStore
from storage.postgres.chats import PgChatStore
from storage.postgres.outbox import PgOutbox
from tests.e2e import BotUnderTest, running_bot
from tests.fakes.telegram_server import FakeTelegram


class WatchedStore(MemoryChatStore):
    """The in-memory chat store, noting the thread of every write."""

    def __init__(self) -> None:
        super().__init__()
        self.writes: list[tuple[str, int]] = []

    def save_chat(self, chat: Chat) -> None:
        self.writes.append(("save_chat", threading.get_ident()))
        super().save_chat(chat)

    def add_subscription(
        self, chat_id: int, query: str, thread_id: int | None = None
    ) -> Subscription:
        self.writes.append(("add_subscription", threading.get_ident()))
        return super().add_subscription(chat_id, query, thread_id)


async def test_a_new_chat_and_its_subscription_are_stored_off_the_event_loop(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    store = WatchedStore()
    loop_thread = threading.get_ident()  # the test and the bot share one event loop
    async with running_bot(fake_telegram, db_path=tmp_path / "db.json", chats=store) as bot:
        reply = await bot.send(42, "/subscribe Khmeimim")
        assert reply.text.startswith("Subscribed to “Khmeimim”.")
        assert {name for name, _ in store.writes} == {"save_chat", "add_subscription"}
        assert all(thread != loop_thread for _, thread in store.writes), store.writes
        # The subscription is matched from now on: it went into the index.
        assert len(bot.services.index) == 1

        # A chat already stored, unchanged: no write at all for registering it.
        store.writes.clear()
        assert "1. Khmeimim" in (await bot.send(42, "/list")).text
        assert store.writes == []

        # A new group registered by any command: written once, off the loop too.
        await bot.send(-100, "/help", chat_type="group")
        assert [name for name, _ in store.writes] == ["save_chat"]
        assert store.writes[0][1] != loop_thread
        assert store.get_chat(-100) is not None


async def test_one_chats_subscriptions_still_apply_in_order(
    fake_telegram: FakeTelegram, tmp_path: Path
) -> None:
    async with running_bot(fake_telegram, db_path=tmp_path / "db.json") as bot:
        words = ["Tartus", "Latakia", "Homs", "Aleppo", "Idlib"]
        for word in words:  # all sent before the first is handled
            fake_telegram.command(42, f"/subscribe {word}")
        for word in words:
            reply = await fake_telegram.next_message_async(42, within=10)
            assert reply.text.startswith(f"Subscribed to “{word}”."), reply.text
        listing = (await bot.send(42, "/list")).text
        for n, word in enumerate(words, 1):
            assert f"{n}. {word}" in listing


async def test_the_bot_fixture_runs_on_the_store_it_names(
    bot: BotUnderTest, request: pytest.FixtureRequest
) -> None:
    """The `bot` fixture's "postgresql" case runs every store on PostgreSQL: a command's
    subscription is in the database, seen by another connection to it."""
    reply = await bot.send(42, "/subscribe syria")
    assert "syria" in reply.text
    services = bot.services
    if request.node.callspec.params["bot"] == "memory":
        assert isinstance(services.chats, MemoryChatStore)
        assert not bot.settings.database_url
        return
    assert isinstance(services.chats, PgChatStore)
    assert isinstance(services.articles, PreparedArticles)
    assert isinstance(services.articles.store, PgArticleStore)
    assert isinstance(services.feed_states, PgFeedStateStore)
    assert isinstance(services.outbox, PgOutbox)
    other = open_stores(bot.settings.database_url)
    try:
        assert [s.query for s in other.chats.subscriptions(42)] == ["syria"]
    finally:
        other.close_unused()  # closes all four
