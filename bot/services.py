"""The services object: every collaborator of a running bot, typed, built once.

bot/app.py (the composition root) builds it; handlers reach it through their typed PTB
context (handlers/context.py) and import this module, never the composition root.
Nothing here is replaced after construction: the object is frozen.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Protocol

import httpx

from bot.alerts.pipeline import AlertService
from bot.alerts.sender import Clock, Sender
from bot.chats.feeds import FeedService
from bot.chats.limits import CommandLimiter
from bot.chats.permissions import MemberCache
from bot.chats.status import StatusService
from bot.chats.subscriptions import ArticleSearch, SubscriptionService
from bot.config import Settings
from bot.i18n import SOURCE_LANGUAGE
from bot.matching.index import SubscriptionIndex
from bot.ops.metrics import Metrics
from bot.ops.server import OperatorServer
from storage.base import ArticleStore, ChatStore, FeedStateStore, OutboxStore

log = logging.getLogger(__name__)


class Poller(Protocol):
    """The feed poller as the reader runs it (bot.reading.poller.FeedPoller)."""

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


class Background(Protocol):
    """Something that runs beside the handlers while the bot runs (the alert sender, the
    reader): started after start-up, stopped gracefully before the stores close."""

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


class Reader:
    """The feed poller with the HTTP client it owns, as one background item."""

    def __init__(self, poller: Poller, client: httpx.AsyncClient) -> None:
        self.poller, self.client = poller, client

    async def start(self) -> None:
        await self.poller.start()

    async def stop(self) -> None:
        try:
            await self.poller.stop()
        finally:
            await self.client.aclose()


@dataclass(frozen=True, eq=False)
class Services:
    """Everything the bot is made of: stores, services, the index and the clock.

    reading → matching → alerts: `reader` polls the feeds into `articles` and hands new
    stories to `alerts`, which matches them with `index` and queues them in `outbox`;
    `sender` delivers them. The chat commands go through `subscriptions` (which keeps
    `index` in step and tells `alerts` what changed), `feeds` (each chat's own sources,
    which the reader polls too), `search` and `status`.
    """

    settings: Settings
    chats: ChatStore
    articles: ArticleStore
    feed_states: FeedStateStore
    outbox: OutboxStore
    index: SubscriptionIndex
    search: ArticleSearch
    sender: Sender
    alerts: AlertService
    subscriptions: SubscriptionService
    feeds: FeedService
    status: StatusService
    limits: CommandLimiter  # each chat's allowance of searching commands
    reader: Reader
    clock: Clock
    # Members' statuses Telegram told the admin check (handlers/permissions.py), kept 60 s.
    members: MemberCache = field(default_factory=lambda: MemberCache(clock=time.monotonic))
    # The languages of the replies (bot.i18n.languages(): English, then each catalogue).
    languages: tuple[str, ...] = (SOURCE_LANGUAGE,)
    # The bot's Prometheus metrics (a registry of its own) and the operator's server that
    # serves them with /healthz, when NEWSBOT_OPS_LISTEN asks for one.
    metrics: Metrics = field(default_factory=Metrics)
    operator: OperatorServer | None = None
    # What keeps `index` in step with the changes other instances make (storage/follow.py).
    follower: Background | None = None

    @property
    def background(self) -> tuple[Background, ...]:
        """What runs beside the handlers, in start order: the alert side (it runs the
        sender) before the reader, so stories found at once have somewhere to go. Stopped
        in the reverse order. The operator's server, if any, comes first and goes last:
        /healthz answers for as long as the bot runs."""
        items: tuple[Background, ...] = (self.alerts, self.reader)
        if self.follower is not None:
            items = (self.follower, *items)
        return items if self.operator is None else (self.operator, *items)

    async def start(self) -> None:
        """Start the background items."""
        for item in self.background:
            await item.start()

    async def stop(self) -> None:
        """Stop the background items, newest first; a failure does not stop the others."""
        for item in reversed(self.background):
            try:
                await item.stop()
            except Exception:
                log.exception("stopping %r failed", item)

    def close(self) -> None:
        """Close every store (the outbox and the article side first, the chats last).
        Closing a closed store does nothing, so a second call is harmless."""
        for close in (
            self.feed_states.close,
            self.articles.close,
            self.outbox.close,
            self.chats.close,
        ):
            try:
                close()
            except Exception:
                log.exception("closing a store failed")
