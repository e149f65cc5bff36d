"""Keeping a process's matching index in step with subscription changes made elsewhere.

Pure: what to read next from a change log whose sequence numbers may commit out of order
(`ChangeCursor`), and how the changed subscriptions' current rows change an index
(`apply_current`). The PostgreSQL follower (storage/postgres/follow.py) reads; the
embedded store has one process and nothing to follow (`StillIndex`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from bot.errors import QueryError
from bot.matching.query import Query, parse_query
from bot.models import Subscription
from storage.base import ChatStore

log = logging.getLogger(__name__)

# How long a missing sequence number is looked for again (seconds). A change's number is
# taken when its row is inserted and becomes visible when its transaction commits, so a
# later number can be seen first; the missing one is a change still committing, or one
# rolled back (or skipped by the sequence after a crash) that never comes. A change
# transaction lasts milliseconds: a minute is far beyond any, and forgetting bounds the list.
GAP_WAIT = 60.0
# At most this many missing numbers are looked for at once (the oldest are dropped first).
MAX_GAPS = 10_000
# The queries a follower indexes may be as long as any stored one (as at start-up).
MAX_QUERY_LENGTH = 10_000


@dataclass
class ChangeCursor:
    """Where a reader of the change log stands: every number up to `last` was read,
    except `gaps` (number → when first found missing), which are read again until they
    turn up or GAP_WAIT passes."""

    last: int = 0
    gaps: dict[int, float] = field(default_factory=dict)

    @classmethod
    def at(cls, start: int, seen: Iterable[int], now: float) -> ChangeCursor:
        """A cursor after reading the numbers `seen`, all above `start` (as at start-up:
        the recent numbers of a snapshot; the missing ones among them may still commit)."""
        cursor = cls(last=start)
        cursor.advance(seen, now)
        return cursor

    def advance(self, seqs: Iterable[int], now: float) -> None:
        """Note the numbers just read: those above `last` (every one of them, up to the
        highest, was read or is missing now) and any missing one that turned up."""
        read = set(seqs)
        for seq in read & self.gaps.keys():
            del self.gaps[seq]
        highest = max(read, default=self.last)
        if highest > self.last:
            for seq in range(max(self.last + 1, highest - MAX_GAPS), highest):
                if seq not in read:
                    self.gaps[seq] = now
            self.last = highest
        self.expire(now)

    def expire(self, now: float) -> None:
        """Forget the missing numbers looked for longer than GAP_WAIT, and the oldest
        beyond MAX_GAPS."""
        for seq in [s for s, since in self.gaps.items() if now - since > GAP_WAIT]:
            del self.gaps[seq]
        if len(self.gaps) > MAX_GAPS:
            for seq in sorted(self.gaps)[: len(self.gaps) - MAX_GAPS]:
                del self.gaps[seq]


class Index(Protocol):
    """What following needs of bot.matching.index.SubscriptionIndex."""

    def __contains__(self, key: object) -> bool: ...

    def query_of(self, key: int) -> str: ...

    def subscription_keys(self) -> list[int]: ...

    def add(self, key: int, query: Query) -> None: ...

    def remove(self, key: int) -> None: ...


@dataclass(frozen=True, slots=True)
class Applied:
    """What one batch of changes did to an index (subscription ids)."""

    added: tuple[int, ...] = ()
    removed: tuple[int, ...] = ()
    refused: tuple[int, ...] = ()  # stored queries that no longer parse: left out


def apply_current(index: Index, current: Mapping[int, str | None]) -> Applied:
    """Bring the index in line with the changed subscriptions' rows as they are now:
    subscription id → its query, or None when it is gone.

    Idempotent and indifferent to order: it applies states, not operations, so a change
    this process made itself (already in its index), a change read twice, or an older
    change read after a newer one leaves the index as the rows say. A mute or a move to
    another chat keeps the query: nothing to do here, because the alert side reads muted
    and chat_id from the store when it decides.
    """
    added, removed, refused = [], [], []
    for key, text in current.items():
        if text is None:
            if key in index:
                index.remove(key)
                removed.append(key)
            continue
        try:
            query = parse_query(text, max_length=MAX_QUERY_LENGTH)
        except QueryError:
            log.warning("subscription %s: stored query no longer parses: %r", key, text)
            if key in index:
                index.remove(key)
            refused.append(key)
            continue
        if key in index and index.query_of(key) == query.normalised:
            continue
        index.add(key, query)
        added.append(key)
    return Applied(tuple(added), tuple(removed), tuple(refused))


def apply_snapshot(
    index: Index, subscriptions: Iterable[Subscription], *, held: Iterable[int] | None = None
) -> Applied:
    """Bring the whole index in line with every stored subscription (a snapshot), as when
    the change log was pruned past what this process had read: what is stored and not
    indexed (or indexed with another query) is indexed, what is indexed and no longer
    stored is removed. Only the differences are parsed.

    `held`: the keys indexed when the snapshot was taken (by default, those indexed now),
    the only ones it may remove: a key indexed while the snapshot was being read is a
    change committed after it (this process's own /subscribe), which the log then has."""
    current: dict[int, str | None] = {}
    stored: set[int] = set()
    for sub in subscriptions:
        stored.add(sub.id)
        if sub.id not in index or index.query_of(sub.id) != sub.query:
            current[sub.id] = sub.query
    for key in index.subscription_keys() if held is None else held:
        if key not in stored and key in index:
            current[key] = None
    return apply_current(index, current)


# Told of a subscription removed or muted elsewhere: (chat id, subscription id).
Withdrawn = Callable[[int, int], None]
# Told of a subscription whose row is gone (removed on any instance), whether the index
# held it or not: its id. The process's own service keeps a late add of it out
# (bot.chats.subscriptions.SubscriptionService.keep_out).
Removed = Callable[[int], None]


class Follower(Protocol):
    """What keeps a process's index in step with the store: `snapshot` reads every
    subscription (and notes where the change log stood), `follow` names the index built
    from it, who hears of subscriptions removed or muted (their queued alerts do not go)
    and who hears of subscriptions removed (a late add of one stays out); `start` and
    `stop` run while the bot runs (bot.services.Background)."""

    def snapshot(self) -> list[Subscription]: ...

    def follow(
        self, index: Index, *, withdrawn: Withdrawn | None = None, removed: Removed | None = None
    ) -> None: ...

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


class StillIndex:
    """The embedded store's follower: one process makes every change and updates its own
    index, so there is nothing to follow."""

    def __init__(self, chats: ChatStore) -> None:
        self.chats = chats

    def snapshot(self) -> list[Subscription]:
        return self.chats.all_subscriptions()

    def follow(
        self, index: Index, *, withdrawn: Withdrawn | None = None, removed: Removed | None = None
    ) -> None:
        pass

    async def start(self) -> None:
        pass

    async def stop(self) -> None:
        pass
