"""Deciding who gets which alert (pure: no I/O, no Telegram).

`decide_alerts` turns new stories and the matcher's results into outbox entries, one
per (chat, story); `plan_chat` says what to send a chat now (bot.alerts.format builds it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Protocol

from bot.alerts.schedule import is_held, release
from bot.models import Article, Chat, Subscription

# This many alerts ready at once for one chat go out as one combined message.
BURST_SIZE = 3

# "withdrawn": its subscriptions were muted or removed before it went; like "sent", it is
# final and keeps its key, so the story is never queued for that chat again.
STATUSES = ("pending", "held", "sent", "failed", "withdrawn")
UNSENT = ("pending", "held")


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
    seen: datetime = field(default_factory=lambda: datetime.now(UTC))

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
    status: str = "pending"  # one of STATUSES; "held" = waiting for a digest or quiet hours
    hold: str = ""  # "digest" or "quiet" when held
    sent: datetime | None = None

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
        return replace(self, hits=(), status="withdrawn", hold="", sent=at)


def decide_alerts(
    articles: Sequence[Article],
    matches: Mapping[str, Sequence[MatchLike]],
    subscriptions: Mapping[int, Subscription],
    chats: Mapping[int, Chat],
    *,
    now: datetime,
    max_age: timedelta | None = None,
) -> list[OutboxEntry]:
    """Outbox entries for new stories: one per (chat, story), listing every matched term.

    `matches` maps an article id to the matcher's results (keys are subscription ids).
    A subscription alerts only for stories first seen after it was made; muted
    subscriptions, paused chats and inactive (blocked) chats produce nothing. A story
    published more than `max_age` ago alerts nobody: the outbox forgets what it sent after
    that long, so such a story (an old entry a feed still lists, read again after the
    article store forgot it) could otherwise be alerted a second time.
    """
    entries: dict[tuple[int, str], OutboxEntry] = {}
    for article in articles:
        published = article.published
        if max_age is not None and published is not None and now - published > max_age:
            continue
        story = Story.from_article(article)
        for match in matches.get(article.id, ()):
            sub = subscriptions.get(match.key)
            if sub is None or sub.muted or article.seen < sub.created:
                continue
            chat = chats.get(sub.chat_id) or Chat(id=sub.chat_id)
            if chat.paused or not chat.active:
                continue
            labels = tuple(dict.fromkeys(t.label for t in match.terms))
            hold = is_held(chat, now)
            entry = OutboxEntry(
                chat_id=chat.id,
                story=story,
                hits=(Hit(sub.id, sub.query, labels),),
                created=now,
                status="held" if hold else "pending",
                hold=hold,
            )
            known = entries.get(entry.key)
            entries[entry.key] = known.merged(entry) if known else entry
    return list(entries.values())


@dataclass(frozen=True, slots=True)
class Plan:
    """What to send one chat now: `entries` as one `kind` of message, or wait until `wait`."""

    kind: str  # "single", "burst", "digest", "quiet", or "wait"
    entries: tuple[OutboxEntry, ...] = ()
    wait: datetime | None = None


def plan_chat(chat: Chat, entries: Sequence[OutboxEntry], now: datetime) -> Plan:
    """What to send the chat now from its unsent entries (oldest first), or when to look again.

    Paused and inactive chats wait (entries are kept, not dropped). Digest and quiet-hour
    holds are released together as one digest; several instant alerts ready at once
    (BURST_SIZE or more) are combined; otherwise the oldest goes alone.
    """
    if not entries or chat.paused or not chat.active:
        return Plan("wait")
    ready: list[OutboxEntry] = []
    kinds: set[str] = set()
    wait: datetime | None = None
    for entry in entries:
        due = release(chat, entry.created, now)
        if due.at <= now:
            ready.append(entry)
            kinds.add(due.kind)
        elif wait is None or due.at < wait:
            wait = due.at
    if not ready:
        return Plan("wait", wait=wait)
    if "digest" in kinds:
        return Plan("digest", tuple(ready))
    if "quiet" in kinds:
        return Plan("quiet", tuple(ready))
    if len(ready) >= BURST_SIZE:
        return Plan("burst", tuple(ready))
    return Plan("single", (ready[0],))
