"""Values shared by the core, the store and the edge: chats, subscriptions, articles,
feed states and the outbox's alerts.

All datetimes are timezone-aware and in UTC.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum


def utcnow() -> datetime:
    """The current time, aware and in UTC."""
    return datetime.now(UTC)


def parse_utc(value: object, name: str = "time") -> datetime:
    """An ISO-8601 time as an aware UTC datetime: the one parser of stored and read times.

    "Z" is accepted for UTC and a naive time is taken as UTC (a hand-edited file can only
    have meant that). ValueError with a one-line reason naming `name` otherwise.
    """
    if not isinstance(value, str):
        raise ValueError(f"{name} must be an ISO-8601 string")
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"{name} is not an ISO-8601 time: {value!r}") from None
    if when.tzinfo is None:
        return when.replace(tzinfo=UTC)
    return when.astimezone(UTC)


def format_utc(when: datetime) -> str:
    """An aware datetime as stored: ISO-8601 in UTC. ValueError for a naive one."""
    if when.utcoffset() is None:
        raise ValueError(f"a stored time must be timezone-aware, got {when!r}")
    return when.astimezone(UTC).isoformat()


class DigestMode(StrEnum):
    """How a chat gets its alerts (/digest): at once, or gathered hourly or daily."""

    OFF = "off"
    HOURLY = "hourly"
    DAILY = "daily"


DIGEST_MODES = tuple(DigestMode)


class ChatKind(StrEnum):
    """Telegram's chat type, as stored."""

    PRIVATE = "private"
    GROUP = "group"
    SUPERGROUP = "supergroup"
    CHANNEL = "channel"


class HoldReason(StrEnum):
    """Why a queued alert is held: the chat's digest, its quiet hours, or not held."""

    NONE = ""
    DIGEST = "digest"
    QUIET = "quiet"


@dataclass(frozen=True, slots=True)
class Chat:
    """A Telegram chat the bot knows, with its settings and delivery state."""

    id: int
    kind: ChatKind = ChatKind.PRIVATE  # Telegram's chat type
    title: str = ""
    created: datetime = field(default_factory=utcnow)
    paused: bool = False  # /pause: no pushes, subscriptions kept
    active: bool = True  # False once Telegram said the bot is blocked (403)
    digest: DigestMode = DigestMode.OFF
    digest_time: str = "08:00"  # HH:MM in the chat's time zone, for daily digests
    timezone: str = "UTC"  # IANA name, e.g. Europe/Berlin
    quiet: str = ""  # "HH:MM-HH:MM" in the chat's time zone, or "" for none
    last_digest: datetime | None = None
    # The language of replies (/language), a code such as "en" or "ru" that bot/locale has;
    # "" follows each person's Telegram language_code.
    language: str = ""
    # A private chat only: the channel its person manages from here (/channel), whose
    # subscriptions and settings the commands change instead of this chat's; None: itself.
    manages: int | None = None
    feeds: tuple[str, ...] = ()  # URLs of the chat's own feeds (/feeds add), oldest first
    own_feeds_only: bool = False  # /feeds only: its subscriptions see only its own feeds
    previews: bool = True  # /settings: alerts show the article's link preview

    @property
    def is_group(self) -> bool:
        """Many readers, few messages: a group, supergroup or channel (Telegram's limit of
        20 messages a minute applies, not a private chat's one a second)."""
        return self.kind in (ChatKind.GROUP, ChatKind.SUPERGROUP, ChatKind.CHANNEL)


@dataclass(frozen=True, slots=True)
class Sources:
    """The feeds a chat's subscriptions see: the operator's and the chat's own, or only
    its own (/feeds only).

    Told apart by what chats added: every feed polled is the operator's or some chat's, so
    "the operator's" is any feed no chat added that the operator does not list
    (`chat_added`), which also covers articles read from no feed and those of a feed the
    operator listed once.
    """

    chat_added: frozenset[str] = frozenset()  # feeds chats added, minus the operator's
    own: frozenset[str] = frozenset()
    only: bool = False

    @classmethod
    def of(cls, chat: Chat, chat_added: frozenset[str], *, chat_feeds: bool = True) -> Sources:
        """What `chat` sees; with chat-added feeds switched off, the operator's feeds."""
        if not chat_feeds:
            return cls(chat_added)
        own = frozenset(chat.feeds)
        return cls(chat_added, own, chat.own_feeds_only and bool(own))

    def sees(self, feed: str) -> bool:
        if feed in self.own:
            return True
        return not self.only and feed not in self.chat_added


@dataclass(frozen=True, slots=True)
class Subscription:
    """One query a chat subscribed to."""

    id: int  # unique across the store, never reused
    chat_id: int
    query: str  # the normalised query text (what /list shows)
    created: datetime = field(default_factory=utcnow)
    muted: bool = False
    thread_id: int | None = None  # the forum topic it was made in: its alerts go there


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

    @property
    def when(self) -> datetime:
        """The time shown and used for "newest first": published, else first seen."""
        return self.published or self.seen


class PollOutcome(StrEnum):
    """What one poll of one feed came to."""

    OK = "ok"  # read (new entries or not)
    NOT_MODIFIED = "not-modified"  # 304: nothing changed since the last read
    FAILED = "failed"  # fetch, parse or store failed (the feed's state says why)


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


class OutboxStatus(StrEnum):
    """Where an outbox entry stands. "held" waits for a digest or the end of quiet hours.

    "withdrawn": its subscriptions were muted or removed before it went; like "sent", it is
    final and keeps its key, so the story is never queued for that chat again.
    "sending": claimed by the sender, in flight to Telegram (pending -> sending -> sent);
    a withdrawal no longer changes it. One left by a sender that died goes back to
    pending when the next one takes over (docs/alerts.md, "One sender").
    """

    PENDING = "pending"
    HELD = "held"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    WITHDRAWN = "withdrawn"


STATUSES = tuple(OutboxStatus)
UNSENT = (OutboxStatus.PENDING, OutboxStatus.HELD)  # waiting: a withdrawal still changes them
UNFINISHED = (*UNSENT, OutboxStatus.SENDING)  # not final: listed as unsent, story kept


@dataclass(frozen=True, slots=True)
class UnsentSummary:
    """The outbox's unsent entries counted by status, and the oldest pending one's age."""

    pending: int = 0
    held: int = 0
    sending: int = 0
    oldest_pending: datetime | None = None  # when the oldest pending entry was queued


@dataclass(frozen=True, slots=True)
class Story:
    """What an alert shows of an article; kept in the outbox so sending needs nothing else."""

    id: str  # the story id: one alert per chat per story
    article_id: str
    title: str
    url: str
    summary: str = ""
    source: str = ""
    published: datetime | None = None
    seen: datetime = field(default_factory=utcnow)

    @classmethod
    def from_article(cls, article: Article) -> Story:
        return cls(
            id=article.story,
            article_id=article.id,
            title=article.title,
            url=article.url,
            summary=article.summary,
            source=article.source,
            published=article.published,
            seen=article.seen,
        )

    @property
    def when(self) -> datetime:
        """The time shown and used for "newest first": published, else first seen."""
        return self.published or self.seen


@dataclass(frozen=True, slots=True)
class Hit:
    """One subscription of the chat that matched the story, with the matched terms' labels."""

    subscription_id: int
    query: str
    terms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    """One alert to deliver: exactly one per (chat, story)."""

    chat_id: int
    story: Story
    hits: tuple[Hit, ...]
    created: datetime  # when it was queued (drives digests and quiet hours)
    status: OutboxStatus = OutboxStatus.PENDING
    hold: HoldReason = HoldReason.NONE
    sent: datetime | None = None
    # The forum topic it goes to (its first subscription's), or None for the chat itself.
    thread_id: int | None = None

    @property
    def key(self) -> tuple[int, str]:
        return (self.chat_id, self.story.id)

    @property
    def terms(self) -> tuple[str, ...]:
        """Every matched term of every matching subscription, once, in order."""
        return tuple(dict.fromkeys(t for hit in self.hits for t in hit.terms))

    def merged(self, other: OutboxEntry) -> OutboxEntry:
        """This entry with the other's subscriptions added (same chat and story)."""
        known = {h.subscription_id for h in self.hits}
        extra = tuple(h for h in other.hits if h.subscription_id not in known)
        return replace(self, hits=self.hits + extra)

    def without(self, subscription_id: int, at: datetime) -> OutboxEntry:
        """This entry with that subscription's hit taken out (it was muted or removed).

        Left with no hit, the entry is "withdrawn" at `at`: final, like "sent", so its key
        keeps the story from being queued for the chat again. Sent entries do not change.
        """
        if self.status not in UNSENT:
            return self
        hits = tuple(h for h in self.hits if h.subscription_id != subscription_id)
        if len(hits) == len(self.hits):
            return self
        if hits:
            return replace(self, hits=hits)
        return replace(self, hits=(), status=OutboxStatus.WITHDRAWN, hold=HoldReason.NONE, sent=at)
