"""The operators' view of a running bot (/status): chats, subscriptions, feeds, outbox.

`StatusService` gathers the figures from the stores; `format_status` (pure) words them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from html import escape

from bot.alerts.decide import Backlog
from bot.models import Chat, FeedState
from bot.text import ago
from storage.base import ArticleStore, ChatStore, FeedStateStore, OutboxStore

# Failing feeds listed by name in the report; the rest are counted.
MAX_FAILING_SHOWN = 5


@dataclass(frozen=True, slots=True)
class Figures:
    """What /status reports, gathered from the stores."""

    chats: Sequence[Chat]
    subscriptions: int
    feeds: Sequence[FeedState]
    feeds_configured: int
    articles: int
    unsent: int
    waiting_chats: int = 0  # chats the unsent alerts are for
    pace: float = 30.0  # the sender's messages a second over all chats

    @property
    def backlog(self) -> Backlog:
        return Backlog(self.unsent, self.waiting_chats, self.pace)


class StatusService:
    """Reads what /status reports from the stores; changes nothing."""

    def __init__(
        self,
        *,
        chats: ChatStore,
        feed_states: FeedStateStore,
        articles: ArticleStore,
        outbox: OutboxStore,
        feeds_configured: int,
        pace: float = 30.0,
    ) -> None:
        self.chats = chats
        self.feed_states = feed_states
        self.articles = articles
        self.outbox = outbox
        self.feeds_configured = feeds_configured
        self.pace = pace

    def figures(self) -> Figures:
        """The figures of the report, read now."""
        unsent, waiting_chats = self.outbox.unsent_counts()
        return Figures(
            chats=self.chats.chats(),
            subscriptions=len(self.chats.all_subscriptions()),
            feeds=self.feed_states.all(),
            feeds_configured=self.feeds_configured,
            articles=len(self.articles),
            unsent=unsent,
            waiting_chats=waiting_chats,
            pace=self.pace,
        )


def format_status(figures: Figures, now: datetime) -> str:
    """An HTML report of the bot's state for its operators."""
    chats = figures.chats
    inactive = sum(1 for c in chats if not c.active)
    paused = sum(1 for c in chats if c.paused)
    failing = sorted(
        (s for s in figures.feeds if s.failures), key=lambda s: s.failures, reverse=True
    )
    never = figures.feeds_configured - sum(1 for s in figures.feeds if s.last_success)
    lines = [
        "<b>Newsbot status</b>",
        f"Chats: {len(chats)} ({paused} paused, {inactive} blocked the bot)",
        f"Subscriptions: {figures.subscriptions}",
        f"Stored articles: {figures.articles}",
        *_outbox_lines(figures.backlog),
        f"Feeds: {figures.feeds_configured}, {len(failing)} failing, {max(never, 0)} not read yet",
    ]
    for state in failing[:MAX_FAILING_SHOWN]:
        since = ago(state.last_success, now) if state.last_success else "never read"
        lines.append(
            f"• {escape(state.title or state.url)}: {state.failures} failures "
            f"(last success {since}): {escape(state.last_error)}"
        )
    if len(failing) > MAX_FAILING_SHOWN:
        lines.append(f"• … and {len(failing) - MAX_FAILING_SHOWN} more")
    return "\n".join(lines)


def _outbox_lines(backlog: Backlog) -> list[str]:
    if not backlog.entries:
        return ["Alerts waiting to be sent: 0"]
    lines = [
        f"Alerts waiting to be sent: {backlog.entries} for {backlog.chats} chats",
        f"Expected drain time: {_duration(backlog.drain_seconds)} at {backlog.pace:g} messages/s",
    ]
    if backlog.combining:
        lines.append("Backlog: each chat gets its waiting alerts combined in one message")
    return lines


def _duration(seconds: float) -> str:
    """`45 s`, `12 min`, `3 h 20 min`: a drain time at a glance."""
    if seconds < 60:
        return f"{max(seconds, 0):.0f} s"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60} min"
