"""Deciding who gets which alert (pure: no I/O, no Telegram).

`decide_alerts` turns new stories and the matcher's results into outbox entries, one
per (chat, story); `plan_chat` says what to send a chat now (bot.alerts.format builds it).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Protocol

from bot.alerts.schedule import is_held, release
from bot.models import Article, Chat, Hit, OutboxEntry, OutboxStatus, Sources, Story, Subscription

log = logging.getLogger(__name__)

# This many alerts ready at once for one chat go out as one combined message.
BURST_SIZE = 3
# When the queue outgrows what Telegram's pace drains within BACKLOG_SECONDS (a minute:
# 1,800 alerts at 30 a second), every chat gets one message combining what is ready for
# it (two or more alerts), oldest first, rather than one message per story: the backlog
# then takes one message per chat waiting, not one per alert.
BACKLOG_SECONDS = 60.0
BACKLOG_BURST = 2


class MatchedTermLike(Protocol):
    """What the alert needs of bot.matching.index.MatchedTerm."""

    @property
    def label(self) -> str: ...


class MatchLike(Protocol):
    """What the alert needs of bot.matching.index.Match: the subscription id and the terms."""

    @property
    def key(self) -> int: ...

    @property
    def terms(self) -> Sequence[MatchedTermLike]: ...


def decide_alerts(
    articles: Sequence[Article],
    matches: Mapping[str, Sequence[MatchLike]],
    subscriptions: Mapping[int, Subscription],
    chats: Mapping[int, Chat],
    *,
    now: datetime,
    max_age: timedelta | None = None,
    sources: Mapping[int, Sources] | None = None,
) -> list[OutboxEntry]:
    """Outbox entries for new stories: one per (chat, story), listing every matched term.

    `matches` maps an article id to the matcher's results (keys are subscription ids).
    A subscription alerts only for stories first seen after it was made; muted
    subscriptions, paused chats and inactive (blocked) chats produce nothing. A story
    published more than `max_age` ago alerts nobody: the outbox forgets what it sent after
    that long, so such a story (an old entry a feed still lists, read again after the
    article store forgot it) could otherwise be alerted a second time.

    `sources` (by chat id) says which feeds each chat's subscriptions see: an article read
    from a feed the chat does not see alerts nobody there. A story carried by several
    feeds comes here once per feed that carried it (the story id stays the first feed's),
    so a chat that sees only the second feed is alerted from it; the outbox's one entry per
    (chat, story) keeps a chat that saw both from a second alert. A chat missing from
    `sources` sees every feed.
    """
    entries: dict[tuple[int, str], OutboxEntry] = {}
    for article in articles:
        published = article.published
        if max_age is not None and published is not None and now - published > max_age:
            continue
        story = Story.from_article(article)
        for match in matches.get(article.id, ()):
            sub = subscriptions.get(match.key)
            if sub is None or sub.muted:
                continue
            if not isinstance(sub.created, datetime):  # the store sets such records aside
                log.warning(
                    "subscription %s: created is %r, not a time: skipped", sub.id, sub.created
                )
                continue
            if article.seen < sub.created:
                continue
            chat = chats.get(sub.chat_id) or Chat(id=sub.chat_id)
            if chat.paused or not chat.active:
                continue
            seen = sources.get(chat.id) if sources is not None else None
            if seen is not None and not seen.sees(article.feed):
                continue
            labels = tuple(dict.fromkeys(t.label for t in match.terms))
            hold = is_held(chat, now)
            entry = OutboxEntry(
                chat_id=chat.id,
                story=story,
                hits=(Hit(sub.id, sub.query, labels),),
                created=now,
                status=OutboxStatus.HELD if hold else OutboxStatus.PENDING,
                hold=hold,
                thread_id=sub.thread_id,
            )
            known = entries.get(entry.key)
            entries[entry.key] = known.merged(entry) if known else entry
    return list(entries.values())


class DeliveryKind(StrEnum):
    """The kind of message a Delivery sends (or that it waits)."""

    SINGLE = "single"  # one alert
    BURST = "burst"  # several instant alerts ready at once, as one list
    DIGEST = "digest"  # the chat's /digest
    QUIET = "quiet"  # what quiet hours held, when they end
    WAIT = "wait"  # nothing now: look again at `wait` (or when woken)


@dataclass(frozen=True, slots=True)
class Delivery:
    """What to send one chat now: `entries` as one `kind` of message, or wait until `wait`."""

    kind: DeliveryKind
    entries: tuple[OutboxEntry, ...] = ()
    wait: datetime | None = None


def plan_chat(
    chat: Chat, entries: Sequence[OutboxEntry], now: datetime, *, burst: int = BURST_SIZE
) -> Delivery:
    """What to send the chat now from its unsent entries (oldest first), or when to look again.

    Paused and inactive chats wait (entries are kept, not dropped). Digest and quiet-hour
    holds are released together as one digest; several instant alerts ready at once
    (`burst` or more: BURST_SIZE, or BACKLOG_BURST while the queue is a backlog) are
    combined; otherwise the oldest goes alone. A message goes to one forum topic: only
    entries of the oldest ready entry's topic are planned together, the other topics'
    turn comes next.
    """
    if not entries or chat.paused or not chat.active:
        return Delivery(DeliveryKind.WAIT)
    ready: list[OutboxEntry] = []
    kinds: set[str] = set()
    wait: datetime | None = None
    for entry in entries:
        due = release(chat, entry.created, now)
        if due.at <= now:
            if ready and entry.thread_id != ready[0].thread_id:
                continue
            ready.append(entry)
            kinds.add(due.kind)
        elif wait is None or due.at < wait:
            wait = due.at
    if not ready:
        return Delivery(DeliveryKind.WAIT, wait=wait)
    if "digest" in kinds:
        return Delivery(DeliveryKind.DIGEST, tuple(ready))
    if "quiet" in kinds:
        return Delivery(DeliveryKind.QUIET, tuple(ready))
    if len(ready) >= burst:
        return Delivery(DeliveryKind.BURST, tuple(ready))
    return Delivery(DeliveryKind.SINGLE, (ready[0],))


@dataclass(frozen=True, slots=True)
class Backlog:
    """The outbox's queue against the sender's pace: whether it is a backlog, and how long
    it takes to drain (at least: per-chat limits and digests may make it longer)."""

    entries: int  # alerts not yet sent
    chats: int  # chats they are for
    pace: float  # messages a second over all chats (30; paid broadcasts up to 1,000)

    @property
    def combining(self) -> bool:
        """Whether one message per alert would take more than BACKLOG_SECONDS: then each
        chat gets its alerts combined (BACKLOG_BURST)."""
        return self.entries > BACKLOG_SECONDS * self.pace

    @property
    def burst(self) -> int:
        """The `burst` of plan_chat now."""
        return BACKLOG_BURST if self.combining else BURST_SIZE

    @property
    def messages(self) -> int:
        """Messages still to send: one per chat while combining, else one per alert."""
        return self.chats if self.combining else self.entries

    @property
    def drain_seconds(self) -> float:
        """Expected seconds until the queue is sent, at the pace."""
        return self.messages / self.pace if self.pace > 0 else float("inf")
