"""From new stories to queued alerts: match, decide, store durably, wake the sender.

`AlertService.on_new_stories` is what the feed poller's `on_new` calls. It calls its
dependencies and does not decide (bot.alerts.decide decides); nothing is sent before the
entries are on disk.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Protocol

from bot.alerts.decide import MatchLike, decide_alerts
from bot.alerts.sender import Sender
from bot.matching.document import Document
from bot.models import UNSENT, Article, Chat, OutboxEntry, Sources, utcnow
from storage.base import ChatStore, OutboxStore

log = logging.getLogger(__name__)

# How often a running bot forgets outbox entries past the retention period. The outbox
# grows only when alerts are queued, so pruning rides on that path (no timer needed).
PRUNE_EVERY = timedelta(hours=1)
PRUNE_MARGIN = timedelta(days=1)


class Matcher(Protocol):
    """What the service needs of bot.matching.index.SubscriptionIndex: the matches of a
    prepared story."""

    def match(self, doc: Document) -> Sequence[MatchLike]: ...


class AlertService:
    """Turns the poller's new stories into durable outbox entries and wakes the sender.

    Also the background item the app starts and stops: it runs the sender, and prunes
    the outbox to the retention period at start-up and then at most every PRUNE_EVERY
    as alerts are queued.
    """

    def __init__(
        self,
        *,
        index: Matcher,
        prepare: Callable[[Article], Document],
        chats: ChatStore,
        outbox: OutboxStore,
        sender: Sender,
        retention_days: float = 7.0,
        clock: Callable[[], datetime] = utcnow,
        chat_added: Callable[[], frozenset[str]] | None = None,
        chat_feeds: bool = True,
    ) -> None:
        self.index = index
        # The feeds chats added (not the operator's): a chat sees those only if it added
        # them (bot.models.Sources). None: every subscription sees every feed.
        self.chat_added = chat_added
        self.chat_feeds = chat_feeds
        self.prepare = prepare
        self.chats = chats
        self.outbox = outbox
        self.sender = sender
        self.retention_days = retention_days
        self.clock = clock
        self._lock = asyncio.Lock()  # two polls finishing together decide one after the other
        self._retry: list[Article] = []  # stories whose entries could not be stored yet
        self._pruned: datetime | None = None  # when the outbox was last pruned
        # Withdrawals and enqueueing exclude each other; a subscription muted or removed
        # while a batch is being decided (from a state read before) is noted in _late and
        # taken out of that batch before it is stored.
        self._gate = threading.Lock()
        self._deciding = False
        self._late: list[tuple[int, int]] = []

    async def on_new_stories(self, articles: Sequence[Article]) -> list[OutboxEntry]:
        """Match and queue alerts for new stories; the entries stored. Raises StorageError
        only after keeping the stories to retry with the next batch."""
        async with self._lock:
            batch = [*self._retry, *articles]
            self._retry = []
            if not batch:
                return []
            try:
                added = await asyncio.to_thread(self._queue, batch)
            except Exception:
                self._retry = batch[-1000:]  # bounded: a dead disk must not eat the memory
                raise
        if added:
            log.info("%d new stories: %d alerts queued", len(batch), len(added))
            self.sender.wake()
        if self._pruned is None or self.clock() - self._pruned >= PRUNE_EVERY:
            await asyncio.to_thread(self._prune_quietly)
        return added

    def _queue(self, articles: Sequence[Article]) -> list[OutboxEntry]:
        with self._gate:
            self._deciding = True
        try:
            entries = self._decide(articles)
            with self._gate:
                now = self.clock()
                for chat_id, subscription_id in self._late:
                    entries = [
                        e.without(subscription_id, now) if e.chat_id == chat_id else e
                        for e in entries
                    ]
                # Dropped rather than stored as withdrawn: as if decided a moment later.
                entries = [e for e in entries if e.status in UNSENT]
                return self.outbox.enqueue(entries) if entries else []
        finally:
            with self._gate:
                self._deciding = False
                self._late.clear()

    def _decide(self, articles: Sequence[Article]) -> list[OutboxEntry]:
        matches: dict[str, Sequence[MatchLike]] = {}
        for article in articles:
            found = self.index.match(self.prepare(article))
            if found:
                matches[article.id] = found
        if not matches:
            return []
        keys = {m.key for found in matches.values() for m in found}
        subscriptions = self.chats.subscriptions_by_id(keys)
        chat_ids = {s.chat_id for s in subscriptions.values()}
        chats = {c: chat for c in chat_ids if (chat := self.chats.get_chat(c)) is not None}
        sources = None
        if self.chat_added is not None:
            added = self.chat_added()
            sources = {
                c: Sources.of(chats.get(c) or Chat(id=c), added, chat_feeds=self.chat_feeds)
                for c in chat_ids
            }
        return decide_alerts(
            articles,
            matches,
            subscriptions,
            chats,
            now=self.clock(),
            max_age=timedelta(days=self.retention_days),
            sources=sources,
        )

    def forget_chat(self, chat_id: int) -> None:
        """/stop: drop the chat's queued and sent alerts."""
        self.outbox.delete_chat(chat_id)

    def withdraw(self, chat_id: int, subscription_id: int) -> None:
        """A subscription was muted or removed: its alerts still queued do not go.

        Entries of the chat lose that subscription's hit; one left with none becomes
        "withdrawn" and stays so (unmuting does not bring it back). Called on the event
        loop by SubscriptionService (this is its ChatEvents).
        """
        with self._gate:
            if self._deciding:
                self._late.append((chat_id, subscription_id))
            changed = self.sender.withdraw(chat_id, subscription_id)
        if changed:
            gone = sum(e.status == "withdrawn" for e in changed)
            log.info(
                "chat %s subscription %s: %d queued alerts withdrawn, %d keep other terms",
                chat_id,
                subscription_id,
                gone,
                len(changed) - gone,
            )

    def chat_wrote(self, chat_id: int) -> None:
        """The chat talked to the bot (it may have unblocked it): look at its alerts again."""
        self.sender.reactivate(chat_id)

    def settings_changed(self, chat_id: int) -> None:
        """The chat's delivery settings changed: held alerts may be due now."""
        self.sender.wake()

    def prune(self) -> int:
        """Forget outbox entries older than the retention period."""
        now = self.clock()
        self._pruned = now
        # A day beyond the article store's retention: an old entry its feed still lists is
        # read again as new right after the store forgets it, and must find its key here.
        return self.outbox.prune(now - timedelta(days=self.retention_days) - PRUNE_MARGIN)

    def _prune_quietly(self) -> None:
        try:
            gone = self.prune()
        except Exception:  # a failed prune only delays forgetting; alerts go on
            log.exception("pruning the outbox failed")
        else:
            if gone:
                log.info("outbox: forgot %d entries past the retention period", gone)

    async def start(self) -> None:
        self._prune_quietly()
        await self.sender.start()

    async def stop(self) -> None:
        await self.sender.stop()
