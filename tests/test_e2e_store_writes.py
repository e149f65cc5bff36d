"""Through the real Application: the durable writes a command makes (registering a new chat,
storing a subscription) happen off the event loop, so an fsync never holds up another
chat's reply; a chat already stored is not written again; one chat's commands still apply
in order."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

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


class FailingThirdWrite(MemoryChatStore):
    """The in-memory chat store, whose third checked add fails (a disk full, a lost
    connection) after the first two were stored."""

    def __init__(self) -> None:
        super().__init__()
        self.adds = 0

    def add_subscription_checked(self, *args: Any, **kwargs: Any) -> Any:
        self.adds += 1
        if self.adds == 3:
            raise OSError("no space left on device")
        return super().add_subscription_checked(*args, **kwargs)


@pytest.mark.parametrize("how", ["subscribe", "import"])
async def test_a_store_failing_halfway_through_a_list_leaves_the_stored_lines_matched(
    fake_telegram: FakeTelegram, tmp_path: Path, how: str
) -> None:
    """Lines stored before the store failed are matched (they were stored: a later alert
    must come), the chat is told something went wrong, and sending the list again stores
    the rest."""
    store = FailingThirdWrite()
    words = ["Tartus", "Latakia", "Homs", "Aleppo"]
    async with running_bot(fake_telegram, db_path=tmp_path / "db.json", chats=store) as bot:
        if how == "subscribe":
            fake_telegram.command(42, "/subscribe " + "\n".join(words))
        else:
            data = "\n".join(words).encode()
            fake_telegram.document(42, "queries.txt", data, mime_type="text/plain")
        answer = await fake_telegram.next_message_async(42, within=30)
        stored = [s.query for s in store.subscriptions(42)]
        indexed = sorted(
            bot.services.index.query_of(k) for k in bot.services.index.subscription_keys()
        )
        again = await bot.send(42, "/subscribe " + "\n".join(words))
        after = [s.query for s in store.subscriptions(42)]
    assert stored == ["Tartus", "Latakia"]
    assert indexed == ["Latakia", "Tartus"]
    assert "Subscribed" not in answer.text  # the apology, not a summary that hides the loss
    assert "Already" in again.text or "already" in again.text, again.text
    assert after == words
