"""What /feeds decides: the sources a chat's subscriptions see, and the chat's own feeds.

A chat sees the operator's feeds and the feeds it added (`/feeds add URL`), or only its
own (`/feeds only`). Adding tries the feed once (a `Probe`, bot.reading.discovery) and
checks the limits before and after; the poller hears of every change (`on_change`).
Returns result values; bot/chats/replies.py words them.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace

from bot.errors import FeedError
from bot.models import Chat
from bot.reading.discovery import ProbedFeed
from storage.base import ChatStore

log = logging.getLogger(__name__)

Probe = Callable[[str], Awaitable[ProbedFeed]]
MAX_URL_LENGTH = 2000
ALL_FULL = "the bot follows as many feeds as it can: try again later"


def chat_feed_urls(store: ChatStore) -> list[str]:
    """Every feed some chat added, each once, in the order chats added them."""
    return list(dict.fromkeys(url for chat in store.chats() for url in chat.feeds))


def feed_key(url: str) -> str:
    """A short stable key for a feed URL, for buttons (callback data holds 64 bytes)."""
    return hashlib.sha1(url.encode("utf-8"), usedforsecurity=False).hexdigest()[:12]


def normalise_url(text: str) -> str:
    """A URL as typed, with https:// added when no scheme was given; ValueError if none."""
    url = text.strip().strip("<>")
    if not url or any(c.isspace() for c in url):
        raise ValueError("give one URL, e.g. /feeds add https://example.com/rss")
    if len(url) > MAX_URL_LENGTH:
        raise ValueError(f"that URL is longer than {MAX_URL_LENGTH} characters")
    if not re.match(r"^[a-z][a-z0-9+.-]*://", url, re.IGNORECASE):
        url = "https://" + url
    if not url.lower().startswith(("http://", "https://")):
        raise ValueError("only http and https feeds can be added")
    return url


# -- results -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FeedLine:
    url: str
    title: str  # "" when the feed was never read


@dataclass(frozen=True, slots=True)
class FeedList:
    operator: tuple[FeedLine, ...]
    own: tuple[FeedLine, ...]  # numbered in /feeds
    only: bool  # /feeds only is on
    enabled: bool  # chats may add feeds (NEWSBOT_CHAT_FEEDS)


@dataclass(frozen=True, slots=True)
class FeedAdded:
    url: str
    title: str
    entries: int
    number: int  # its number in /feeds


@dataclass(frozen=True, slots=True)
class FeedKnown:
    """The feed is already one the chat sees."""

    url: str
    number: int  # its number among the chat's own feeds, 0 for an operator feed


@dataclass(frozen=True, slots=True)
class FeedRefused:
    reason: str  # one line


@dataclass(frozen=True, slots=True)
class FeedRemoved:
    url: str
    title: str


@dataclass(frozen=True, slots=True)
class ScopeChanged:
    only: bool
    changed: bool  # False: it already was so


AddResult = FeedAdded | FeedKnown | FeedRefused
RemoveResult = FeedRemoved | FeedRefused
ScopeResult = ScopeChanged | FeedRefused


class FeedService:
    """The rules of /feeds: list, add (tried once, within the limits), remove, only/all."""

    def __init__(
        self,
        store: ChatStore,
        *,
        probe: Probe,
        operator_feeds: Sequence[str],
        titles: Callable[[str], str] = lambda url: "",
        enabled: bool = True,
        max_per_chat: int = 20,
        max_feeds: int = 1000,
        on_change: Callable[[], None] = lambda: None,
    ) -> None:
        self.store = store
        self.probe = probe
        self.operator_feeds = tuple(operator_feeds)
        self._operator = frozenset(self.operator_feeds)
        self.titles = titles  # a feed's title as the poller last read it
        self.enabled = enabled
        self.max_per_chat = max_per_chat
        self.max_feeds = max_feeds
        self.on_change = on_change  # the poller reads the chats' feeds again

    def chat(self, chat_id: int) -> Chat:
        return self.store.get_chat(chat_id) or Chat(id=chat_id)

    def sources(self, chat_id: int) -> FeedList:
        """What /feeds shows: the operator's feeds and the chat's own."""
        chat = self.chat(chat_id)
        own = chat.feeds if self.enabled else ()
        return FeedList(
            operator=tuple(FeedLine(u, self.titles(u)) for u in self.operator_feeds),
            own=tuple(FeedLine(u, self.titles(u)) for u in own),
            only=chat.own_feeds_only and bool(own),
            enabled=self.enabled,
        )

    async def add(self, chat_id: int, text: str) -> AddResult:
        """Add a feed (or the feed a page announces) after reading it once."""
        try:
            url = normalise_url(text)
        except ValueError as exc:
            return FeedRefused(str(exc))
        early = self._check(chat_id, url)
        if early is not None:
            return early
        try:
            found = await self.probe(url)
        except FeedError as exc:
            return FeedRefused(f"could not read it as a feed: {exc.reason}")
        if found.entries == 0:
            return FeedRefused("that feed has no entries")
        # Checked again: the chat (or another) may have added feeds while this one loaded.
        late = self._check(chat_id, found.url)
        if late is not None:
            return late
        # And once more in the store, in one step with the write: another chat's /feeds
        # add (two admins of a channel, an /import), here or in another instance, may
        # have added one since.
        done = self.store.add_chat_feed(
            chat_id, found.url, limit=self.max_per_chat, total=self.max_feeds
        )
        if done.outcome == "known":
            return FeedKnown(found.url, done.number)
        if done.outcome == "full":
            return FeedRefused(self._chat_full())
        if done.outcome == "all_full":
            return FeedRefused(ALL_FULL)
        log.info("chat %s added feed %s", chat_id, found.url)
        self._changed()
        return FeedAdded(found.url, found.title, found.entries, done.number)

    def _check(self, chat_id: int, url: str) -> FeedKnown | FeedRefused | None:
        """Why `url` cannot be added now, or None."""
        if not self.enabled:
            return FeedRefused("this bot reads only its operator's feeds (chat feeds are off)")
        if url in self._operator:
            return FeedKnown(url, 0)
        chat = self.chat(chat_id)
        if url in chat.feeds:
            return FeedKnown(url, chat.feeds.index(url) + 1)
        if len(chat.feeds) >= self.max_per_chat:
            return FeedRefused(self._chat_full())
        everyone = chat_feed_urls(self.store)
        if url not in everyone and len(everyone) >= self.max_feeds:
            return FeedRefused(ALL_FULL)
        return None

    def _chat_full(self) -> str:
        return (
            f"this chat has the most feeds it may add ({self.max_per_chat}): "
            "remove one with /feeds remove N first"
        )

    def remove(self, chat_id: int, text: str) -> RemoveResult:
        """Remove one of the chat's own feeds by its number in /feeds or its URL."""
        chat = self.chat(chat_id)
        wanted = text.strip().removeprefix("#")
        if wanted.isdigit():
            number = int(wanted)
            if not 1 <= number <= len(chat.feeds):
                return FeedRefused(_no_such_number(number, len(chat.feeds)))
            return self._remove(chat, chat.feeds[number - 1])
        try:
            url = normalise_url(wanted)
        except ValueError:
            return FeedRefused("give the feed's number in /feeds, e.g. /feeds remove 2")
        if url not in chat.feeds:
            return FeedRefused("that is not one of this chat's own feeds (see /feeds)")
        return self._remove(chat, url)

    def remove_by_key(self, chat_id: int, key: str) -> RemoveResult:
        """Remove the chat's feed whose `feed_key` is `key` (its button)."""
        chat = self.chat(chat_id)
        for url in chat.feeds:
            if feed_key(url) == key:
                return self._remove(chat, url)
        return FeedRefused("that feed is no longer one of this chat's")

    def _remove(self, chat: Chat, url: str) -> RemoveResult:
        # One step in the store: a feed another admin added meanwhile is kept.
        if self.store.remove_chat_feed(chat.id, url) is None:
            return FeedRefused("that feed is no longer one of this chat's")
        log.info("chat %s removed feed %s", chat.id, url)
        self._changed()
        return FeedRemoved(url, self.titles(url))

    def set_only(self, chat_id: int, only: bool) -> ScopeResult:
        """/feeds only (just the chat's own feeds) or /feeds all (the operator's too)."""
        if only and not self.enabled:
            return FeedRefused("this bot reads only its operator's feeds (chat feeds are off)")
        # One step in the store: a feed or setting changed meanwhile is kept, and the last
        # feed removed meanwhile leaves /feeds only off.
        update = self.store.update_chat(chat_id, lambda c: _scoped(c, only))
        chat = update.before or Chat(id=chat_id)
        if only and not chat.feeds:
            return FeedRefused("this chat has no feeds of its own yet: /feeds add URL first")
        return ScopeChanged(only, changed=update.changed)

    def own_feeds(self, chat_id: int) -> list[FeedLine]:
        """The chat's own feeds with their titles (for /export)."""
        return [FeedLine(u, self.titles(u)) for u in self.chat(chat_id).feeds]

    def _changed(self) -> None:
        try:
            self.on_change()
        except Exception:  # the change is stored; the poller reads it at its next start
            log.exception("the poller could not take the feed change")


def _scoped(chat: Chat | None, only: bool) -> Chat | None:
    """The stored chat seeing only its own feeds or all; unchanged when it has none of its
    own and only those are asked for (or it is not stored)."""
    if chat is None or (only and not chat.feeds):
        return chat
    return replace(chat, own_feeds_only=only)


def _no_such_number(number: int, count: int) -> str:
    if count == 0:
        return "this chat has no feeds of its own"
    return f"there is no feed {number}: this chat has {count}"
