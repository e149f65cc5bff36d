"""The shared end-to-end harness: the real PTB Application, over HTTP, against FakeTelegram.

tests/conftest.py loads this module as a plugin, so the fixtures `fake_telegram`, `bot`
and `feeds` (a FeedServer) are available to every test::

    from tests.e2e import BotUnderTest

    async def test_subscribe(bot: BotUnderTest) -> None:
        reply = await bot.send(42, "/subscribe syria")          # private chat 42
        assert "Subscribed" in reply.text
        reply = await bot.send(-100, "/list@newsbot_test_bot")   # a group chat
        await bot.press(-100, "rm:1")                           # press a button by data/label

Or, to choose the store, the settings or a collaborator (an index, a search, stores of
your own, a clock), open one yourself::

    async with running_bot(fake, chats=my_store, search=my_search) as bot: ...

The services are built by the composition root's own `build_services`, with the keyword
arguments `running_bot` does not take as settings. Settings default to a temporary
NEWSBOT_DB and a dead local feed URL, so nothing ever leaves 127.0.0.1.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from telegram.ext import Application

from bot.alerts.sender import Clock
from bot.app import (
    ALLOWED_UPDATES,
    build_application,
    build_bot,
    build_services,
    close_stores,
    start_services,
    stop_services,
)
from bot.chats.limits import CommandLimiter
from bot.chats.subscriptions import ArticleSearch
from bot.config import Settings
from bot.matching.index import SubscriptionIndex
from bot.services import Services
from handlers.notifier import BotNotifier
from storage.base import ArticleStore, ChatStore, FeedStateStore
from storage.memory import MemoryChatStore
from tests.fakes.feed_server import FeedServer
from tests.fakes.telegram_server import FakeTelegram, SentMessage

# Port 9 (discard) on loopback: nothing listens, so a feed poll fails at once, locally.
DEAD_FEED = "http://127.0.0.1:9/feed.xml"


def e2e_settings(fake: FakeTelegram, db_path: Path, **overrides: Any) -> Settings:
    """Settings that point the bot at the fake and never at the internet."""
    settings = Settings(
        token=fake.token,
        api_url=fake.url,
        db_path=db_path,
        feeds=(DEAD_FEED,),
        poll_seconds=3600,
        log_level="DEBUG",
    )
    return replace(settings, **overrides)


@dataclass
class BotUnderTest:
    """A running Application and the fake it talks to, with helpers for tests."""

    fake: FakeTelegram
    application: Application[Any, Any, Any, Any, Any, Any]
    services: Services
    settings: Settings

    async def send(
        self, chat_id: int, text: str, *, within: float = 10.0, **kw: Any
    ) -> SentMessage:
        """Inject a command (or text, if it does not start with '/') and return the bot's
        next message to that chat (bounded wait)."""
        if text.startswith("/"):
            self.fake.command(chat_id, text, **kw)
        else:
            self.fake.message(chat_id, text, **kw)
        return await self.fake.next_message_async(chat_id, within=within)

    async def press(self, chat_id: int, match: str, *, within: float = 10.0) -> dict[str, Any]:
        """Press the newest button whose label or data is `match`; wait until the bot
        answered the callback query; returns the answerCallbackQuery parameters. The edge's
        button handlers answer last, so their edits are done by then."""
        query_id = self.fake.press_button(chat_id, match)
        await self.fake.wait_until_async(
            lambda: query_id in self.fake.answered_callbacks,
            within=within,
            what=f"an answer to the button {match!r}",
        )
        return self.fake.answered_callbacks[query_id]

    async def silence(self, chat_id: int, text: str, **kw: Any) -> None:
        """Inject `text` and check the bot answers it with nothing: one chat's updates are
        handled one at a time, in order, so once the bot answered a /help sent after it,
        `text` was handled."""
        inject = self.fake.command if text.startswith("/") else self.fake.message
        inject(chat_id, text, **kw)
        reply = await self.send(chat_id, "/help", **kw)
        assert "Commands" in reply.text, f"the bot answered {text!r} with {reply.text!r}"


@asynccontextmanager
async def running_bot(
    fake: FakeTelegram,
    *,
    db_path: Path,
    chats: ChatStore | None = None,
    index: SubscriptionIndex | None = None,
    search: ArticleSearch | None = None,
    articles: ArticleStore | None = None,
    feed_states: FeedStateStore | None = None,
    clock: Clock | None = None,
    client: httpx.AsyncClient | None = None,
    feeds: Sequence[str] = (),
    limits: CommandLimiter | None = None,
    **overrides: Any,
) -> AsyncIterator[BotUnderTest]:
    """Build and start the real Application against `fake`; stop it cleanly afterwards.

    `overrides` replace fields of the test settings (e.g. max_subscriptions=2); the other
    keyword arguments go to bot.app.build_services. Runs what `newsbot run` runs (post_init's
    setMyCommands and background services, post_stop's stopping, post_shutdown's closing)
    without run_polling's signal handling, which tests cannot use. The poller polls no
    feed unless `feeds` names some (tests poll by hand: `services.reader.poller`).
    """
    settings = e2e_settings(fake, db_path, **overrides)
    bot = build_bot(settings)
    services = build_services(
        settings,
        BotNotifier(bot),
        # On PostgreSQL (overrides database_url=...) every store not given comes from it.
        chats=chats if chats is not None or settings.database_url else MemoryChatStore(),
        articles=articles,
        feed_states=feed_states,
        index=index,
        search=search,
        clock=clock,
        client=client,
        feeds=feeds,
        limits=limits,
    )
    application = build_application(services, bot)
    await application.initialize()
    started = False
    try:
        await start_services(application)
        assert application.updater is not None
        await application.updater.start_polling(
            poll_interval=0, timeout=2, allowed_updates=list(ALLOWED_UPDATES)
        )
        await application.start()
        started = True
        yield BotUnderTest(fake, application, services, settings)
    finally:
        # Stop in this order even when the test failed, or shutdown hides the real error.
        if application.updater is not None and application.updater.running:
            await application.updater.stop()
        if application.running:
            await application.stop()
        if started:
            await stop_services(application)
        await application.shutdown()
        await close_stores(application)


@pytest.fixture
def fake_telegram() -> Iterator[FakeTelegram]:
    """A started FakeTelegram, stopped after the test."""
    with FakeTelegram() as fake:
        yield fake


@pytest.fixture
def feeds() -> Iterator[FeedServer]:
    """A started FeedServer (the feeds and pages the bot reads), stopped after the test."""
    with FeedServer() as server:
        yield server


STORES = ("memory", "postgresql")


@pytest.fixture(params=STORES)
async def bot(
    request: pytest.FixtureRequest, fake_telegram: FakeTelegram, tmp_path: Path
) -> AsyncIterator[BotUnderTest]:
    """The real Application running against `fake_telegram`, once per store: "memory" (an
    in-memory chat store, the other stores in files under tmp_path) and "postgresql" (every
    store from storage.postgres.open_stores on a throw-away database of this test's own,
    as the composition root opens them for NEWSBOT_DATABASE_URL; closed at shutdown)."""
    overrides: dict[str, Any] = {}
    if request.param == "postgresql":
        overrides["database_url"] = request.getfixturevalue("pg_url")
    async with running_bot(
        fake_telegram, db_path=tmp_path / "newsbot.json", **overrides
    ) as running:
        yield running
