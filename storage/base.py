"""The store's contracts: what the rest of Newsbot may ask of persistence.

Every implementation keeps these promises:
- a method returns only after its change is durable (on disk, crash-safe);
- all datetimes go in and come out timezone-aware, in UTC;
- methods are synchronous and thread-safe; each is fast enough to call from the
  event loop (a subscription write stays under 50 ms at 10,000 subscriptions);
- large, fast-changing data (articles, the outbox) lives apart from chats and
  subscriptions, so it never slows a subscription write.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence, Set
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Literal, Protocol, runtime_checkable

from bot.models import Article, Chat, FeedState, OutboxEntry, Subscription, UnsentSummary


@dataclass(frozen=True, slots=True)
class CheckedAdd:
    """What ChatStore.add_subscription_checked did."""

    outcome: Literal["added", "duplicate", "full"]
    subscription: Subscription | None  # the one added, or the stored duplicate; None if full
    number: int  # its position among the chat's subscriptions, oldest first (0 if full)


@dataclass(frozen=True, slots=True)
class FeedAdd:
    """What ChatStore.add_chat_feed did."""

    outcome: Literal["added", "known", "full", "all_full"]
    number: int  # the feed's position among the chat's own feeds (0 unless added or known)


@dataclass(frozen=True, slots=True)
class ChatUpdate:
    """What ChatStore.update_chat did: the chat as stored before and after (None: not
    stored). Equal when the change wrote nothing."""

    before: Chat | None
    after: Chat | None

    @property
    def changed(self) -> bool:
        return self.before != self.after


def refused_subscription(
    current: Sequence[Subscription], limit: int, same: Callable[[str], bool]
) -> CheckedAdd | None:
    """Why a checked add stores nothing, given the chat's subscriptions oldest first (its
    duplicate, or its limit reached), or None: what every store decides inside its step."""
    for number, existing in enumerate(current, 1):
        if same(existing.query):
            return CheckedAdd("duplicate", existing, number)
    return CheckedAdd("full", None, 0) if len(current) >= limit else None


def refused_feed(chat: Chat, url: str, limit: int) -> FeedAdd | None:
    """Why `url` is not added to the chat's own feeds (known, or the chat's limit), or None;
    the limit over every chat's feeds is the store's to count."""
    if url in chat.feeds:
        return FeedAdd("known", chat.feeds.index(url) + 1)
    return FeedAdd("full", 0) if len(chat.feeds) >= limit else None


def without_feed(chat: Chat, url: str) -> Chat | None:
    """The chat without `url` among its own feeds (/feeds only goes off with the last one),
    or None if the URL is not its."""
    if url not in chat.feeds:
        return None
    feeds = tuple(u for u in chat.feeds if u != url)
    return replace(chat, feeds=feeds, own_feeds_only=chat.own_feeds_only and bool(feeds))


class ChatStore(Protocol):
    """Chats with their settings and state, and their subscriptions."""

    def get_chat(self, chat_id: int) -> Chat | None:
        """The chat, or None if the bot has never stored it."""

    def save_chat(self, chat: Chat) -> None:
        """Insert the chat or replace the stored one with the same id: a whole write, for
        a new chat, migrations, bulk loads and tests. To change a stored chat's settings
        use `update_chat`: a read then save_chat undoes what others wrote in between."""

    def update_chat(self, chat_id: int, change: Callable[[Chat | None], Chat | None]) -> ChatUpdate:
        """Read the chat (None if not stored), apply `change`, store what it returns, as
        one step: no other update_chat, checked add or feed change of the same chat, in
        this process or in any other sharing the store, runs in between (PostgreSQL: one
        transaction holding the chat's row lock). `change` returning None or the chat as
        it was writes nothing; it must keep the id, be pure and fast (it runs inside the
        step, and must not call the store)."""

    def chats(self) -> list[Chat]:
        """Every stored chat."""

    def delete_chat(self, chat_id: int) -> None:
        """Forget the chat and all its subscriptions (no error if unknown)."""

    def migrate_chat(self, old_id: int, new_id: int) -> None:
        """Move the chat and its subscriptions to a new id (a group became a supergroup)."""

    def add_subscription(
        self, chat_id: int, query: str, thread_id: int | None = None
    ) -> Subscription:
        """Store a new subscription with a fresh id, unchecked (bulk loads, tests: commands
        use add_subscription_checked). `thread_id`: the forum topic it was made in (kept
        with it; None outside topics)."""

    def add_subscription_checked(
        self,
        chat_id: int,
        query: str,
        *,
        limit: int,
        same: Callable[[str], bool],
        thread_id: int | None = None,
    ) -> CheckedAdd:
        """Store a new subscription unless the chat has one whose stored query `same`
        accepts ("duplicate": that one is returned) or already has `limit` ("full").

        The check and the write are one step: no other checked add, and no migration, of
        the same chat runs in between, in this process or in any other sharing the
        store (PostgreSQL: one transaction holding the chat's row lock). `same` runs
        inside that step on each stored query: it must be pure and fast."""

    def add_chat_feed(self, chat_id: int, url: str, *, limit: int, total: int) -> FeedAdd:
        """Add `url` to the chat's own feeds (storing the chat if new) unless it is one of
        them ("known"), the chat has `limit` ("full"), or the URL is new to every chat and
        chats already add `total` distinct feeds ("all_full"). One step, as
        add_subscription_checked, holding every chat's feed additions off meanwhile;
        it changes only the chat's feeds, and `remove_chat_feed` likewise."""

    def remove_chat_feed(self, chat_id: int, url: str) -> Chat | None:
        """Take `url` out of the chat's own feeds (/feeds only goes off with the last
        one) in one step; the chat as stored then, or None if the URL was not its."""

    def remove_subscription(self, chat_id: int, subscription_id: int) -> Subscription | None:
        """Remove one subscription of the chat; the removed one, or None if it was not there."""

    def set_muted(self, chat_id: int, subscription_id: int, muted: bool) -> Subscription | None:
        """Mute or unmute one subscription; the updated one, or None if it was not there."""

    def subscriptions(self, chat_id: int) -> list[Subscription]:
        """The chat's subscriptions, oldest first."""

    def all_subscriptions(self) -> list[Subscription]:
        """Every subscription of every chat (to build the matching index at start-up)."""

    def subscriptions_by_id(self, ids: Iterable[int]) -> dict[int, Subscription]:
        """The stored subscriptions among these ids, by id (unknown ids are left out).

        What the alert pipeline asks for the subscriptions a batch matched: it costs the
        number of ids asked, not the number of subscriptions stored.
        """

    def close(self) -> None:
        """Release files; the store is not used afterwards."""


@dataclass(frozen=True, slots=True)
class NewArticles:
    """What one ArticleStore.add_new did."""

    stored: list[Article]  # the articles it stored: no one had stored their ids before
    others: list[Article]  # what other writers stored after the caller's position, in order
    mark: int  # the store's position after this step (covers `stored` and `others`)


# add_new's decision: given the articles other writers stored after the caller's mark, the
# caller's articles to store after all (bot.reading.pollsteps.settle).
Settle = Callable[[list[Article]], Sequence[Article]]


class ArticleStore(Protocol):
    """Articles the bot has read, kept for the retention period and up to a cap.

    Lives in a file of its own beside the main one, so article writes never slow a
    subscription write. `add` stores a whole batch (one poll) in one durable write.
    """

    def add(self, articles: Sequence[Article]) -> None:
        """Store the articles (replacing any with the same id) in one durable write."""

    def mark(self) -> int:
        """The store's position now: what is stored later comes after it (see add_new)."""

    def add_new(
        self, *, after: int, settle: Settle, stories: Set[str] = frozenset()
    ) -> NewArticles:
        """Store the caller's new articles, in one step that no other `add_new` on this
        store (no other instance) runs at the same time: it reads the articles other
        writers stored after the position `after`, asks `settle(those)` which of its
        articles to store after all (the caller drops or re-labels the ones those made
        known), and stores those whose id is not stored yet. What another instance stored
        first is never stored here again (an id already stored is left as it is).

        The stored articles whose id is in `stories` (new stories, not re-labelled by
        settle) wait to be handed on to the alert side: until `handed` says they were,
        `unhanded` gives them to whoever asks once they have waited long enough."""

    def handed(self, article_ids: Sequence[str]) -> None:
        """These new stories were handed on (their alerts are queued): no one takes them over."""

    def unhanded(self, *, older_than: timedelta, limit: int) -> list[Article]:
        """Take over up to `limit` new stories waiting longer than `older_than` to be handed
        on (the instance that stored them died first): they wait anew from now, for the
        caller to hand on and then call `handed`. Two callers never get the same story
        (`older_than` being far longer than a transaction: minutes)."""

    def get(self, article_id: str) -> Article | None:
        """The stored article with this id, or None."""

    def get_by_url(self, url: str) -> Article | None:
        """The stored article with this canonical URL, or None."""

    def recent(self, limit: int) -> list[Article]:
        """Up to `limit` articles, newest first (by publication, else first-seen time)."""

    def since(self, when: datetime) -> list[Article]:
        """Every article first seen at or after `when`, oldest first."""

    def prune(self, now: datetime) -> int:
        """Drop articles first seen before the retention period and beyond the cap; how many."""

    def __len__(self) -> int:
        """How many articles are stored."""

    def close(self) -> None:
        """Release files; the store is not used afterwards."""


class FeedStateStore(Protocol):
    """Per-feed polling state: caching headers, successes, failures, backoff."""

    def get(self, url: str) -> FeedState | None:
        """The feed's state, or None before its first poll."""

    def save(self, state: FeedState) -> None:
        """Insert or replace the feed's state, durably."""

    def all(self) -> list[FeedState]:
        """Every stored feed state."""

    def close(self) -> None:
        """Release files; the store is not used afterwards."""


@runtime_checkable
class FeedLeases(Protocol):
    """Which instance polls which feed now, and when each feed is due again.

    A feed is leased to one owner (a process: `bot.reading.leasing.instance_owner`) at a
    time, until `now + lease`. The owner renews the lease while its poll runs and releases
    it, with the feed's next due time, when the poll ends. A lease nobody renews (its
    instance died) expires, and the feed is claimed again by the next instance that asks.
    Times are the callers' clocks (aware, UTC): instances must agree on the time to well
    within a lease.
    """

    def claim(
        self, urls: Sequence[str], *, owner: str, now: datetime, lease: timedelta, limit: int
    ) -> list[str]:
        """Lease up to `limit` of these feeds to `owner`, until now + lease: feeds that are
        due (never polled, or their due time reached) and not leased (or their lease
        expired), the longest due first. Two claims at once never get the same feed. A
        due feed not among `urls` may be put back by one lease time (no one may be
        polling it). A sequence passed again must not have changed in place meanwhile."""

    def renew(
        self, urls: Sequence[str], *, owner: str, now: datetime, lease: timedelta
    ) -> list[str]:
        """Extend the owner's leases on these feeds to now + lease; the ones it still held."""

    def release(self, url: str, *, owner: str, next_due: datetime) -> bool:
        """End the owner's lease on the feed, due again at `next_due`; False (and nothing
        changed) when the owner no longer held it."""


class OutboxStore(Protocol):
    """Alerts to deliver, keyed by (chat id, story id): exactly one per chat per story.

    Lives in its own file beside the main one. Sent keys are remembered for the retention
    period, so a story arriving again (a second feed, a racing poll, a restart) is a no-op.
    """

    def enqueue(self, entries: Sequence[OutboxEntry]) -> list[OutboxEntry]:
        """Store the entries whose key is new, in one durable write; the ones stored."""

    def unsent(self) -> list[OutboxEntry]:
        """Entries not yet sent (pending, held, or sending), oldest first."""

    def unsent_chats(self) -> list[int]:
        """Chats with unsent entries, the one waiting longest first; costs O(such chats)."""

    def unsent_for(self, chat_id: int) -> list[OutboxEntry]:
        """The chat's unsent entries (pending, held, or sending), oldest first; costs
        O(its entries), not O(outbox)."""

    def unsent_counts(self) -> tuple[int, int]:
        """(unsent entries, chats they are for), without reading the entries: what the
        sender's backlog mode and /status look at."""

    def unsent_summary(self) -> UnsentSummary:
        """The unsent entries counted by status, and when the oldest pending one was
        queued (what /metrics shows: one aggregate, not the entries)."""

    def status(self, chat_id: int, story_id: str) -> str | None:
        """The entry's status (an OutboxStatus), or None if unknown."""

    def claim(self, keys: Sequence[tuple[int, str]]) -> list[tuple[int, str]]:
        """pending or held -> sending, for the keys still waiting (one conditional write:
        `WHERE status IN ('pending', 'held')`); the keys claimed. A key withdrawn, sent or
        claimed by another sender meanwhile is not. A claimed entry stays listed as unsent
        (its status "sending") and a withdrawal no longer changes it: it is in flight.

        Where several processes share the outbox, only the holder of the sender role
        claims (a store may fence the write with it). The embedded stores, with one
        process per file, keep "sending" in memory only: after a crash such an entry is
        pending again, as a takeover would make it.
        """

    def release(self, keys: Sequence[tuple[int, str]]) -> None:
        """sending -> pending (or held, if it was held), for the keys still sending: the
        send did not happen (a 429, an error) and the entry waits for another try."""

    def requeue_sending(self) -> int:
        """Every entry left "sending" goes back to pending (or held); how many. The sender
        calls it when it takes the role over: what its predecessor had in flight may or may
        not have reached Telegram, and is sent again (at most one message per chat)."""

    def mark(self, keys: Sequence[tuple[int, str]], *, status: str, at: datetime) -> None:
        """Record that these entries were sent (or given up: "failed"), in one durable write.
        Only unfinished entries change (a conditional write): a withdrawn, sent or failed
        entry keeps its status."""

    def withdraw(self, chat_id: int, subscription_id: int, *, at: datetime) -> list[OutboxEntry]:
        """Take the subscription's hits out of the chat's unsent entries, in one durable write.

        An entry left without hits becomes "withdrawn" (final, its key kept so the story is
        not queued for the chat again); the others keep the remaining subscriptions' hits.
        Returns the entries changed.
        """

    def migrate_chat(self, old_id: int, new_id: int) -> None:
        """Move the chat's entries to its new id (a group became a supergroup)."""

    def delete_chat(self, chat_id: int) -> None:
        """Forget every entry of the chat (/stop)."""

    def prune(self, before: datetime) -> int:
        """Drop entries sent, or queued, before `before`; how many."""

    def close(self) -> None:
        """Release files; the store is not used afterwards."""


class Role(Protocol):
    """A role one instance holds at a time (the sender's, the updates consumer's); the
    embedded store's is always held (storage.lock.SoleRole), PostgreSQL's is an advisory
    lock (storage.postgres.roles.AdvisoryLock)."""

    def acquire(self) -> bool:
        """Try to take the role, never waiting for it; True when this instance holds it."""

    def check(self) -> bool:
        """Whether the role is still held (may ask the server: call it off the event loop).
        A role found lost is dropped, and `acquire` may take it again later."""

    @property
    def held(self) -> bool:
        """Whether the role was held at the last acquire or check (no round trip)."""

    def release(self) -> None:
        """Give the role up (another instance may take it at once); also called when not
        held, at shutdown: close what the tries keep open."""
