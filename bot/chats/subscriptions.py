"""What the chat commands decide about chats and subscriptions: limits, duplicates, removal.

A service over the `ChatStore`, the query parser, the matching index and the stored
articles; what the alert side must hear of a change (a chat forgotten, a subscription
removed or muted, a chat that wrote again, new delivery settings) goes to the `ChatEvents`
given at construction. It returns result values; the Telegram edge formats them.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from bot.errors import QueryError
from bot.matching.compiled import Compiled, compile_terms
from bot.matching.index import SubscriptionIndex
from bot.matching.lexicon import load_lexicon
from bot.matching.query import Query, parse_query
from bot.matching.query import hints as query_hints
from bot.models import Article, Chat, ChatKind, Sources, Subscription
from storage.base import ChatStore

LATEST_LIMIT = 5
# How many removed subscriptions `add_to_index` keeps out of the index (ids, ~100 bytes each).
REMEMBERED = 100_000

log = logging.getLogger(__name__)


class ChatEvents(Protocol):
    """What the alert side (bot.alerts.pipeline.AlertService) hears of chat changes."""

    def forget_chat(self, chat_id: int) -> None:
        """/stop: drop the chat's queued and sent alerts."""

    def withdraw(self, chat_id: int, subscription_id: int) -> None:
        """A subscription was removed or muted: its queued alerts do not go."""

    def chat_wrote(self, chat_id: int) -> None:
        """A chat marked blocked wrote again: look at its waiting alerts again."""

    def settings_changed(self, chat_id: int) -> None:
        """The chat's delivery settings changed: held alerts may be due now."""


class NoEvents:
    """ChatEvents that nobody listens to (a service without an alert side)."""

    def forget_chat(self, chat_id: int) -> None:
        pass

    def withdraw(self, chat_id: int, subscription_id: int) -> None:
        pass

    def chat_wrote(self, chat_id: int) -> None:
        pass

    def settings_changed(self, chat_id: int) -> None:
        pass


@dataclass(frozen=True, slots=True)
class DryRun:
    """How many of the recently stored articles a query would have matched."""

    matched: int
    scanned: int
    newest: Article | None = None  # the newest of the matched articles, shown as an example


class ArticleSearch(Protocol):
    """Stored articles searched with queries: the seam for dry runs and /latest."""

    def dry_run(self, query: Query) -> DryRun:
        """Matches of the query among the recently stored articles."""

    def latest(
        self,
        queries: Sequence[Query],
        *,
        limit: int,
        sees: Callable[[str], bool] | None = None,
    ) -> list[Article]:
        """The newest stored articles matching any of the queries, newest first; only
        those read from a feed `sees` accepts (the chat's sources), when given."""


# -- results -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Subscribed:
    subscription: Subscription
    number: int  # its position in /list
    dry_run: DryRun | None  # None until stored articles can be searched
    ignored: tuple[str, ...] = ()  # words of the query with nothing to look for ("&")
    hints: tuple[str, ...] = ()  # warnings about the query (a lower-case "or", "the")
    # With `subscribe(..., index=False)`: its terms compiled there, for `add_to_index`.
    compiled: Compiled | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class AlreadySubscribed:
    subscription: Subscription
    number: int


@dataclass(frozen=True, slots=True)
class InvalidQuery:
    reason: str  # one line, from the parser


@dataclass(frozen=True, slots=True)
class LimitReached:
    limit: int


@dataclass(frozen=True, slots=True)
class Unsubscribed:
    subscription: Subscription


@dataclass(frozen=True, slots=True)
class NotSubscribed:
    what: str  # the text or number the user gave
    count: int  # how many subscriptions the chat has (for "there are only N")


@dataclass(frozen=True, slots=True)
class Latest:
    articles: tuple[Article, ...]
    topic: str | None  # the normalised topic, or None for "the chat's subscriptions"
    searchable: bool  # False while there is no article store to search


@dataclass(frozen=True, slots=True)
class NothingToFollow:
    """/latest without a topic in a chat that has no subscriptions."""


SubscribeResult = Subscribed | AlreadySubscribed | InvalidQuery | LimitReached
UnsubscribeResult = Unsubscribed | NotSubscribed | InvalidQuery
LatestResult = Latest | InvalidQuery | NothingToFollow


class SubscriptionService:
    """The rules of /subscribe, /unsubscribe, /list, /pause, /resume, /stop and /latest."""

    def __init__(
        self,
        store: ChatStore,
        *,
        max_subscriptions: int,
        max_query_length: int,
        index: SubscriptionIndex | None = None,
        search: ArticleSearch | None = None,
        events: ChatEvents | None = None,
        sources: Callable[[int], Sources] | None = None,
    ) -> None:
        self.store = store
        # The feeds each chat sees (/feeds); None: every chat sees every feed.
        self.sources = sources
        self.max_subscriptions = max_subscriptions
        self.max_query_length = max_query_length
        self.index = index
        self.search = search
        # The alert side: it forgets a chat with /stop, withdraws the queued alerts of a
        # subscription removed or muted, and looks again at a chat that wrote or changed
        # its delivery settings.
        self.events: ChatEvents = events if events is not None else NoEvents()
        # The subscriptions removed, here or (on PostgreSQL, told by the follower through
        # `keep_out`) on another instance, whether or not the index held them: the edge's
        # `add_to_index`, which comes after the store's write in a thread, must not bring
        # one back. Ids are never reused, and the add may come after another hand indexed
        # it (the follower indexes this instance's own changes too, and may do so between
        # the write and the add), so every removal is remembered, not only one of a
        # subscription not indexed yet; the latest REMEMBERED (an add comes milliseconds
        # after its write). Only the event loop reads and writes it (the edge's adds and
        # removals, the follower's task): no lock.
        self._removed: OrderedDict[int, None] = OrderedDict()

    # -- chats ---------------------------------------------------------------------------

    def touch_chat(self, chat_id: int, kind: ChatKind = ChatKind.PRIVATE, title: str = "") -> Chat:
        """The chat, stored if new; a chat marked blocked becomes active again (it wrote)."""
        self.reactivate(chat_id)
        chat = self.store.get_chat(chat_id)
        if chat is not None and chat.kind == kind and chat.title == title:
            return chat  # nothing changed: no write on every command
        after = self.store.update_chat(
            chat_id, lambda c: replace(c or Chat(id=chat_id), kind=kind, title=title)
        ).after
        assert after is not None  # the change always returns a chat
        return after

    def needs_saving(
        self, chat_id: int, kind: ChatKind = ChatKind.PRIVATE, title: str = ""
    ) -> bool:
        """Whether `touch_chat` would write: the chat is new or its kind or title changed.
        A read only: the edge asks on the event loop and writes off it only when needed."""
        chat = self.store.get_chat(chat_id)
        return chat is None or chat.kind != kind or chat.title != title

    def reactivate(self, chat_id: int) -> bool:
        """A chat the sender marked blocked (403) wrote to the bot: it can hear us again,
        and its waiting alerts are looked at again. False when there was nothing to do.

        The one way back for a blocked chat: every message from it comes through here.
        """
        chat = self.store.get_chat(chat_id)
        if chat is None or chat.active:
            return False  # a read only, on every message
        if not self.store.update_chat(chat_id, lambda c: _with(c, active=True)).changed:
            return False
        self.events.chat_wrote(chat_id)
        log.info("chat %s wrote again: active", chat_id)
        return True

    def deactivate(self, chat_id: int) -> bool:
        """The bot was removed from the chat (or the channel): nothing more is sent there;
        subscriptions are kept for when it comes back. False when there was nothing to do."""
        if not self.store.update_chat(chat_id, lambda c: _with(c, active=False)).changed:
            return False
        log.info("removed from chat %s: inactive", chat_id)
        return True

    def manage(self, chat_id: int, channel_id: int | None) -> None:
        """From now on the private chat's commands change the channel (None: itself)."""
        self.store.update_chat(
            chat_id,
            lambda c: (
                c
                if (c.manages if c else None) == channel_id
                else replace(c or Chat(id=chat_id), manages=channel_id)
            ),
        )

    def chat(self, chat_id: int, kind: ChatKind = ChatKind.PRIVATE) -> Chat:
        """The stored chat, or a new one with default settings (not stored by this)."""
        return self.store.get_chat(chat_id) or Chat(id=chat_id, kind=kind)

    def save_settings(self, chat: Chat, change: Callable[[Chat], Chat]) -> Chat:
        """Change the chat's delivery settings (/digest, /timezone, /quiet, /settings,
        /language) as stored now (`chat` if not stored yet), in one step: a setting or
        feed another admin changed meanwhile is kept. The chat as stored after. Held
        alerts may be due now (e.g. /digest off), so the alert side looks again."""
        after = self.store.update_chat(chat.id, lambda c: change(c or chat)).after
        assert after is not None  # the change always returns a chat
        self.events.settings_changed(chat.id)
        return after

    def set_paused(self, chat_id: int, paused: bool) -> bool:
        """Pause or resume pushes; False when the chat already was in that state."""
        if not self.store.update_chat(
            chat_id,
            lambda c: (
                c
                if c is not None and c.paused == paused
                else replace(c or Chat(id=chat_id), paused=paused)
            ),
        ).changed:
            return False
        self.events.settings_changed(chat_id)  # the sender's cached chat is stale now
        return True

    def forget_chat(self, chat_id: int) -> int:
        """Delete everything stored about the chat; the number of subscriptions dropped."""
        subscriptions = self.store.subscriptions(chat_id)
        self.store.delete_chat(chat_id)
        if self.index is not None:
            for subscription in subscriptions:
                self._unindex(subscription.id)
        self.events.forget_chat(chat_id)
        return len(subscriptions)

    # -- subscriptions -------------------------------------------------------------------

    def subscriptions(self, chat_id: int) -> list[Subscription]:
        """The chat's subscriptions in /list order (oldest first)."""
        return self.store.subscriptions(chat_id)

    def subscribe(
        self,
        chat_id: int,
        text: str,
        *,
        dry_run: bool = True,
        thread_id: int | None = None,
        index: bool = True,
    ) -> SubscribeResult:
        """Add a subscription unless the query is malformed, a duplicate or over the limit.

        `dry_run=False` leaves the search of stored articles to `with_dry_run`, which the
        Telegram edge runs off the event loop. `thread_id`: the forum topic it is made in,
        where its alerts go; a query the chat already follows in another topic is a
        duplicate (one alert per chat per story). `index=False` leaves adding it to the
        matching index to `add_to_index`: the edge stores the subscription (a durable
        write) and compiles its terms (`Subscribed.compiled`, most of the indexing's CPU)
        in a thread, and changes the index on the event loop, its one writer.
        """
        try:
            query = parse_query(text, max_length=self.max_query_length)
        except QueryError as exc:
            return InvalidQuery(str(exc))
        # One step in the store: another chat's command (two admins of a channel, an
        # /import beside a /subscribe), in this instance or another, cannot add to this
        # chat between the check of its limit and duplicates and the write.
        key = query.key
        done = self.store.add_subscription_checked(
            chat_id,
            query.normalised,
            limit=self.max_subscriptions,
            same=lambda stored: _key(stored) == key,
            thread_id=thread_id,
        )
        if done.subscription is None:
            return LimitReached(self.max_subscriptions)
        if done.outcome == "duplicate":
            return AlreadySubscribed(done.subscription, done.number)
        subscription = done.subscription
        if self.index is not None and index:
            self.index.add(subscription.id, query)
        hints = query_hints(query, load_lexicon().zipf)
        compiled = compile_terms(query) if self.index is not None and not index else None
        result = Subscribed(subscription, done.number, None, query.ignored, hints, compiled)
        return self.with_dry_run(result, query) if dry_run else result

    def subscribe_unindexed(
        self, chat_id: int, texts: Sequence[str], *, thread_id: int | None = None
    ) -> tuple[list[SubscribeResult], Exception | None]:
        """`subscribe(..., index=False, dry_run=False)` each text in turn (the edge runs
        this in a thread), until one raises: the results so far and the error. The edge
        gives every stored one to `add_to_index` before it reports the error, so a store
        failing halfway through a list leaves none of those already stored unmatched."""
        results: list[SubscribeResult] = []
        for text in texts:
            try:
                results.append(
                    self.subscribe(chat_id, text, dry_run=False, thread_id=thread_id, index=False)
                )
            except Exception as exc:
                return results, exc
        return results, None

    def add_to_index(self, subscription: Subscription, compiled: Compiled | None = None) -> None:
        """Match a subscription stored by `subscribe(..., index=False)` from now on
        (`compiled`: its `Subscribed.compiled`; without, its terms are compiled here)."""
        if subscription.id in self._removed:
            return
        query = _parse_stored(subscription.query)
        if self.index is not None and query is not None:
            self.index.add(subscription.id, query, compiled)

    def with_dry_run(self, result: Subscribed, query: Query | None = None) -> Subscribed:
        """The result with its dry run over the stored articles (costs CPU: thread-safe,
        it only reads). `query` defaults to the stored, normalised query."""
        if self.search is None:
            return result
        if query is None:
            query = _parse_stored(result.subscription.query)
            if query is None:
                return result
        return replace(result, dry_run=self.search.dry_run(query))

    def unsubscribe(self, chat_id: int, text: str) -> UnsubscribeResult:
        """Remove the subscription named by its /list number or by its query text."""
        current = self.store.subscriptions(chat_id)
        wanted = text.strip().removeprefix("#")
        target: Subscription | None = None
        if wanted.isdigit():
            number = int(wanted)
            if 1 <= number <= len(current):
                target = current[number - 1]
        else:
            try:
                key = parse_query(wanted, max_length=max(self.max_query_length, len(wanted))).key
            except QueryError as exc:
                return InvalidQuery(str(exc))
            target = next((s for s in current if _key(s.query) == key), None)
        if target is None:
            return NotSubscribed(text.strip(), len(current))
        return self.remove(chat_id, target.id) or NotSubscribed(text.strip(), len(current))

    def remove(self, chat_id: int, subscription_id: int) -> Unsubscribed | None:
        """Remove one subscription by id (the inline buttons); None if it was not there."""
        removed = self.store.remove_subscription(chat_id, subscription_id)
        if removed is None:
            return None
        if self.index is not None:
            self._unindex(removed.id)
        self._withdraw(chat_id, removed.id)
        return Unsubscribed(removed)

    def set_muted(self, chat_id: int, subscription_id: int, muted: bool) -> Subscription | None:
        """Mute or unmute one subscription (the alert buttons); None if it was not there.

        Muting also withdraws its queued alerts; unmuting does not bring them back.
        """
        changed = self.store.set_muted(chat_id, subscription_id, muted)
        if changed is not None and muted:
            self._withdraw(chat_id, subscription_id)
        return changed

    def _unindex(self, subscription_id: int) -> None:
        """Out of the index (if there: stored but not indexed yet, or its query no longer
        parses, it is not), and kept out of it (`keep_out`)."""
        assert self.index is not None
        if subscription_id in self.index:
            self.index.remove(subscription_id)
        self.keep_out(subscription_id)

    def keep_out(self, subscription_id: int) -> None:
        """A removed subscription (its row gone: removed here, or on another instance as
        the follower read it) that a late `add_to_index` must not index. On the loop."""
        removed = self._removed
        removed[subscription_id] = None
        if len(removed) > REMEMBERED:
            removed.popitem(last=False)

    def _withdraw(self, chat_id: int, subscription_id: int) -> None:
        try:
            self.events.withdraw(chat_id, subscription_id)
        except Exception:  # the removal or mute itself stands; say so in the log
            log.exception(
                "could not withdraw queued alerts of subscription %s in chat %s",
                subscription_id,
                chat_id,
            )

    # -- reading -------------------------------------------------------------------------

    def latest(self, chat_id: int, topic: str, *, limit: int = LATEST_LIMIT) -> LatestResult:
        """The newest stored articles for the topic, or for the chat's own subscriptions."""
        if topic.strip():
            try:
                query = parse_query(topic, max_length=self.max_query_length)
            except QueryError as exc:
                return InvalidQuery(str(exc))
            queries, shown = [query], query.normalised
        else:
            parsed = (_parse_stored(s.query) for s in self.store.subscriptions(chat_id))
            queries = [q for q in parsed if q is not None]
            if not queries:
                return NothingToFollow()
            shown = None
        if self.search is None:
            return Latest((), shown, searchable=False)
        if self.sources is None:
            found = self.search.latest(queries, limit=limit)
        else:
            found = self.search.latest(queries, limit=limit, sees=self.sources(chat_id).sees)
        return Latest(tuple(found), shown, searchable=True)


def _parse_stored(text: str) -> Query | None:
    # Stored queries were parsed once already; a later, stricter parser must not crash us.
    try:
        return parse_query(text, max_length=max(len(text), 1))
    except QueryError:
        log.warning("stored query no longer parses: %r", text)
        return None


def _key(stored: str) -> str:
    query = _parse_stored(stored)
    return query.key if query is not None else stored.casefold()


def _with(chat: Chat | None, *, active: bool) -> Chat | None:
    """A stored chat marked active or not (an unknown chat stays unknown)."""
    return chat if chat is None else replace(chat, active=active)
