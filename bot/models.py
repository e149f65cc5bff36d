"""Values shared by the core, the store and the edge: chats, subscriptions, articles.

All datetimes are timezone-aware and in UTC.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime


def utcnow() -> datetime:
    """The current time, aware and in UTC."""
    return datetime.now(UTC)


DIGEST_MODES = ("off", "hourly", "daily")


@dataclass(frozen=True, slots=True)
class Chat:
    """A Telegram chat the bot knows, with its settings and delivery state."""

    id: int
    kind: str = "private"  # Telegram's chat type: private, group, supergroup, channel
    title: str = ""
    created: datetime = field(default_factory=utcnow)
    paused: bool = False  # /pause: no pushes, subscriptions kept
    active: bool = True  # False once Telegram said the bot is blocked (403)
    digest: str = "off"  # one of DIGEST_MODES
    digest_time: str = "08:00"  # HH:MM in the chat's time zone, for daily digests
    timezone: str = "UTC"  # IANA name, e.g. Europe/Berlin
    quiet: str = ""  # "HH:MM-HH:MM" in the chat's time zone, or "" for none
    last_digest: datetime | None = None

    @property
    def is_group(self) -> bool:
        return self.kind in ("group", "supergroup")


@dataclass(frozen=True, slots=True)
class Subscription:
    """One query a chat subscribed to."""

    id: int  # unique across the store, never reused
    chat_id: int
    query: str  # the normalised query text (what /list shows)
    created: datetime = field(default_factory=utcnow)
    muted: bool = False


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as the bot reads it: clean text, canonical link, UTC time."""

    id: str  # stable: the feed entry's id, else derived from the canonical URL
    url: str  # canonical: scheme/host normalised, tracking parameters and fragment removed
    title: str
    summary: str = ""  # at most about 300 characters, cut at a sentence or word boundary
    text: str = ""  # the article text the matcher reads (no page furniture)
    published: datetime | None = None
    source: str = ""  # the publisher's name, e.g. "BBC News"
    feed: str = ""  # the feed URL it came from ("" for a single page)
    seen: datetime = field(default_factory=utcnow)  # when the bot first read it
    story_id: str = ""  # id of the first article of the same story ("" = its own id)

    @property
    def story(self) -> str:
        return self.story_id or self.id


@dataclass(frozen=True, slots=True)
class FeedState:
    """What the poller remembers about one feed between polls (and across restarts)."""

    url: str
    etag: str = ""  # sent back as If-None-Match
    last_modified: str = ""  # sent back as If-Modified-Since
    last_polled: datetime | None = None
    last_success: datetime | None = None  # None: the feed was never read (its first poll)
    last_error: str = ""  # one line, "" after a success
    last_error_at: datetime | None = None
    failures: int = 0  # consecutive failed polls; 0 after a success
    next_poll: datetime | None = None  # not before (backoff, Retry-After)
    title: str = ""  # the feed's own title, used as the source name
    # Ids of the entries the last successful read listed. An entry listed before is never
    # news again, even once the article store has forgotten it (feeds that keep old
    # entries forever, undated ones among them, would otherwise repeat after retention).
    listed: tuple[str, ...] = ()
